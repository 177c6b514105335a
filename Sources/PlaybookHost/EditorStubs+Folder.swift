import LuaVM

/// Why `coa stubs` could not do its work.
public enum EditorStubsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A fresh sandbox, whose library tables the files list, could not be made.
  case sandbox(LuaError)
  /// A file could not be read or written.
  case file(FileError)

  /// The one renderer.
  public var description: String {
    switch self {
    case .sandbox(let error): return "cannot read the sandbox's globals: \(error.description)"
    case .file(let error): return error.description
    }
  }
}

/// One file `coa stubs` maintains, with the text it should hold and whether it does.
public struct StubFile: Hashable, Sendable {
  /// Its path: the playbooks folder joined with the file's relative path.
  public let path: String
  /// The text it should hold.
  public let text: String
  /// True when the file holds exactly `text`.
  public let isCurrent: Bool
}

extension EditorStubs {
  /// The files of `directory` that `coa stubs` maintains: the definition file, .luarc.json,
  /// .luacheckrc, and the guide (README.md) when it exists and has the generated section's
  /// markers; a guide without them is left alone.
  public static func files(in directory: String) throws(EditorStubsError) -> [StubFile] {
    let surface: SandboxSurface
    do {
      surface = try SandboxSurface.current()
    } catch {
      throw .sandbox(error)
    }

    var files: [StubFile] = []
    let generated = [
      (definitionsPath, definitions(surface)),
      (luarcPath, luarc(surface)),
      (luacheckPath, luacheckConfig(surface)),
    ]
    for (relative, text) in generated {
      let path = join(directory, relative)
      files.append(StubFile(path: path, text: text, isCurrent: try current(path) == text))
    }

    let guidePath = join(directory, AuthorsGuide.path)
    if let guide = try current(guidePath),
      let updated = AuthorsGuide.updating(guide, with: AuthorsGuide.reference(surface))
    {
      files.append(StubFile(path: guidePath, text: updated, isCurrent: guide == updated))
    }
    return files
  }

  /// Writes every file of `files` that is not current, atomically, creating folders as
  /// needed; returns the paths written.
  public static func write(_ files: [StubFile]) throws(EditorStubsError) -> [String] {
    var written: [String] = []
    do {
      for file in files where !file.isCurrent {
        try FileSystem.makeDirectories(FileSystem.directory(of: file.path))
        try FileSystem.writeAtomically(Array(file.text.utf8), to: file.path)
        written.append(file.path)
      }
    } catch {
      throw .file(error)
    }
    return written
  }

  // MARK: - Internals

  /// The text of the file at `path`, or nil when there is none.
  private static func current(_ path: String) throws(EditorStubsError) -> String? {
    guard FileSystem.exists(path) else { return nil }
    do {
      return String(decoding: try FileSystem.read(path), as: UTF8.self)
    } catch {
      throw .file(error)
    }
  }

  static func join(_ directory: String, _ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : "\(directory)/\(relative)"
  }
}
