import CoaJSON

/// The one merge ("append") routine: Set with append, IsIntegrationAvailable's brandInstances
/// and anything later that adds to the context go through `merge`.
///
/// The rules, in order:
/// 1. Nothing there yet (absent or null): the incoming value is stored as it is, so a single
///    string stays a string and a list stays a list.
/// 2. An incoming null changes nothing.
/// 3. With a selector `(val.X == obj.Y)`: each incoming element that matches existing
///    elements updates every one of them field by field (incoming fields win, other fields
///    stay; nested objects are replaced, not merged); an unmatched element is appended, and
///    later incoming elements can match it. The result is a list.
/// 4. Otherwise the result is a list: the existing items (a lone scalar or object counts as
///    one item) followed by the incoming items (a list contributes its elements), skipping
///    each incoming value that is the same as one already in the result, including one added
///    earlier by the same merge. Duplicates that were there before stay.
public enum ContextMerge {
  /// The value the context holds after merging `incoming` into `existing`.
  public static func merge(
    existing: JSONValue?, incoming: JSONValue, selector: ContextSelector? = nil
  ) -> JSONValue {
    guard let existing, existing != .null else { return incoming }
    guard incoming != .null else { return existing }

    var result = items(of: existing)
    if let selector {
      for item in items(of: incoming) {
        update(&result, with: item, selector: selector)
      }
      return .array(result)
    }

    for item in items(of: incoming) where !result.contains(where: { $0.isSameValue(as: item) }) {
      result.append(item)
    }
    return .array(result)
  }

  // MARK: - Internals

  /// A list's elements, or the value alone.
  private static func items(of value: JSONValue) -> [JSONValue] {
    if case .array(let elements) = value { return elements }
    return [value]
  }

  /// Updates the elements of `result` that `incoming` matches, or appends it when none does.
  private static func update(
    _ result: inout [JSONValue], with incoming: JSONValue, selector: ContextSelector
  ) {
    guard case .object(let fields) = incoming else {
      result.append(incoming)
      return
    }

    var matched = false
    for position in result.indices {
      guard case .object(var members) = result[position],
        selector.matches(existing: result[position], incoming: incoming)
      else { continue }
      for (key, value) in fields {
        members[key] = value
      }
      result[position] = .object(members)
      matched = true
    }

    if !matched {
      result.append(incoming)
    }
  }
}
