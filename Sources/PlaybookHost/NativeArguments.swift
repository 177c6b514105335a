import CoaJSON

/// The arguments of one native call, by XSOAR argument name, with the coercions every native
/// shares.
///
/// Values come from the Lua table the playbook passed (already converted to JSON) and may be
/// typed (booleans, lists, numbers) or the strings XSOAR passes ("true", "a,b", JSON text).
/// An argument is missing when absent or null, and empty when it is a string of only white
/// space, an empty list or an empty object; defaults apply to missing and empty arguments.
public struct NativeArguments: Hashable, Sendable {
  /// The native's name, for error messages ("Set", "SetGridField"...).
  public let function: String
  /// The arguments by name.
  public let values: JSONObject

  /// The arguments `values` of a call to `function`.
  public init(function: String, values: JSONObject) {
    self.function = function
    self.values = values
  }

  /// The value of `name`, or nil when it is absent or null.
  public func value(_ name: String) -> JSONValue? {
    guard let value = values[name], value != .null else { return nil }
    return value
  }

  /// True when `name` is absent, null, a blank string, an empty list or an empty object.
  public func isMissingOrEmpty(_ name: String) -> Bool {
    Self.isMissingOrEmpty(value(name))
  }

  /// `isMissingOrEmpty` for the value of an argument, nil when absent or null; callers that
  /// need the value too look it up once.
  private static func isMissingOrEmpty(_ value: JSONValue?) -> Bool {
    switch value {
    case nil: return true
    case .string(let text)?: return trimmedOfWhiteSpace(text).isEmpty
    case .bytes(let bytes)?: return bytes.isEmpty
    case .array(let elements)?: return elements.isEmpty
    case .object(let members)?: return members.isEmpty
    default: return false
    }
  }

  /// The value of `name`, which must be present (any value but null; "" is a value).
  public func requiredValue(_ name: String) throws(HostError) -> JSONValue {
    guard let value = value(name) else {
      throw .missingArgument(function: function, argument: name, expected: .value)
    }
    return value
  }

  /// The string `name`, which must be present and not blank; it is returned untrimmed.
  public func requiredString(_ name: String) throws(HostError) -> String {
    let value = value(name)
    guard !Self.isMissingOrEmpty(value), let value else {
      throw .missingArgument(function: function, argument: name, expected: .string)
    }
    guard case .string(let text) = value else {
      throw .badArgument(function: function, argument: name, expected: .string, found: value)
    }
    return text
  }

  /// The boolean `name`: a boolean, or true, yes, false or no in any letter case and with
  /// any surrounding white space; `defaultValue` when missing or empty.
  public func boolean(_ name: String, default defaultValue: Bool) throws(HostError) -> Bool {
    let value = value(name)
    guard !Self.isMissingOrEmpty(value), let value else { return defaultValue }
    switch value {
    case .bool(let flag):
      return flag
    case .string(let text):
      switch trimmedOfWhiteSpace(text).lowercased() {
      case "true", "yes": return true
      case "false", "no": return false
      default: break
      }
    default:
      break
    }
    throw .badArgument(function: function, argument: name, expected: .boolean, found: value)
  }

  /// The list `name`, or nil when missing or empty.
  ///
  /// A list value is taken as it is. A string holding a JSON array (white space around it
  /// allowed) gives the array's elements; any other string is split on commas and each piece
  /// trimmed of white space, blank pieces dropped. A number or boolean is a list of one.
  /// An object is an error.
  public func list(_ name: String) throws(HostError) -> [JSONValue]? {
    let value = value(name)
    guard !Self.isMissingOrEmpty(value), let value else { return nil }
    let elements: [JSONValue]
    switch value {
    case .array(let items):
      elements = items
    case .string(let text):
      elements = Self.splitList(text)
    case .object, .bytes:
      throw .badArgument(function: function, argument: name, expected: .list, found: value)
    default:
      elements = [value]
    }
    return elements.isEmpty ? nil : elements
  }

  /// The list `name` as names: strings trimmed, numbers and booleans as their text, nulls
  /// and blank strings dropped; nil when missing or empty. Lists and objects among the
  /// elements are an error.
  public func names(_ name: String) throws(HostError) -> [String]? {
    guard let elements = try list(name) else { return nil }
    var names: [String] = []
    names.reserveCapacity(elements.count)
    for element in elements {
      switch element {
      case .null:
        continue
      case .array, .object, .bytes:
        throw .badArgument(
          function: function, argument: name, expected: .listOfNames, found: element)
      default:
        let text = String(trimmedOfWhiteSpace(element.plainText))
        if !text.isEmpty { names.append(text) }
      }
    }
    return names.isEmpty ? nil : names
  }

  // MARK: - Internals

  /// The elements of a JSON array in `text`, or its comma-separated pieces.
  private static func splitList(_ text: String) -> [JSONValue] {
    let trimmed = trimmedOfWhiteSpace(text)
    // No "[" byte first: the first character cannot be "[", so no JSON array to try.
    if trimmed.withUTF8Bytes({ $0.first == UInt8(ascii: "[") }), trimmed.first == "[",
      trimmed.last == "]",
      case .array(let elements)? = try? JSONParser.parse(String(trimmed))
    {
      return elements
    }
    // No comma byte means no "," character: the whole text is the one piece.
    if !text.withUTF8Bytes({ $0.contains(UInt8(ascii: ",")) }) {
      return trimmed.isEmpty ? [] : [.string(String(trimmed))]
    }
    return text.split(separator: ",", omittingEmptySubsequences: false)
      .map { trimmedOfWhiteSpace($0) }
      .filter { !$0.isEmpty }
      .map { .string(String($0)) }
  }
}

/// `text` without leading and trailing white space.
func trimmedOfWhiteSpace<Text: StringProtocol>(_ text: Text) -> Text.SubSequence {
  // Both end bytes ASCII and not white space: the first character starts with that byte and
  // the last one starts with it too (or with a Prepend scalar, never white space).
  let untouched = text.withUTF8Bytes { bytes in
    guard let first = bytes.first, let last = bytes.last else { return false }
    return isASCIINonSpace(first) && isASCIINonSpace(last)
  }
  if untouched { return text[...] }
  guard let first = text.firstIndex(where: { !$0.isWhitespace }),
    let last = text.lastIndex(where: { !$0.isWhitespace })
  else { return text[text.endIndex...] }
  return text[first...last]
}

/// True for an ASCII byte that is not white space (white space: tab to carriage return,
/// space).
@inline(__always)
private func isASCIINonSpace(_ byte: UInt8) -> Bool {
  byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
}
