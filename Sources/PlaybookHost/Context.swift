import CoaJSON

/// The investigation context: a tree of JSON objects whose keys keep their order, addressed
/// by dotted paths.
///
/// Reading walks objects and maps over lists; writing walks objects only. A write creates
/// missing intermediate objects and replaces an intermediate null with an object, but never
/// replaces an intermediate list or scalar: that is `HostError.blockedPath`, so a Set never
/// silently destroys data the playbook did not name.
public struct Context: Hashable, Sendable {
  /// The top-level members.
  public var root: JSONObject

  /// A context holding `root`; empty by default.
  public init(_ root: JSONObject = JSONObject()) {
    self.root = root
  }

  /// True when the context has no members.
  public var isEmpty: Bool { root.isEmpty }

  /// The context as a JSON object.
  public var value: JSONValue { .object(root) }

  // MARK: - Reading

  /// The value at `path` (its selector is ignored), or nil when nothing is there.
  ///
  /// Reading through a list maps over its objects and flattens one level, as XSOAR's dt
  /// does: with `A` a list of objects, `A.B` is the list of their `B` values, where a `B`
  /// that is itself a list contributes its elements and objects without `B` (and elements
  /// that are not objects) are skipped. Such a read is always a list, even of one value, and
  /// is nil when no element had the field. A null on the way to the last segment ends the
  /// read with nil; a null at the last segment is returned as null.
  public func read(_ path: ContextPath) -> JSONValue? {
    Self.read(.object(root), path.segments[...])
  }

  /// Parses `key` and reads it.
  public func read(key: String) throws(HostError) -> JSONValue? {
    read(try ContextPath(key))
  }

  // MARK: - Writing

  /// Replaces the value at `path` with `value`; sibling keys are untouched. The selector, if
  /// any, is ignored: only a merge uses it.
  public mutating func overwrite(_ path: ContextPath, with value: JSONValue) throws(HostError) {
    try Self.store(value, in: &root, at: path.segments[...], path: path)
  }

  /// Merges `value` into what `path` holds, by `ContextMerge.merge` with the path's selector,
  /// and returns the value stored.
  @discardableResult
  public mutating func merge(_ path: ContextPath, with value: JSONValue) throws(HostError)
    -> JSONValue
  {
    let existing = Self.readObjectsOnly(.object(root), path.segments[...])
    let merged = ContextMerge.merge(existing: existing, incoming: value, selector: path.selector)
    try Self.store(merged, in: &root, at: path.segments[...], path: path)
    return merged
  }

  // MARK: - Internals

  private static func read(_ value: JSONValue, _ segments: ArraySlice<String>) -> JSONValue? {
    guard let name = segments.first else { return value }
    switch value {
    case .object(let members):
      guard let child = members[name] else { return nil }
      return read(child, segments.dropFirst())
    case .array(let elements):
      var found: [JSONValue] = []
      for element in elements {
        guard case .object = element, let item = read(element, segments) else { continue }
        if case .array(let inner) = item { found += inner } else { found.append(item) }
      }
      guard !found.isEmpty else { return nil }
      return .array(found)
    default:
      return nil
    }
  }

  /// The value at `segments`, walking objects only; what a write would replace.
  private static func readObjectsOnly(
    _ value: JSONValue, _ segments: ArraySlice<String>
  ) -> JSONValue? {
    var current = value
    for name in segments {
      guard case .object(let members) = current, let child = members[name] else { return nil }
      current = child
    }
    return current
  }

  private static func store(
    _ value: JSONValue, in object: inout JSONObject, at segments: ArraySlice<String>,
    path: ContextPath
  ) throws(HostError) {
    guard let name = segments.first else { return }
    let rest = segments.dropFirst()
    guard !rest.isEmpty else {
      object[name] = value
      return
    }

    var child: JSONObject
    let isObject: Bool
    switch object[name] {
    case nil, .null?:
      child = JSONObject()
      isObject = false
    case .object(let members)?:
      child = members
      isObject = true
    case let found?:
      let prefix = path.segments[..<rest.startIndex].joined(separator: ".")
      throw .blockedPath(key: path.key, prefix: prefix, found: found)
    }

    // Take an existing child out first, so that writing it does not copy it; a failed write
    // changed nothing, so it goes back as it was.
    if isObject { object[name] = .null }
    do {
      try store(value, in: &child, at: rest, path: path)
    } catch {
      if isObject { object[name] = .object(child) }
      throw error
    }
    object[name] = .object(child)
  }
}
