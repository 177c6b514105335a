#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits what a file descriptor delivers into lines, reading as the bytes come.
///
/// Lines end with "\n"; a "\r" before it is dropped, and so is the last line's missing
/// newline. Blank lines (only spaces, tabs and "\r") are skipped but counted, so line numbers
/// are the input's own. Memory is one buffer that grows only to hold the longest line.
struct BatchLineReader {
  /// The descriptor read from.
  let descriptor: Int32
  /// What errors call the input ("standard input" or a path).
  let name: String

  private var buffer: [UInt8]
  /// The unconsumed bytes are buffer[start..<end].
  private var start = 0
  private var end = 0
  private var lineNumber = 0
  private var reachedEnd = false

  init(descriptor: Int32, name: String, capacity: Int = 64 * 1024) {
    self.descriptor = descriptor
    self.name = name
    buffer = [UInt8](repeating: 0, count: capacity)
  }

  /// Copies the next line that is not blank into `line` and returns its 1-based number; nil
  /// at the end of the input. `waiting` is told true before each read from the descriptor
  /// (which may wait for input) and false after it.
  mutating func next(into line: inout [UInt8], waiting: (Bool) -> Void) throws(FileError)
    -> Int?
  {
    while true {
      if let (first, past, consumed) = nextLineBounds() {
        start = consumed
        lineNumber += 1
        guard !isBlank(first, past) else { continue }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: buffer[first..<past])
        return lineNumber
      }
      if reachedEnd { return nil }
      waiting(true)
      defer { waiting(false) }
      try fill()
    }
  }

  // MARK: - Internals

  /// The bounds of the next whole line without its line ending, and where the line after
  /// it starts; nil when more input is needed.
  private func nextLineBounds() -> (Int, Int, Int)? {
    guard start < end else { return nil }
    let newline: Int? = buffer.withUnsafeBytes { raw in
      guard let base = raw.baseAddress,
        let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
    var past = newline ?? end
    guard newline != nil || reachedEnd else { return nil }
    if past > start && buffer[past - 1] == UInt8(ascii: "\r") { past -= 1 }
    return (start, past, newline.map { $0 + 1 } ?? end)
  }

  private func isBlank(_ first: Int, _ past: Int) -> Bool {
    buffer[first..<past].allSatisfy { byte in
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
  }

  /// Reads more input after the unconsumed bytes, moving them to the front or growing the
  /// buffer when there is no room.
  private mutating func fill() throws(FileError) {
    if start > 0 {
      buffer.withUnsafeMutableBytes { raw in
        guard let base = raw.baseAddress else { return }
        memmove(base, base + start, end - start)
      }
      end -= start
      start = 0
    }
    if end == buffer.count {
      buffer.append(contentsOf: repeatElement(0, count: buffer.count))
    }

    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        read(descriptor, raw.baseAddress.map { $0 + end }, raw.count - end)
      }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else {
        throw FileError(path: name, operation: "read", reason: String(cString: strerror(errno)))
      }
      if count == 0 { reachedEnd = true }
      end += count
      return
    }
  }
}
