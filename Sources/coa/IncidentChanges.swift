import CoaJSON
import PlaybookHost

/// What a run changed in an incident: the context by dotted path, and the custom fields
/// (grids among them) by name.
struct IncidentChanges: Equatable {
  /// One value that appeared, changed or went away.
  enum Change: Equatable {
    /// A path or field that did not exist before.
    case added(String, JSONValue)
    /// A path or field whose value changed.
    case changed(String, from: JSONValue, to: JSONValue)
    /// A path or field that no longer exists.
    case removed(String, JSONValue)

    /// The dotted path or field name.
    var name: String {
      switch self {
      case .added(let name, _), .changed(let name, _, _), .removed(let name, _): return name
      }
    }
  }

  /// Changes of the context, by dotted path to each leaf, in the order of the incident after
  /// the run (removed paths last).
  let context: [Change]
  /// Changes of the incident's CustomFields, by field name.
  let customFields: [Change]

  /// The changes from `before` to `after`, two incident documents.
  init(before: JSONValue, after: JSONValue) {
    let beforeFields = before.objectValue ?? JSONObject()
    let afterFields = after.objectValue ?? JSONObject()
    context = Self.compare(
      Self.leaves(of: beforeFields[Incident.contextKey]),
      Self.leaves(of: afterFields[Incident.contextKey]))
    customFields = Self.compare(
      Self.members(of: beforeFields[Incident.customFieldsKey]),
      Self.members(of: afterFields[Incident.customFieldsKey]))
  }

  /// Whether nothing changed.
  var isEmpty: Bool {
    context.isEmpty && customFields.isEmpty
  }

  // MARK: - Internals

  /// Pairs of (name, value) in the order `after` has them, then what only `before` has.
  private static func compare(_ before: [(String, JSONValue)], _ after: [(String, JSONValue)])
    -> [Change]
  {
    let old = Dictionary(before, uniquingKeysWith: { first, _ in first })
    let newNames = Set(after.map(\.0))
    var changes: [Change] = []
    for (name, value) in after {
      guard let previous = old[name] else {
        changes.append(.added(name, value))
        continue
      }
      if previous != value { changes.append(.changed(name, from: previous, to: value)) }
    }
    for (name, value) in before where !newNames.contains(name) {
      changes.append(.removed(name, value))
    }
    return changes
  }

  /// The members of an object, or none.
  private static func members(of value: JSONValue?) -> [(String, JSONValue)] {
    guard let object = value?.objectValue else { return [] }
    return object.map { ($0.0, $0.1) }
  }

  /// Every leaf of a nested object with its dotted path; a leaf is anything but a non-empty
  /// object.
  private static func leaves(of value: JSONValue?) -> [(String, JSONValue)] {
    var result: [(String, JSONValue)] = []
    func walk(_ object: JSONObject, prefix: String) {
      for (key, value) in object {
        let path = prefix.isEmpty ? key : "\(prefix).\(key)"
        if case .object(let nested) = value, !nested.isEmpty {
          walk(nested, prefix: path)
        } else {
          result.append((path, value))
        }
      }
    }
    if let object = value?.objectValue { walk(object, prefix: "") }
    return result
  }
}
