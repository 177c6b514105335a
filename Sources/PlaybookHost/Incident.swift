import CoaJSON

/// The XSOAR incident a run starts from and returns: a JSON object whose grid fields live
/// under "CustomFields" and whose investigation context lives under "context".
///
/// Every other field is carried through untouched and in its place: `document` has the keys
/// in the order they were read. The "context" key keeps its place when it was there; when it
/// was absent it is added at the end, and only if the run left something in the context. A
/// context the run did not change is written back exactly as it was read (a null stays null).
public struct Incident: Hashable, Sendable {
  /// The name of the field holding the custom fields, grids among them.
  public static let customFieldsKey = "CustomFields"
  /// The name of the field holding the investigation context.
  public static let contextKey = "context"

  /// The investigation context; natives read and write it.
  public var context: Context

  /// The document as read.
  private var fields: JSONObject
  /// The context as read, to leave an unchanged context exactly as it was.
  private let contextAsRead: Context

  /// An incident with no fields and an empty context.
  public init() {
    fields = JSONObject()
    context = Context()
    contextAsRead = context
  }

  /// Loads `document`, which must be an object whose "CustomFields" and "context", when
  /// present and not null, are objects.
  public init(document: JSONValue) throws(HostError) {
    guard case .object(let fields) = document else {
      throw .incident(.notAnObject(found: document))
    }
    for key in [Self.customFieldsKey, Self.contextKey] {
      guard let value = fields[key], value != .null else { continue }
      guard case .object = value else {
        throw .incident(.fieldNotObject(field: key, found: value))
      }
    }

    self.fields = fields
    context = Context(fields[Self.contextKey]?.objectValue ?? JSONObject())
    contextAsRead = context
  }

  /// The value of the top-level field `name`, or nil.
  public func field(_ name: String) -> JSONValue? {
    fields[name]
  }

  /// The custom fields, empty when the incident has none.
  public var customFields: JSONObject {
    fields[Self.customFieldsKey]?.objectValue ?? JSONObject()
  }

  /// The value of the grid field `id` in CustomFields (null when it is empty there), or nil
  /// when CustomFields has no such field.
  public func gridValue(_ id: String) -> JSONValue? {
    customFields[id]
  }

  /// Replaces the whole value of the grid field `id` in CustomFields with `value`.
  public mutating func setGrid(_ id: String, to value: JSONValue) {
    var custom = customFields
    // Take the object out of the document first, so that it is not copied to be changed.
    fields[Self.customFieldsKey] = .null
    custom[id] = value
    fields[Self.customFieldsKey] = .object(custom)
  }

  /// The incident document after the run.
  public var document: JSONValue {
    var result = fields
    let wasAbsent = fields[Self.contextKey] == nil
    if wasAbsent ? !context.isEmpty : context != contextAsRead {
      result[Self.contextKey] = context.value
    }
    return .object(result)
  }
}
