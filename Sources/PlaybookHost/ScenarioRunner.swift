import LuaVM

/// The outcome of one scenario: the run's report and the expectations that did not hold.
public struct ScenarioResult: Hashable, Sendable {
  /// The scenario.
  public let scenario: Scenario
  /// The run's report.
  public let report: RunReport
  /// What did not hold; empty when the scenario passed.
  public let mismatches: [ScenarioMismatch]

  /// True when every expectation held.
  public var passed: Bool { mismatches.isEmpty }
}

/// A playbook and the scenarios to run it with: what `coa test` works through.
public struct PlaybookTests: Hashable, Sendable {
  /// The name of the folder, next to the playbooks, that holds their scenarios.
  public static let folderName = "tests"

  /// The playbook.
  public let playbook: Playbook
  /// The scenarios, sorted by file name; empty when the playbook has none.
  public let scenarios: [Scenario]

  /// How results name the playbook: its header's id, or its file name without ".lua".
  public var name: String {
    playbook.header?.id ?? Self.stem(playbook.path)
  }

  /// The folder holding the scenarios of the playbook at `playbookPath`: DIR/tests/NAME for
  /// DIR/NAME.lua.
  public static func scenarioDirectory(for playbookPath: String) -> String {
    let directory = FileSystem.directory(of: playbookPath)
    return EditorStubs.join(directory, "\(folderName)/\(stem(playbookPath))")
  }

  /// The scenarios of the playbook at `playbookPath`, sorted by file name: every .json file
  /// directly in its scenario folder; none when there is no such folder.
  public static func scenarios(for playbookPath: String) throws(ScenarioError) -> [Scenario] {
    let directory = scenarioDirectory(for: playbookPath)
    guard FileSystem.isDirectory(directory) else { return [] }
    let names: [String]
    do {
      names = try FileSystem.list(directory)
    } catch {
      throw .file(error)
    }
    var scenarios: [Scenario] = []
    for name in names where name.hasSuffix(".json") {
      scenarios.append(try Scenario.load(path: EditorStubs.join(directory, name)))
    }
    return scenarios
  }

  /// What `paths` ask to test, in order: a folder stands for its playbooks (the .lua files
  /// directly in it that have a header) with all their scenarios, a .lua file for itself
  /// with all its scenarios, a .json file for that scenario of its playbook. Scenarios of
  /// the same playbook given one by one are grouped.
  public static func collect(_ paths: [String], limits: LuaLimits = LuaLimits())
    throws(ScenarioError) -> [PlaybookTests]
  {
    var collected: [PlaybookTests] = []
    for path in paths {
      for tests in try collect(path, limits: limits) {
        guard let same = collected.firstIndex(where: { $0.playbook.path == tests.playbook.path })
        else {
          collected.append(tests)
          continue
        }
        let known = Set(collected[same].scenarios.map(\.path))
        let added = tests.scenarios.filter { !known.contains($0.path) }
        collected[same] = PlaybookTests(
          playbook: tests.playbook, scenarios: collected[same].scenarios + added)
      }
    }
    return collected
  }

  /// Runs every scenario, each in a fresh sandbox, in order.
  public func run(limits: LuaLimits = LuaLimits()) -> [ScenarioResult] {
    scenarios.map { Self.run($0, on: playbook, limits: limits) }
  }

  /// Runs `scenario` on `playbook` and checks its expectations.
  public static func run(
    _ scenario: Scenario, on playbook: Playbook, limits: LuaLimits = LuaLimits()
  )
    -> ScenarioResult
  {
    let report = PlaybookRunner.run(
      playbook, incident: scenario.incident, integrations: scenario.integrations, limits: limits)
    return ScenarioResult(
      scenario: scenario, report: report, mismatches: scenario.expectation.mismatches(in: report))
  }

  // MARK: - Internals

  private static func collect(_ path: String, limits: LuaLimits) throws(ScenarioError)
    -> [PlaybookTests]
  {
    if FileSystem.isDirectory(path) {
      let names: [String]
      do {
        names = try FileSystem.list(path)
      } catch {
        throw .file(error)
      }
      var found: [PlaybookTests] = []
      for name in names where name.hasSuffix(".lua") {
        let playbook = try load(EditorStubs.join(path, name), limits: limits)
        guard playbook.header != nil else { continue }
        found.append(
          PlaybookTests(playbook: playbook, scenarios: try scenarios(for: playbook.path)))
      }
      return found
    }
    if path.hasSuffix(".json") {
      let folder = FileSystem.directory(of: path)
      guard FileSystem.baseName(of: FileSystem.directory(of: folder)) == folderName else {
        throw .strayScenario(path: path)
      }
      let playbooks = FileSystem.directory(of: FileSystem.directory(of: folder))
      let playbookPath = EditorStubs.join(playbooks, FileSystem.baseName(of: folder) + ".lua")
      let scenario = try Scenario.load(path: path)
      return [
        PlaybookTests(playbook: try load(playbookPath, limits: limits), scenarios: [scenario])
      ]
    }
    if !path.hasSuffix(".lua"), FileSystem.exists(path) { throw .notATestTarget(path: path) }
    let playbook = try load(path, limits: limits)
    return [PlaybookTests(playbook: playbook, scenarios: try scenarios(for: path))]
  }

  private static func load(_ path: String, limits: LuaLimits) throws(ScenarioError) -> Playbook {
    do {
      return try Playbook.load(path: path, limits: limits)
    } catch {
      throw .playbook(error)
    }
  }

  private static func stem(_ path: String) -> String {
    let name = FileSystem.baseName(of: path)
    return name.hasSuffix(".lua") ? String(name.dropLast(4)) : name
  }
}
