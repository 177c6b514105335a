import CoaJSON

extension JSONValue {
  /// The value at a path of object keys, or nil when a step is missing or not an object.
  subscript(_ keys: String...) -> JSONValue? {
    var value: JSONValue? = self
    for key in keys { value = value?.objectValue?[key] }
    return value
  }

  /// The strings of an array of strings, or nil.
  var strings: [String]? {
    arrayValue?.map { $0.stringValue ?? "<\($0.kindName)>" }
  }

  /// The value with the keys in `names` removed from every object, at any depth; to compare
  /// reports minus their timings.
  func removingKeys(_ names: Set<String>) -> JSONValue {
    switch self {
    case .object(let members):
      var result = JSONObject()
      for (key, value) in members where !names.contains(key) {
        result[key] = value.removingKeys(names)
      }
      return .object(result)
    case .array(let elements):
      return .array(elements.map { $0.removingKeys(names) })
    default:
      return self
    }
  }
}
