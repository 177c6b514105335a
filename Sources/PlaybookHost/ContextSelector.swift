import CoaJSON

/// The trailing `(val.X == obj.Y)` of a context key: how a merge finds the existing element
/// that an incoming element updates.
///
/// `val` is an element already in the context, `obj` an incoming one. Conditions may be
/// joined by `&&` and either side may come first; fields may be dotted paths into nested
/// objects (`val.Host.ID == obj.Host.ID`). A condition holds when both fields are present,
/// not null, and the same value (`JSONValue.isSameValue(as:)`, so 5 matches 5.0).
public struct ContextSelector: Hashable, Sendable {
  /// One `val.X == obj.Y` comparison.
  public struct Condition: Hashable, Sendable {
    /// The field of the existing element (`X`), as path segments.
    public let existingField: [String]
    /// The field of the incoming element (`Y`), as path segments.
    public let incomingField: [String]

    /// A condition comparing `existingField` of existing elements with `incomingField` of
    /// incoming ones.
    public init(existingField: [String], incomingField: [String]) {
      self.existingField = existingField
      self.incomingField = incomingField
    }
  }

  /// The conditions, all of which must hold.
  public let conditions: [Condition]

  /// A selector with the given conditions.
  public init(conditions: [Condition]) {
    self.conditions = conditions
  }

  /// Parses the text between the parentheses; `key` is the whole key, for the error.
  init(parsing text: String, key: String) throws(HostError) {
    let unsupported = HostError.badKey(key: key, problem: .unsupportedSelector(text))
    var conditions: [Condition] = []

    for clause in text.split(separator: "&&", omittingEmptySubsequences: false) {
      let sides = clause.split(separator: "==", omittingEmptySubsequences: false)
      guard sides.count == 2,
        let left = Self.operand(sides[0]), let right = Self.operand(sides[1])
      else { throw unsupported }

      switch (left.root, right.root) {
      case ("val", "obj"):
        conditions.append(Condition(existingField: left.field, incomingField: right.field))
      case ("obj", "val"):
        conditions.append(Condition(existingField: right.field, incomingField: left.field))
      default:
        throw unsupported
      }
    }
    self.conditions = conditions
  }

  /// True when every condition holds between `existing` and `incoming`.
  public func matches(existing: JSONValue, incoming: JSONValue) -> Bool {
    conditions.allSatisfy { condition in
      guard let left = Self.field(condition.existingField, of: existing),
        let right = Self.field(condition.incomingField, of: incoming)
      else { return false }
      return left.isSameValue(as: right)
    }
  }

  // MARK: - Internals

  /// Characters that may not appear in a field name of a selector.
  private static let forbidden: Set<Character> = [
    "(", ")", "=", "&", "|", "!", "<", ">", "\"", "'", " ", "\t",
  ]

  /// Splits `val.X.Y` into ("val", ["X", "Y"]), or nil when the text is not of that form.
  private static func operand(_ text: Substring) -> (root: String, field: [String])? {
    let trimmed = trimmedOfWhiteSpace(text)
    let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2, let root = parts.first,
      parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: forbidden.contains) })
    else { return nil }
    return (root, Array(parts.dropFirst()))
  }

  /// The value at `path` inside `value`, walking objects only; nil when absent or null.
  private static func field(_ path: [String], of value: JSONValue) -> JSONValue? {
    var current = value
    for name in path {
      guard case .object(let members) = current, let next = members[name] else { return nil }
      current = next
    }
    if case .null = current { return nil }
    return current
  }
}
