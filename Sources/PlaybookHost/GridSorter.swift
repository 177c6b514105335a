import CoaJSON

/// SetGridField's sort_by: a stable ascending sort of the rows by several columns in order.
///
/// Strings compare by Unicode code point, numbers numerically (integers, big integers and
/// doubles together), booleans false before true. A row without the column (or with null)
/// sorts after every row that has it. A column mixing strings, numbers and booleans is an
/// error, as is a list or an object in a sort column. Rows that compare equal keep their
/// order.
struct GridSorter: Sendable {
  /// The normalised sort columns, most significant first.
  let columns: [String]

  /// The kind of a sortable cell; the order is the order of kinds in error messages.
  private enum Kind: Int, Comparable {
    case number, string, boolean

    var plural: String {
      switch self {
      case .number: return "numbers"
      case .string: return "strings"
      case .boolean: return "booleans"
      }
    }

    static func < (left: Kind, right: Kind) -> Bool { left.rawValue < right.rawValue }
  }

  /// The sort columns that no row has and that are not among `knownColumns`.
  func unknownColumns(in rows: [JSONObject], knownColumns: [String]) -> [String] {
    columns.filter { column in
      !knownColumns.contains(column) && !rows.contains { $0[column] != nil }
    }
  }

  /// `rows` sorted.
  func sorted(_ rows: [JSONObject]) throws(HostError) -> [JSONObject] {
    for column in columns {
      try check(column, in: rows)
    }
    let order = rows.indices.sorted { left, right in
      for column in columns {
        let comparison = Self.compare(rows[left][column], rows[right][column])
        if comparison != 0 { return comparison < 0 }
      }
      return left < right
    }
    return order.map { rows[$0] }
  }

  // MARK: - Internals

  /// Throws when `column` holds unsortable cells or cells of several kinds.
  private func check(_ column: String, in rows: [JSONObject]) throws(HostError) {
    var kinds: Set<Kind> = []
    for (position, row) in rows.enumerated() {
      guard let cell = row[column], cell != .null else { continue }
      guard let kind = Self.kind(of: cell) else {
        throw .grid(.unsortableCell(column: column, row: position + 1, found: cell))
      }
      kinds.insert(kind)
    }
    guard kinds.count <= 1 else {
      throw .grid(.mixedSortColumn(column: column, kinds: kinds.sorted().map(\.plural)))
    }
  }

  private static func kind(of cell: JSONValue) -> Kind? {
    switch cell {
    case .int, .double, .bigInt: return .number
    case .string, .bytes: return .string
    case .bool: return .boolean
    case .null, .array, .object: return nil
    }
  }

  /// -1, 0 or 1; a missing or null cell comes last. The cells are of one kind.
  private static func compare(_ left: JSONValue?, _ right: JSONValue?) -> Int {
    switch (left ?? .null, right ?? .null) {
    case (.null, .null): return 0
    case (.null, _): return 1
    case (_, .null): return -1
    case (.bool(let first), .bool(let second)): return sign(first ? 1 : 0, second ? 1 : 0)
    case (let first, let second):
      if let firstBytes = first.utf8Bytes, let secondBytes = second.utf8Bytes {
        // UTF-8 byte order is code point order.
        if firstBytes.elementsEqual(secondBytes) { return 0 }
        return firstBytes.lexicographicallyPrecedes(secondBytes) ? -1 : 1
      }
      return compareNumbers(first, second)
    }
  }

  private static func compareNumbers(_ left: JSONValue, _ right: JSONValue) -> Int {
    switch (left, right) {
    case (.int(let first), .int(let second)):
      return sign(first, second)
    case (.bigInt(let first), .bigInt(let second)):
      return compareDigits(first, second)
    default:
      return sign(left.numberValue ?? 0, right.numberValue ?? 0)
    }
  }

  /// Compares two exact decimal integers, each with an optional leading "-".
  private static func compareDigits(_ left: String, _ right: String) -> Int {
    let leftNegative = left.hasPrefix("-")
    let rightNegative = right.hasPrefix("-")
    if leftNegative != rightNegative { return leftNegative ? -1 : 1 }

    let first = left.drop { $0 == "-" || $0 == "+" }
    let second = right.drop { $0 == "-" || $0 == "+" }
    var magnitude = sign(first.count, second.count)
    if magnitude == 0 {
      magnitude = first == second ? 0 : (first.lexicographicallyPrecedes(second) ? -1 : 1)
    }
    return leftNegative ? -magnitude : magnitude
  }

  private static func sign<T: Comparable>(_ left: T, _ right: T) -> Int {
    left < right ? -1 : (left == right ? 0 : 1)
  }
}
