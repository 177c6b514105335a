import CoaJSON
import PlaybookHost

extension TextReport {
  /// What the run changed: context paths with their new values, and custom fields; a grid
  /// shows its row count before and after, then its rows.
  func changes() -> [String] {
    guard let after = report.incident else { return ["Changes: unknown"] }
    let changes = IncidentChanges(before: incidentBefore, after: after)
    guard !changes.isEmpty else { return ["Changes: none"] }

    var lines = ["Changes"]
    for change in changes.context {
      lines.append("  context \(change.name): " + Self.describe(change))
    }
    for change in changes.customFields {
      if let grid = Self.gridLines(change) {
        lines += grid
      } else {
        lines.append("  field \(change.name): " + Self.describe(change))
      }
    }
    return lines
  }

  // MARK: - Internals

  /// The most rows a grid change shows.
  private static let rowLimit = 20

  /// "(new) value", "old → new" or "(removed, was value)".
  private static func describe(_ change: IncidentChanges.Change) -> String {
    switch change {
    case .added(_, let value):
      return "(new) " + TextStyle.compact(value, limit: 120)
    case .changed(_, let old, let new):
      return TextStyle.compact(old, limit: 56) + " → " + TextStyle.compact(new, limit: 56)
    case .removed(_, let value):
      return "(removed, was " + TextStyle.compact(value, limit: 100) + ")"
    }
  }

  /// A custom field whose value is or was a list of rows, as a grid: the row counts, then
  /// each row after the change. Nil for other fields.
  private static func gridLines(_ change: IncidentChanges.Change) -> [String]? {
    let before: JSONValue?
    let after: JSONValue?
    switch change {
    case .added(_, let value): (before, after) = (nil, value)
    case .changed(_, let old, let new): (before, after) = (old, new)
    case .removed(_, let value): (before, after) = (value, nil)
    }
    guard before?.arrayValue != nil || after?.arrayValue != nil else { return nil }

    let rowsAfter = after?.arrayValue ?? []
    var lines = ["  grid \(change.name): \(rows(before)) → \(rows(after))"]
    for row in rowsAfter.prefix(rowLimit) {
      lines.append("      " + describeRow(row))
    }
    if rowsAfter.count > rowLimit {
      lines.append("      … and \(rowsAfter.count - rowLimit) more")
    }
    return lines
  }

  /// "2 rows", "1 row", "no field", "null".
  private static func rows(_ value: JSONValue?) -> String {
    guard let value else { return "no field" }
    guard let rows = value.arrayValue else { return TextStyle.compact(value, limit: 40) }
    return rows.count == 1 ? "1 row" : "\(rows.count) rows"
  }

  /// "technique: T1035, tactic: Execution" for an object row; its compact JSON otherwise.
  private static func describeRow(_ row: JSONValue) -> String {
    guard let cells = row.objectValue else { return TextStyle.compact(row, limit: 100) }
    let text = cells.map { column, cell in
      "\(column): \(TextStyle.oneLine(cell.plainText))"
    }
    return TextStyle.truncated(text.joined(separator: ", "), limit: 100)
  }
}
