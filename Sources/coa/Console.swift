#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// stdout and stderr, written with write(2) (no Foundation: start-up time counts; no stdio
/// buffers: each call writes its whole text before returning).
enum Console {
  /// Whether stdout is a terminal; it picks the default --format.
  static var stdoutIsTerminal: Bool {
    isatty(STDOUT_FILENO) == 1
  }

  /// Writes `text` to stdout as it is.
  static func out(_ text: String) {
    writeAll(Array(text.utf8), to: STDOUT_FILENO)
  }

  /// Writes `bytes` to stdout as they are.
  static func out(bytes: [UInt8]) {
    writeAll(bytes, to: STDOUT_FILENO)
  }

  /// Writes `line` and a newline to stderr.
  static func errorLine(_ line: String) {
    writeAll(Array((line + "\n").utf8), to: STDERR_FILENO)
  }

  // MARK: - Internals

  /// Writes every byte, going on after partial writes and interruptions; gives up silently
  /// on any other error (a closed pipe: nobody is reading).
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = write(
          descriptor, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return }
        offset += count
      }
    }
  }
}
