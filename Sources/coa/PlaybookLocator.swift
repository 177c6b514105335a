#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PlaybookHost

/// Finds playbooks: the shipped folder, and the file a PLAYBOOK argument names.
enum PlaybookLocator {
  /// The folder of playbooks used when --playbooks is not given.
  ///
  /// coa walks up from the folder of its own executable (/proc/self/exe) to the first folder
  /// that holds both Package.swift and a playbooks folder: the checkout it was built from.
  /// When there is none (the binary was copied elsewhere, or built under another scratch
  /// path), it is ./playbooks, relative to the working directory. A folder inside the working
  /// directory is given relative to it, so that reports show short paths.
  static func defaultDirectory() -> String {
    guard let executable = executablePath() else { return "playbooks" }
    var directory = FileSystem.directory(of: executable)
    while true {
      let candidate = join(directory, "playbooks")
      if FileSystem.exists(join(directory, "Package.swift")), FileSystem.isDirectory(candidate) {
        return relativeToWorkingDirectory(candidate)
      }
      guard directory != "/", directory != "." else { return "playbooks" }
      directory = FileSystem.directory(of: directory)
    }
  }

  /// Whether a PLAYBOOK argument is a path rather than a technique ID: it contains "/",
  /// ends with ".lua", or names an existing file.
  static func isPath(_ argument: String) -> Bool {
    argument.contains("/") || argument.hasSuffix(".lua")
      || (FileSystem.exists(argument) && !FileSystem.isDirectory(argument))
  }

  /// The playbook a PLAYBOOK argument names: the file at that path, or the playbook of
  /// `directory` (the shipped folder when nil) whose header handles that technique.
  static func playbook(_ argument: String, directory: String?, limits: RunLimits)
    throws(CommandLineError) -> Playbook
  {
    if isPath(argument) || !PlaybookHeader.isTechniqueID(argument.uppercased()) {
      do {
        return try Playbook.load(path: argument, limits: limits)
      } catch {
        throw .playbook(error)
      }
    }

    let folder = directory ?? defaultDirectory()
    let library: PlaybookLibrary
    do {
      if let found = try PlaybookLibrary.quickFind(argument, in: folder, limits: limits) {
        return found
      }
      library = try PlaybookLibrary(directory: folder, limits: limits)
    } catch {
      throw .playbook(error)
    }
    do {
      return try library.playbook(for: argument)
    } catch {
      if case .unknownTechnique = error {
        throw .unknownTechnique(error, brokenFiles: library.problems.count)
      }
      throw .playbook(error)
    }
  }

  /// Whether `first` and `second` name the same existing file (same device and inode, so a
  /// symbolic or hard link counts as the same file).
  static func sameFile(_ first: String, _ second: String) -> Bool {
    var one = stat()
    var other = stat()
    guard stat(first, &one) == 0, stat(second, &other) == 0 else { return false }
    return one.st_dev == other.st_dev && one.st_ino == other.st_ino
  }

  // MARK: - Internals

  private static func executablePath() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `path` without the working directory's prefix when it is inside it.
  private static func relativeToWorkingDirectory(_ path: String) -> String {
    guard let cwd = getcwd(nil, 0) else { return path }
    defer { free(cwd) }
    let prefix = join(String(cString: cwd), "")
    guard path.hasPrefix(prefix), path.count > prefix.count else { return path }
    return String(path.dropFirst(prefix.count))
  }

  private static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
  }
}
