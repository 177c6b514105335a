/// Writes a `JSONValue` as JSON text (RFC 8259), encoded in UTF-8.
///
/// - The compact form has no whitespace at all: `{"a":1,"b":[1,2]}`.
/// - The pretty form indents by two spaces, writes `"key": value`, keeps empty containers
///   as `[]` and `{}`, and ends without a newline.
/// - Strings escape `"`, `\` and the control characters (`\n`, `\r`, `\t`, `\b`, `\f`, and
///   `\u00XX` for the rest); other characters, including non-ASCII ones, are written as
///   they are. `.bytes` are written the same way, byte for byte, so a value read from a
///   string that was not valid UTF-8 is written back as it was read.
/// - Object members keep their order. `.int` and `.bigInt` are written as their digits.
/// - A finite `.double` is written in the shortest form that reads back as the same
///   Double, always with a "." or an exponent so it reads back as a double ("5.0",
///   "1e+29"). JSON cannot express infinities and NaN: they are written as `null` (the
///   Lua bridge never produces them).
///
/// Writing recurses once per level of nesting, as `JSONValue`'s own equality does; values
/// from `JSONParser` and the Lua bridge are at most `JSONValue.maxDepth` deep.
public enum JSONWriter {
  /// The JSON text of `value`, compact unless `pretty` is true.
  public static func write(_ value: JSONValue, pretty: Bool = false) -> [UInt8] {
    var emitter = JSONEmitter(pretty: pretty)
    emitter.emit(value)
    return emitter.finish()
  }

  /// The JSON text of `value` as a string, compact unless `pretty` is true.
  ///
  /// A string cannot hold bytes that are not UTF-8: the bytes of a `.bytes` value that are
  /// not valid UTF-8 come out as U+FFFD. `write` keeps them.
  public static func writeString(_ value: JSONValue, pretty: Bool = false) -> String {
    String(decoding: write(value, pretty: pretty), as: UTF8.self)
  }
}
