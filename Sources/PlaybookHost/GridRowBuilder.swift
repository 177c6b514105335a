import CoaJSON

/// Turns what SetGridField's context_path holds into grid rows, one shape at a time.
///
/// Shapes (unpack_nested_elements false):
/// - a list of scalars: one row per element, the element in the first column, typed;
/// - a list of objects: each filtered by keys and rendered by `GridCellText`; with explicit
///   keys, column i takes key i; with keys * each object keeps its first as many keys as
///   there are columns, and the distinct keys of all rows, in the order first seen, map onto
///   the columns by position (keys past the last column are left out, with a warning);
/// - an object with keys *: one row per member, key in column 1, value in column 2;
/// - an object with explicit keys: one row, column i taking the value of key i.
/// Anything else (nothing at the path, a scalar, null, a list mixing objects with other
/// values, a list of values holding a list) is an error naming the path and what it found.
///
/// With unpack_nested_elements true the path must hold an object, which is walked: nested
/// objects (filtered by keys again) are walked, a list gives one row per non-object element
/// and walks its objects, and anything else gives one row. Each row is
/// {column 1: key, column 2: value}, where a list, object or null value becomes "".
struct GridRowBuilder: Sendable {
  /// The context path as written, for messages.
  let path: String
  /// The normalised column names; never empty.
  let columns: [String]
  /// The keys argument.
  let keys: GridKeys
  /// The unpack_nested_elements argument.
  let unpacksNestedElements: Bool
  /// How nested values become cell text (keys_from_nested).
  let cellText: GridCellText

  /// Rows, and the warnings building them gave.
  typealias Rows = (rows: [JSONObject], warnings: [HostWarning])

  /// The rows built from `value`, what the context path read, and any warnings.
  func rows(from value: JSONValue?) throws(HostError) -> Rows {
    guard let value else { throw .grid(.pathNotFound(path: path)) }

    if unpacksNestedElements {
      guard case .object(let members) = value else {
        throw .grid(.unpackNeedsObject(path: path, found: value))
      }
      try requireTwoColumns(.unpackedElements)
      var rows: [JSONObject] = []
      unpack(members, into: &rows)
      return (rows, [])
    }

    switch value {
    case .array(let elements): return try listRows(elements)
    case .object(let members): return (try objectRows(members), [])
    default: throw .grid(.unexpectedShape(path: path, found: value))
    }
  }

  // MARK: - Lists

  private func listRows(_ elements: [JSONValue]) throws(HostError) -> Rows {
    let objects = elements.compactMap(\.objectValue)
    if !objects.isEmpty {
      if let index = elements.firstIndex(where: { $0.objectValue == nil }) {
        throw .grid(.mixedList(path: path, index: index + 1, found: elements[index]))
      }
      return objectListRows(objects)
    }

    if let index = elements.firstIndex(where: { $0.arrayValue != nil }) {
      throw .grid(.listInValues(path: path, index: index + 1, found: elements[index]))
    }
    return (elements.map { row([$0]) }, [])
  }

  private func objectListRows(_ objects: [JSONObject]) -> Rows {
    guard keys == .all else {
      return (objects.map(namedKeysRow), [])
    }

    let filtered = objects.map { keys.filter($0, limit: columns.count) }
    var columnOfKey: [String: Int] = [:]
    var leftOut: [String] = []
    for object in filtered {
      for key in object.keys where columnOfKey[key] == nil {
        columnOfKey[key] = columnOfKey.count
        if columnOfKey.count > columns.count { leftOut.append(key) }
      }
    }

    let rows = filtered.map { object in
      var cells = [JSONValue](repeating: .null, count: columns.count)
      for (key, value) in object {
        guard let column = columnOfKey[key], column < columns.count else { continue }
        cells[column] = cellText.cell(value)
      }
      return row(cells)
    }
    guard !leftOut.isEmpty else { return (rows, []) }
    return (rows, [.keysWithoutColumn(path: path, keys: leftOut)])
  }

  // MARK: - Objects

  private func objectRows(_ members: JSONObject) throws(HostError) -> [JSONObject] {
    guard keys == .all else { return [namedKeysRow(members)] }
    try requireTwoColumns(.objectPairs)
    return members.map { key, value in row([.string(key), cellText.cell(value)]) }
  }

  /// One row from explicit keys: column i takes key i (null when missing, "" or null).
  private func namedKeysRow(_ object: JSONObject) -> JSONObject {
    guard case .named(let names) = keys else { return row([]) }
    return row(names.map { cellText.cell(GridKeys.cell(object[$0])) })
  }

  // MARK: - Unpacking

  private func unpack(_ object: JSONObject, into rows: inout [JSONObject]) {
    for (key, value) in keys.filter(object) {
      switch value {
      case .object(let inner):
        unpack(inner, into: &rows)
      case .array(let items):
        for item in items {
          if case .object(let inner) = item {
            unpack(inner, into: &rows)
          } else {
            rows.append(row([.string(key), Self.flat(item)]))
          }
        }
      default:
        rows.append(row([.string(key), Self.flat(value)]))
      }
    }
  }

  /// A scalar as it is; a list, an object or null as "".
  private static func flat(_ value: JSONValue) -> JSONValue {
    switch value {
    case .null, .array, .object: return .string("")
    default: return value
    }
  }

  // MARK: - Helpers

  private func requireTwoColumns(_ shape: KeyValueShape) throws(HostError) {
    guard columns.count >= 2 else {
      throw .grid(.needsTwoColumns(shape: shape, columns: columns.count))
    }
  }

  /// A row with `cells` under the columns in order; null cells are left out.
  private func row(_ cells: [JSONValue]) -> JSONObject {
    var row = JSONObject()
    for (column, cell) in zip(columns, cells) where cell != .null {
      row[column] = cell
    }
    return row
  }
}
