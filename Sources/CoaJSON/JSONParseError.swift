/// Why and where `JSONParser` rejected its input.
///
/// `line` and `column` are 1-based. Lines are separated by "\n" (a "\r" before it belongs to
/// the line it ends). Columns count bytes of UTF-8, not characters: the column of a byte is
/// its distance from the start of its line plus one, so text with multibyte characters
/// earlier on the line reports a larger column than an editor would. A byte-order mark at
/// the start counts as three columns of line 1. The end of the input is reported at the
/// column just after its last byte.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The 1-based line of the offending byte.
  public var line: Int
  /// The 1-based column, in bytes, of the offending byte.
  public var column: Int
  /// What went wrong, in lowercase and without a final period.
  public var message: String

  /// An error with the given position and message.
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// "line 3, column 14: expected ',' or '}' after object member".
  public var description: String {
    "line \(line), column \(column): \(message)"
  }
}

extension JSONParseError {
  /// An error at byte `offset` of `input`, computing its line and column.
  init(_ message: String, at offset: Int, in input: UnsafeBufferPointer<UInt8>) {
    let end = min(max(offset, 0), input.count)
    var line = 1
    var lineStart = 0
    var position = 0
    while position < end {
      if input[position] == UInt8(ascii: "\n") {
        line += 1
        lineStart = position + 1
      }
      position += 1
    }
    self.init(line: line, column: end - lineStart + 1, message: message)
  }

  /// How a message names the byte it found: `'x'` for printable ASCII, `byte 0x0A` otherwise.
  static func describe(_ byte: UInt8) -> String {
    if byte > 0x20 && byte < 0x7F {
      return "'\(Character(Unicode.Scalar(byte)))'"
    }
    let digits = String(byte, radix: 16, uppercase: true)
    return "byte 0x" + (digits.count < 2 ? "0" + digits : digits)
  }
}
