import CoaJSON

extension JSONValue {
  /// True when both values mean the same JSON value; merges use it to skip duplicates.
  ///
  /// Unlike `==`, numbers compare by value (5 and 5.0 are the same), objects compare their
  /// members whatever their order, and strings compare byte for byte.
  public func isSameValue(as other: JSONValue) -> Bool {
    switch (self, other) {
    case (.null, .null):
      return true
    case (.bool(let left), .bool(let right)):
      return left == right
    case (.int, _), (.double, _), (.bigInt, _):
      return isSameNumber(as: other)
    case (.string(let left), .string(let right)):
      // Two strings: compare their bytes in place rather than as two new arrays.
      return left.hasSameUTF8(as: right)
    case (.string, _), (.bytes, _):
      guard let left = utf8Bytes, let right = other.utf8Bytes else { return false }
      return left.elementsEqual(right)
    case (.array(let left), .array(let right)):
      guard left.count == right.count else { return false }
      return zip(left, right).allSatisfy { $0.isSameValue(as: $1) }
    case (.object(let left), .object(let right)):
      guard left.count == right.count else { return false }
      return left.allSatisfy { key, value in
        right[key].map { value.isSameValue(as: $0) } ?? false
      }
    default:
      return false
    }
  }

  /// How error messages show a value they found: `string "abc"`, `number 5`, `array`.
  public var messageDescription: String {
    switch self {
    case .null: return "null"
    case .bool(let flag): return "boolean \(flag)"
    case .int, .double, .bigInt: return "number \(plainText)"
    case .string(let text): return "string \(messageQuoted(Self.shortened(text)))"
    case .bytes(let bytes): return "string of \(bytes.count) bytes that are not UTF-8"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// The value as plain text, the way grid cells and war-room entries show it.
  ///
  /// Strings are themselves, integers their digits (never a trailing ".0"), other numbers
  /// their JSON text, booleans true or false, null the empty string, and lists and objects
  /// their compact JSON text.
  public var plainText: String {
    switch self {
    case .null: return ""
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let number): return String(number)
    case .bigInt(let digits): return digits
    case .string(let text): return text
    case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .double, .array, .object: return compactJSONText.text
    }
  }

  /// The value's compact JSON text: a string when the bytes are UTF-8, else `.bytes`.
  public var compactJSON: JSONValue {
    let text = compactJSONText
    return text.isUTF8 ? .string(text.text) : .bytes(text.bytes)
  }

  // MARK: - Internals

  /// The bytes of a string or byte string, or nil for other kinds.
  var utf8Bytes: [UInt8]? {
    switch self {
    case .string(let text): return Array(text.utf8)
    case .bytes(let bytes): return bytes
    default: return nil
    }
  }

  /// The compact JSON bytes, and their text when they are valid UTF-8.
  private var compactJSONText: (bytes: [UInt8], text: String, isUTF8: Bool) {
    let bytes = JSONWriter.write(self, pretty: false)
    if let text = String(validating: bytes, as: UTF8.self) {
      return (bytes, text, true)
    }
    return (bytes, String(decoding: bytes, as: UTF8.self), false)
  }

  /// Numbers compare by value: integers exactly, big integers by their digits, and a
  /// double equals an integer only when it has no fraction and the same value.
  private func isSameNumber(as other: JSONValue) -> Bool {
    switch (self, other) {
    case (.int(let left), .int(let right)):
      return left == right
    case (.bigInt(let left), .bigInt(let right)):
      return left == right
    case (.double(let left), .double(let right)):
      return left == right
    case (.int(let integer), .double(let double)), (.double(let double), .int(let integer)):
      guard let exact = Int64(exactly: double) else { return false }
      return exact == integer
    default:
      return false
    }
  }

  /// At most 40 characters of `text`, with "..." when it was longer.
  private static func shortened(_ text: String) -> String {
    let limit = 40
    guard text.count > limit else { return text }
    return String(text.prefix(limit)) + "..."
  }
}
