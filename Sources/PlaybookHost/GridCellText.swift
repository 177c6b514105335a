import CoaJSON

/// How SetGridField puts a nested value into one cell: as text an analyst can read.
///
/// - An object becomes lines "key: value", one per member kept by keys_from_nested; a
///   named key the object lacks (or holds as "" or null) gives "key: ".
/// - A list joins its rendered elements with a blank line; an empty list is "".
/// - Values inside those lines and elements show as `JSONValue.plainText`: strings as they
///   are, integers without ".0", booleans true or false, null as nothing, and deeper lists
///   and objects as compact JSON.
/// - A scalar cell stays as it is, typed.
struct GridCellText: Sendable {
  /// The keys kept from nested objects (keys_from_nested).
  let nestedKeys: GridKeys

  /// The cell for `value`.
  func cell(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
      return .string(lines(members))
    case .array(let elements):
      return .string(elements.map(text).joined(separator: "\n\n"))
    default:
      return value
    }
  }

  /// An element of a list as text.
  private func text(_ element: JSONValue) -> String {
    if case .object(let members) = element { return lines(members) }
    return element.plainText
  }

  /// An object's kept members as "key: value" lines.
  private func lines(_ members: JSONObject) -> String {
    nestedKeys.filter(members)
      .map { key, value in "\(key): \(value.plainText)" }
      .joined(separator: "\n")
  }
}
