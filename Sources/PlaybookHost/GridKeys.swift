import CoaJSON

/// Which keys of an object SetGridField takes: all of them ("*") or the named ones.
public enum GridKeys: Hashable, Sendable {
  /// Every key ("*").
  case all
  /// Exactly these keys, in this order.
  case named([String])

  /// The keys argument value `names` (nil when missing); `argument` names it in errors.
  static func parse(_ names: [String]?, argument: String) throws(HostError) -> GridKeys {
    guard let names, names != ["*"] else { return .all }
    guard !names.contains("*") else { throw .grid(.starAmongKeys(argument: argument)) }
    return .named(names)
  }

  /// `object` filtered: with `.all` its first `limit` members (all without a limit); with
  /// `.named` exactly those keys in that order, where a value that is missing, "" or null
  /// becomes null (0 and false are kept).
  func filter(_ object: JSONObject, limit: Int? = nil) -> JSONObject {
    switch self {
    case .all:
      guard let limit, limit < object.count else { return object }
      var first = JSONObject()
      for (key, value) in object.prefix(limit) {
        first[key] = value
      }
      return first
    case .named(let names):
      var filtered = JSONObject()
      for name in names {
        filtered[name] = GridKeys.cell(object[name])
      }
      return filtered
    }
  }

  /// The value of a named key: null when missing, "" or null.
  static func cell(_ value: JSONValue?) -> JSONValue {
    guard let value, value != .string("") else { return .null }
    return value
  }
}
