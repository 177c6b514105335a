#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FileSystem {
  /// A descriptor reading the file at `path`, for streaming input (`BatchRunner`). The caller
  /// closes it.
  public static func openForReading(_ path: String) throws(FileError) -> Int32 {
    guard !isDirectory(path) else {
      throw FileError(path: path, operation: "read", reason: "Is a directory")
    }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw descriptorFailure(path, "read") }
    return descriptor
  }

  /// A descriptor writing the file at `path`, created or emptied, for streaming output
  /// (`BatchRunner`). Not atomic: readers may see a part. The caller closes it.
  public static func openForWriting(_ path: String) throws(FileError) -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw descriptorFailure(path, "write") }
    return descriptor
  }

  private static func descriptorFailure(_ path: String, _ operation: String) -> FileError {
    FileError(path: path, operation: operation, reason: String(cString: strerror(errno)))
  }
}
