/// The state of one parse: the input bytes, the read position and reusable buffers.
///
/// Values of unfinished arrays and objects wait on shared stacks, so that each container
/// is allocated once, at its exact size, when its closing bracket is read.
struct JSONReader: ~Copyable {
  /// The whole input.
  let input: UnsafeBufferPointer<UInt8>
  /// The position of the next byte to read.
  var offset = 0
  /// How many arrays and objects enclose the read position.
  var depth = 0
  /// Elements and member values of the containers being read.
  var valueStack = JSONStack<JSONValue>(capacity: 64)
  /// Member keys of the objects being read.
  var keyStack = JSONStack<String>(capacity: 32)
  /// Unescaped bytes of the string being read, when it has escapes.
  var scratch: [UInt8] = []

  /// A reader at the start of `input`.
  init(input: UnsafeBufferPointer<UInt8>) {
    self.input = input
  }

  /// Reads the single value that must make up the whole input.
  mutating func readDocument() throws(JSONParseError) -> JSONValue {
    if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
      offset = 3
    }
    skipWhitespace()
    let value = try readValue()
    skipWhitespace()
    if offset < input.count {
      throw failure("unexpected data after the top-level value")
    }
    return value
  }

  /// Reads the value at the read position; whitespace before it is already skipped.
  mutating func readValue() throws(JSONParseError) -> JSONValue {
    guard offset < input.count else { throw endOfInput() }
    switch input[offset] {
    case UInt8(ascii: "\""): return try readString()
    case UInt8(ascii: "{"): return try readObject()
    case UInt8(ascii: "["): return try readArray()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
    case UInt8(ascii: "t"):
      try readLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try readLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try readLiteral("null")
      return .null
    default:
      throw failure("expected a value")
    }
  }

  /// Reads an array; the read position is at its "[".
  mutating func readArray() throws(JSONParseError) -> JSONValue {
    try enterContainer()
    offset += 1
    skipWhitespace()
    guard offset < input.count else { throw endOfInput() }
    if input[offset] == UInt8(ascii: "]") {
      offset += 1
      depth -= 1
      return .array([])
    }
    let base = valueStack.count
    while true {
      valueStack.push(try readValue())
      skipWhitespace()
      guard offset < input.count else { throw endOfInput() }
      switch input[offset] {
      case UInt8(ascii: ","):
        try skipComma(closing: UInt8(ascii: "]"), "trailing comma in array")
      case UInt8(ascii: "]"):
        offset += 1
        depth -= 1
        return .array(valueStack.popArray(from: base))
      default:
        throw failure("expected ',' or ']' after array element")
      }
    }
  }

  /// Reads an object; the read position is at its "{".
  mutating func readObject() throws(JSONParseError) -> JSONValue {
    try enterContainer()
    offset += 1
    skipWhitespace()
    guard offset < input.count else { throw endOfInput() }
    if input[offset] == UInt8(ascii: "}") {
      offset += 1
      depth -= 1
      return .object(JSONObject())
    }
    let base = valueStack.count
    let keyBase = keyStack.count
    while true {
      guard input[offset] == UInt8(ascii: "\"") else {
        throw failure("expected a quoted object key")
      }
      keyStack.push(try readKey())
      skipWhitespace()
      guard offset < input.count else { throw endOfInput() }
      guard input[offset] == UInt8(ascii: ":") else {
        throw failure("expected ':' after object key")
      }
      offset += 1
      skipWhitespace()
      valueStack.push(try readValue())
      skipWhitespace()
      guard offset < input.count else { throw endOfInput() }
      switch input[offset] {
      case UInt8(ascii: ","):
        try skipComma(closing: UInt8(ascii: "}"), "trailing comma in object")
      case UInt8(ascii: "}"):
        offset += 1
        depth -= 1
        let keys = keyStack.popArray(from: keyBase)
        return .object(JSONObject(parsedKeys: keys, values: valueStack.popArray(from: base)))
      default:
        throw failure("expected ',' or '}' after object member")
      }
    }
  }

  /// Counts one more level of nesting, failing beyond `JSONValue.maxDepth`.
  private mutating func enterContainer() throws(JSONParseError) {
    depth += 1
    if depth > JSONValue.maxDepth {
      throw failure("nesting is deeper than \(JSONValue.maxDepth) levels")
    }
  }

  /// Steps over the "," at the read position and the whitespace after it; fails with
  /// `message` at the comma when `closing` follows.
  private mutating func skipComma(
    closing: UInt8, _ message: String
  ) throws(JSONParseError) {
    let comma = offset
    offset += 1
    skipWhitespace()
    guard offset < input.count else { throw endOfInput() }
    if input[offset] == closing {
      throw failure(message, at: comma)
    }
  }

  /// Reads `literal` ("true", "false" or "null") at the read position.
  private mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
    let count = literal.utf8CodeUnitCount
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
    guard input.count - offset >= count,
      UnsafeBufferPointer(rebasing: input[offset..<offset + count]).elementsEqual(expected)
    else {
      throw failure("invalid literal, expected '\(literal)'")
    }
    offset += count
  }

  /// Advances past spaces, tabs, line feeds and carriage returns.
  @inline(__always)
  mutating func skipWhitespace() {
    while offset < input.count {
      switch input[offset] {
      case 0x20, 0x0A, 0x0D, 0x09: offset += 1
      default: return
      }
    }
  }

  /// An error with `message` at `position`, by default the read position.
  func failure(_ message: String, at position: Int? = nil) -> JSONParseError {
    JSONParseError(message, at: position ?? offset, in: input)
  }

  /// The error for input that ends too early.
  func endOfInput() -> JSONParseError {
    JSONParseError("unexpected end of input", at: input.count, in: input)
  }
}
