#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file operation that failed, with the path and the system's reason.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file or directory.
  public let path: String
  /// What was being done: "read", "write", "list".
  public let operation: String
  /// The system's reason, e.g. "No such file or directory".
  public let reason: String

  /// "cannot read missing.json: No such file or directory".
  public var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// The few file operations coa needs, on POSIX calls (Foundation costs start-up time).
public enum FileSystem {
  /// The whole content of the file at `path`.
  public static func read(_ path: String) throws(FileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(path, "read") }
    defer { close(descriptor) }

    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure(path, "read") }
    guard (status.st_mode & S_IFMT) != S_IFDIR else {
      throw FileError(path: path, operation: "read", reason: "Is a directory")
    }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size) + 1)
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(path, "read")
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed,
  /// then renamed over the target. Readers see the old file or the new one, never a part.
  /// A symbolic link is followed: the file it points to is replaced, the link stays.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileError) {
    let target = resolvingLinks(path)
    let folder = directory(of: target)
    let (descriptor, temporary) = try createTemporary(next: target, reportedAs: path)

    keepMode(of: target, on: descriptor)
    try fill(descriptor, with: bytes, flush: true, removing: temporary, reportedAs: path, "write")
    guard rename(temporary, target) == 0 else {
      let error = failure(path, "write")
      unlink(temporary)
      throw error
    }
    syncDirectory(folder)
  }

  // A new file next to `target` that nobody else can have planted (O_EXCL; never follows a
  // link), and its path.
  private static func createTemporary(next target: String, reportedAs path: String)
    throws(FileError) -> (Int32, String)
  {
    let stem = "\(directory(of: target))/.\(baseName(of: target)).coa-\(getpid())"
    for attempt in 0..<100 {
      let temporary = "\(stem)-\(attempt).tmp"
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if descriptor >= 0 { return (descriptor, temporary) }
      guard errno == EEXIST else { break }
    }
    throw failure(path, "write")
  }

  // The path with symbolic links resolved, or `path` itself when it does not exist yet.
  private static func resolvingLinks(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  // Makes the rename itself durable.
  private static func syncDirectory(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  /// Creates the file at `path` holding `bytes`, only if nothing is there yet (O_CREAT and
  /// O_EXCL: no race with another writer). Returns false, and writes nothing, when something
  /// already exists at `path`.
  public static func createNew(_ bytes: [UInt8], at path: String) throws(FileError) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor < 0, errno == EEXIST { return false }
    guard descriptor >= 0 else { throw failure(path, "create") }

    try fill(descriptor, with: bytes, flush: false, removing: path, reportedAs: path, "create")
    return true
  }

  // Writes all of `bytes` to `descriptor` and closes it (after fsync when `flush`). On any
  // failure the file at `partial` is removed and the error names `path` and `operation`.
  private static func fill(
    _ descriptor: Int32, with bytes: [UInt8], flush: Bool, removing partial: String,
    reportedAs path: String, _ operation: String
  ) throws(FileError) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress?.advanced(by: written), buffer.count - written)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        let error = failure(path, operation)
        close(descriptor)
        unlink(partial)
        throw error
      }
      written += count
    }
    let flushed = !flush || fsync(descriptor) == 0
    let closed = close(descriptor) == 0
    guard flushed, closed else {
      let error = failure(path, operation)
      unlink(partial)
      throw error
    }
  }

  /// Creates the directory at `path` and any missing parents, as `mkdir -p` does.
  public static func makeDirectories(_ path: String) throws(FileError) {
    guard !isDirectory(path) else { return }
    let parent = directory(of: path)
    if parent != path, parent != ".", parent != "/" { try makeDirectories(parent) }
    guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
      throw failure(path, "create directory")
    }
  }

  /// The names in the directory at `path`, sorted, without "." and "..".
  public static func list(_ path: String) throws(FileError) -> [String] {
    guard let stream = opendir(path) else { throw failure(path, "list") }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Whether `path` names a directory.
  public static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
  }

  /// Whether something exists at `path`.
  public static func exists(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0
  }

  /// The directory part of `path` ("." when there is none).
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The last component of `path`.
  public static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  // An existing target keeps its permission bits.
  private static func keepMode(of path: String, on descriptor: Int32) {
    var status = stat()
    if stat(path, &status) == 0 { fchmod(descriptor, status.st_mode & 0o7777) }
  }

  private static func failure(_ path: String, _ operation: String) -> FileError {
    FileError(path: path, operation: operation, reason: String(cString: strerror(errno)))
  }
}
