/// Reads JSON text (RFC 8259) into a `JSONValue`.
///
/// The grammar is strict: no comments, no trailing commas, no NaN or Infinity, no single
/// quotes, and nothing but whitespace after the value. A UTF-8 byte-order mark at the very
/// start is skipped.
///
/// - Numbers without fraction or exponent are `.int` when they fit in 64 bits and `.bigInt`
///   with their digits as written otherwise; "-0" is `.int(0)`. Numbers with a fraction or
///   an exponent are `.double`, correctly rounded; one too large for a Double is an error.
/// - Strings are `.string`, except that a string value whose raw bytes are not valid UTF-8
///   becomes `.bytes` with its unescaped bytes, so nothing is lost. An object key that is not
///   valid UTF-8 is an error. Escapes `\uD83D\uDE00` combine into one scalar; an unpaired
///   surrogate escape is an error, as is a raw control character.
/// - When an object repeats a key, the last value wins at the position of the first.
/// - Arrays and objects nested deeper than `JSONValue.maxDepth` are an error.
///
/// Errors carry a 1-based line and a byte column; see `JSONParseError`.
public enum JSONParser {
  /// Parses UTF-8 encoded JSON text.
  public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
    if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) {
      return try result.get()
    }
    let copy = Array(bytes)
    return try copy.withUnsafeBufferPointer { parse(buffer: $0) }.get()
  }

  /// Parses JSON text held in a string.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    var text = text
    return try text.withUTF8 { parse(buffer: $0) }.get()
  }

  /// Parses the bytes in `buffer`.
  static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
    var reader = JSONReader(input: buffer)
    do {
      return .success(try reader.readDocument())
    } catch {
      return .failure(error)
    }
  }
}

extension JSONValue {
  /// The deepest nesting of arrays and objects that `JSONParser` accepts.
  ///
  /// A top-level `[]` is depth 1; `[[]]` is depth 2. Scalars do not count.
  public static let maxDepth = 512
}
