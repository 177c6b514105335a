import CoaJSON
import LuaVM

/// A playbook file: its path, its source and, when it has one, its validated header.
///
/// A file without a header is an ad-hoc remediation script: its top level is its body, it
/// runs with the same natives, sandbox and report, but cannot be found by technique.
public struct Playbook: Hashable, Sendable {
  /// The path it was read from; errors and tracebacks name it.
  public let path: String
  /// The Lua source.
  public let source: [UInt8]
  /// The header, or nil for an ad-hoc script.
  public let header: PlaybookHeader?

  /// Reads the file at `path`, compiles it and validates its header, without running the
  /// body. Limits hold while the header is read.
  public static func load(path: String, limits: LuaLimits = LuaLimits()) throws(PlaybookError)
    -> Playbook
  {
    let source: [UInt8]
    do {
      source = try FileSystem.read(path)
    } catch {
      throw .unreadable(error)
    }
    return try Playbook(path: path, source: source, limits: limits)
  }

  /// Compiles `source` and validates its header, without running the body.
  public init(path: String, source: [UInt8], limits: LuaLimits = LuaLimits()) throws(PlaybookError)
  {
    self.path = path
    self.source = source

    let lines = PlaybookHeader.fieldLines(in: source)
    try PlaybookHeader.checkOrder(lines, path: path)
    let vm = try Playbook.makeVM(limits: limits, path: path)
    let session = RunSession(
      incident: Incident(), integrations: .none, report: RunReport(), phase: .header)
    session.install(into: vm)
    let chunk = try Playbook.compile(source, path: path, in: vm)

    guard !lines.isEmpty else {
      header = nil
      return
    }
    do {
      _ = try vm.call(chunk)
    } catch {
      throw .headerFailed(path: path, line: error.line, message: error.message)
    }
    header = try PlaybookHeader.read(path: path, lines: lines) { name throws(PlaybookError) in
      do throws(LuaBridgeError) {
        return try vm.global(name)
      } catch {
        throw .badField(
          path: path, line: lines[name], field: name, expected: "plain data",
          found: error.description)
      }
    }
    guard vm.globalType("run") == .function else { throw .missingRun(path: path) }
  }

  /// The techniques this playbook handles; empty for an ad-hoc script.
  public var techniques: [String] { header?.techniques ?? [] }

  static func makeVM(limits: LuaLimits, path: String) throws(PlaybookError) -> LuaVM {
    do {
      return try LuaVM(limits: limits)
    } catch {
      throw .headerFailed(path: path, line: nil, message: error.message)
    }
  }

  static func compile(_ source: [UInt8], path: String, in vm: LuaVM) throws(PlaybookError)
    -> LuaFunction
  {
    do {
      return try vm.load(source, chunkName: path)
    } catch {
      throw .syntax(path: path, line: error.line, message: error.message)
    }
  }
}

/// The playbooks of a folder, found by the technique IDs their headers name.
public struct PlaybookLibrary: Sendable {
  /// The folder.
  public let directory: String
  /// The playbooks with a header, sorted by path.
  public let playbooks: [Playbook]
  /// The files that failed to load, with why.
  public let problems: [PlaybookError]

  /// Loads every *.lua file directly in `directory`.
  public init(directory: String, limits: LuaLimits = LuaLimits()) throws(PlaybookError) {
    self.directory = directory
    let names: [String]
    do {
      names = try FileSystem.list(directory)
    } catch {
      throw .unreadable(error)
    }
    var playbooks: [Playbook] = []
    var problems: [PlaybookError] = []
    for name in names where name.hasSuffix(".lua") {
      let path = directory == "." ? name : "\(directory)/\(name)"
      do {
        let playbook = try Playbook.load(path: path, limits: limits)
        if playbook.header != nil { playbooks.append(playbook) }
      } catch {
        problems.append(error)
      }
    }
    self.playbooks = playbooks
    self.problems = problems
  }

  /// The playbook in `directory` whose header handles `technique`, loading only the files
  /// that mention the ID (letter case ignored): a run by technique ID should not pay for
  /// compiling every playbook of the folder. Nil when none of those handles it; the caller
  /// then loads the whole folder (`init(directory:limits:)`) to say which techniques it knows.
  public static func quickFind(
    _ technique: String, in directory: String, limits: LuaLimits = LuaLimits()
  ) throws(PlaybookError) -> Playbook? {
    let names: [String]
    do {
      names = try FileSystem.list(directory)
    } catch {
      throw .unreadable(error)
    }

    let wanted = technique.uppercased()
    var matches: [Playbook] = []
    for name in names where name.hasSuffix(".lua") {
      let path = directory == "." ? name : "\(directory)/\(name)"
      guard let source = try? FileSystem.read(path), mentions(source, wanted) else { continue }
      guard let playbook = try? Playbook(path: path, source: source, limits: limits) else {
        continue
      }
      if playbook.techniques.contains(where: { $0.uppercased() == wanted }) {
        matches.append(playbook)
      }
    }

    guard matches.count <= 1 else {
      throw .duplicateTechnique(technique, paths: matches.map(\.path))
    }
    return matches.first
  }

  // Whether `source`, with ASCII letters upper-cased, contains `text` (upper case already).
  private static func mentions(_ source: [UInt8], _ text: String) -> Bool {
    let needle = Array(text.utf8)
    guard let first = needle.first, source.count >= needle.count else { return false }
    func upper(_ byte: UInt8) -> UInt8 { byte >= 97 && byte <= 122 ? byte - 32 : byte }
    var start = 0
    while start + needle.count <= source.count {
      if upper(source[start]) == first,
        needle.indices.allSatisfy({ upper(source[start + $0]) == needle[$0] })
      {
        return true
      }
      start += 1
    }
    return false
  }

  /// Every technique ID handled, sorted.
  public var techniques: [String] {
    Array(Set(playbooks.flatMap(\.techniques))).sorted()
  }

  /// The playbook handling `technique` (letter case ignored).
  public func playbook(for technique: String) throws(PlaybookError) -> Playbook {
    let wanted = technique.uppercased()
    let matches = playbooks.filter { $0.techniques.contains { $0.uppercased() == wanted } }
    guard let first = matches.first else {
      throw .unknownTechnique(technique, known: techniques)
    }
    guard matches.count == 1 else {
      throw .duplicateTechnique(technique, paths: matches.map(\.path))
    }
    return first
  }
}
