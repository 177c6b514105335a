/// A JSON value as coa uses it: the incident, its context and every native's arguments.
///
/// Objects keep their keys in the order they were read or inserted. Integers that fit in
/// 64 bits are `.int`; integers written with more digits than that are `.bigInt` and keep
/// their exact digits. A Lua string that is not valid UTF-8 crosses as `.bytes`, so its
/// bytes are kept; the writer emits them as they are.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  /// An integer beyond 64 bits, as its exact decimal digits (with a leading "-" if negative).
  case bigInt(String)
  case string(String)
  /// A string whose bytes are not valid UTF-8.
  case bytes([UInt8])
  case array([JSONValue])
  case object(JSONObject)
}

extension JSONValue {
  /// The name of the value's kind, as error messages use it: "null", "boolean", "number",
  /// "string", "array" or "object".
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int, .double, .bigInt: return "number"
    case .string, .bytes: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// True for null, booleans, numbers and strings.
  public var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  /// The text of a `.string`, or nil.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The elements of an `.array`, or nil.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The members of an `.object`, or nil.
  public var objectValue: JSONObject? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The value as a Double when it is a number (big integers round), or nil.
  public var numberValue: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .double(let value): return value
    case .bigInt(let digits): return Double(digits)
    default: return nil
    }
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int64) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}
