import CoaJSON
import Testing

/// One malformed input and the error it must give.
struct MalformedCase: Sendable, CustomTestStringConvertible {
  let input: [UInt8]
  let line: Int
  let column: Int
  let message: String

  init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
    self.init(bytes: Array(text.utf8), line, column, message)
  }

  init(bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
    input = bytes
    self.line = line
    self.column = column
    self.message = message
  }

  var testDescription: String { String(decoding: input, as: UTF8.self).debugDescription }
}

@Suite struct JSONParseErrorTests {
  static let cases: [MalformedCase] = [
    // Empty and truncated input.
    MalformedCase("", 1, 1, "unexpected end of input"),
    MalformedCase("  \n  ", 2, 3, "unexpected end of input"),
    MalformedCase(#"{"a": 1"#, 1, 8, "unexpected end of input"),
    MalformedCase("[1,\n2", 2, 2, "unexpected end of input"),
    MalformedCase(#"{"a""#, 1, 5, "unexpected end of input"),
    MalformedCase(#""abc"#, 1, 1, "unterminated string"),
    MalformedCase(#"["ab\"#, 1, 2, "unterminated string"),
    // Trailing commas and missing separators.
    MalformedCase("[1, 2,]", 1, 6, "trailing comma in array"),
    MalformedCase(#"{"a": 1,}"#, 1, 8, "trailing comma in object"),
    MalformedCase("[\r\n1,\r\n]", 2, 2, "trailing comma in array"),
    MalformedCase("[1 2]", 1, 4, "expected ',' or ']' after array element"),
    MalformedCase("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}' after object member"),
    MalformedCase(#"{"a" 1}"#, 1, 6, "expected ':' after object key"),
    MalformedCase("[1,,2]", 1, 4, "expected a value"),
    // Keys.
    MalformedCase("{a: 1}", 1, 2, "expected a quoted object key"),
    MalformedCase("{'a': 1}", 1, 2, "expected a quoted object key"),
    MalformedCase(
      bytes: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], 1, 2, "invalid UTF-8 in object key"),
    // Strings.
    MalformedCase(#""bad \q""#, 1, 6, #"invalid escape '\q'"#),
    MalformedCase("\"bad \\\u{1}\"", 1, 6, "invalid escape"),
    MalformedCase("\"a\tb\"", 1, 3, "unescaped control character in string"),
    MalformedCase("\"line\nbreak\"", 1, 6, "unescaped control character in string"),
    MalformedCase(#""\ud800""#, 1, 2, "unpaired surrogate escape"),
    MalformedCase(#""\udc00\ud800""#, 1, 2, "unpaired surrogate escape"),
    MalformedCase(#""x\ud83d\u0041""#, 1, 3, "unpaired surrogate escape"),
    MalformedCase(#""\u12""#, 1, 2, #"expected 4 hex digits after '\u'"#),
    MalformedCase(#""\ud83d\uZZZZ""#, 1, 8, #"expected 4 hex digits after '\u'"#),
    // Numbers.
    MalformedCase("01", 1, 1, "leading zeros are not allowed"),
    MalformedCase("-007", 1, 2, "leading zeros are not allowed"),
    MalformedCase("1.", 1, 3, "expected a digit after '.'"),
    MalformedCase("1.e5", 1, 3, "expected a digit after '.'"),
    MalformedCase("-", 1, 2, "expected a digit after '-'"),
    MalformedCase("-x", 1, 2, "expected a digit after '-'"),
    MalformedCase("-Infinity", 1, 2, "expected a digit after '-'"),
    MalformedCase("1e", 1, 3, "expected a digit in the exponent"),
    MalformedCase("[1e+]", 1, 5, "expected a digit in the exponent"),
    MalformedCase("1e400", 1, 1, "number out of range"),
    MalformedCase("[-1e999]", 1, 2, "number out of range"),
    MalformedCase(".5", 1, 1, "expected a value"),
    MalformedCase("+1", 1, 1, "expected a value"),
    // Literals and other values.
    MalformedCase("tru", 1, 1, "invalid literal, expected 'true'"),
    MalformedCase("[nul]", 1, 2, "invalid literal, expected 'null'"),
    MalformedCase("fals", 1, 1, "invalid literal, expected 'false'"),
    MalformedCase("NaN", 1, 1, "expected a value"),
    MalformedCase("'a'", 1, 1, "expected a value"),
    MalformedCase("/* c */ 1", 1, 1, "expected a value"),
    MalformedCase("]", 1, 1, "expected a value"),
    // Trailing data.
    MalformedCase("[1] x", 1, 5, "unexpected data after the top-level value"),
    MalformedCase("1 2", 1, 3, "unexpected data after the top-level value"),
    MalformedCase("truex", 1, 5, "unexpected data after the top-level value"),
    MalformedCase("{}\n}", 2, 1, "unexpected data after the top-level value"),
    // Columns count bytes; a byte-order mark counts too.
    MalformedCase(#"["é", x]"#, 1, 8, "expected a value"),
    MalformedCase(bytes: [0xEF, 0xBB, 0xBF, 0x78], 1, 4, "expected a value"),
  ]

  @Test(arguments: cases)
  func pinnedError(_ example: MalformedCase) {
    let expected = JSONParseError(
      line: example.line, column: example.column, message: example.message)
    #expect(parseError(example.input) == expected)
  }

  @Test func description() {
    let error = JSONParseError(
      line: 3, column: 14, message: "expected ',' or '}' after object member")
    #expect(error.description == "line 3, column 14: expected ',' or '}' after object member")
    #expect(
      parseError("{\n\n  \"a\": 1 \"b\"")?.description
        == "line 3, column 10: expected ',' or '}' after object member")
  }

  @Test func stringInputReportsTheSameErrors() {
    do {
      _ = try JSONParser.parse("[1,]")
      Issue.record("no error")
    } catch {
      #expect(error == JSONParseError(line: 1, column: 3, message: "trailing comma in array"))
    }
  }
}
