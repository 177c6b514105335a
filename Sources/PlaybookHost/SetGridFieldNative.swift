import CoaJSON

/// XSOAR's SetGridField: fills a grid field of the incident with rows built from a context
/// path.
///
/// Parse the arguments with `init(arguments:)` (which also checks keys against columns),
/// then `run(on:)` the incident, or `grid(for:)` to build the rows without storing them.
public struct SetGridFieldNative: Hashable, Sendable {
  /// The normalised grid id, the field's machine name in CustomFields.
  public let gridID: String
  /// The context path the rows come from, as written.
  public let contextPath: String
  /// The normalised column names, in order.
  public let columns: [String]
  /// Which keys of the context objects to take.
  public let keys: GridKeys
  /// True to replace the grid's rows, false to put the new rows before the old ones.
  public let overwrite: Bool
  /// The normalised sort columns, most significant first; empty for no sort.
  public let sortBy: [String]
  /// True to walk a nested object into key/value rows.
  public let unpacksNestedElements: Bool
  /// Which keys of nested objects to show in a cell's text.
  public let keysFromNested: GridKeys

  /// The parsed context path.
  private let path: ContextPath

  /// Reads the arguments grid_id, context_path and columns (required), keys (default *),
  /// overwrite (default true), sort_by, unpack_nested_elements (default false) and
  /// keys_from_nested (default *), and checks that explicit keys match the columns in count.
  public init(arguments: JSONObject) throws(HostError) {
    let function = NativeFunction.setGridField.name
    let arguments = NativeArguments(function: function, values: arguments)
    let gridName = try arguments.requiredString("grid_id")
    contextPath = try arguments.requiredString("context_path")
    guard let columnNames = try arguments.names("columns") else {
      throw .missingArgument(function: function, argument: "columns", expected: .list)
    }

    keys = try GridKeys.parse(try arguments.names("keys"), argument: "keys")
    overwrite = try arguments.boolean("overwrite", default: true)
    sortBy = (try arguments.names("sort_by") ?? []).map(GridNames.column)
    unpacksNestedElements = try arguments.boolean("unpack_nested_elements", default: false)
    keysFromNested = try GridKeys.parse(
      try arguments.names("keys_from_nested"), argument: "keys_from_nested")

    if case .named(let names) = keys, names.count != columnNames.count {
      throw .grid(.keysColumnsMismatch(keys: names.count, columns: columnNames.count))
    }
    columns = try columnNames.map { (name: String) throws(HostError) -> String in
      let column = GridNames.column(name)
      guard !column.isEmpty else { throw .grid(.emptyColumnName(name)) }
      return column
    }
    gridID = GridNames.gridID(gridName)
    path = try ContextPath(contextPath)
  }

  /// Builds the grid from `incident` and stores it in the incident's CustomFields.
  public func run(on incident: inout Incident) throws(HostError) -> GridFieldOutcome {
    let outcome = try grid(for: incident)
    incident.setGrid(gridID, to: outcome.gridValue)
    return outcome
  }

  /// Builds the grid's new rows from `incident` and its context, without storing them.
  public func grid(for incident: Incident) throws(HostError) -> GridFieldOutcome {
    guard let current = incident.gridValue(gridID) else {
      throw .grid(.gridNotFound(id: gridID))
    }

    let builder = GridRowBuilder(
      path: contextPath, columns: columns, keys: keys,
      unpacksNestedElements: unpacksNestedElements,
      cellText: GridCellText(nestedKeys: keysFromNested))
    var (rows, warnings) = try builder.rows(from: incident.context.read(path))
    if !overwrite {
      rows += try oldRows(current)
    }

    if !sortBy.isEmpty {
      let sorter = GridSorter(columns: sortBy)
      let unknown = sorter.unknownColumns(in: rows, knownColumns: columns)
      if unknown.isEmpty {
        rows = try sorter.sorted(rows)
      } else {
        warnings.append(.unknownSortColumns(unknown))
      }
    }
    return GridFieldOutcome(
      gridID: gridID, contextPath: contextPath, rows: rows, warnings: warnings)
  }

  // MARK: - Internals

  /// The grid's current rows, null cells left out; null, "" and [] hold none.
  private func oldRows(_ current: JSONValue) throws(HostError) -> [JSONObject] {
    let elements: [JSONValue]
    switch current {
    case .null, .string(""): elements = []
    case .array(let items): elements = items
    default: throw .grid(.gridNotRows(id: gridID, found: current))
    }

    var rows: [JSONObject] = []
    for (position, element) in elements.enumerated() {
      guard case .object(let members) = element else {
        throw .grid(.gridRowNotObject(id: gridID, row: position + 1, found: element))
      }
      var row = JSONObject()
      for (key, value) in members where value != .null {
        row[key] = value
      }
      rows.append(row)
    }
    return rows
  }
}

/// What a SetGridField call built.
public struct GridFieldOutcome: Hashable, Sendable {
  /// The normalised grid id.
  public let gridID: String
  /// The context path as written.
  public let contextPath: String
  /// The grid's rows, in order; cells that are null are left out.
  public let rows: [JSONObject]
  /// Things the author should know, for the run report.
  public let warnings: [HostWarning]

  /// The grid's whole new value: the list of rows. Kept, as the grid and Lua both take it.
  public let gridValue: JSONValue

  /// The outcome of building `rows` for grid `gridID` from `contextPath`.
  init(gridID: String, contextPath: String, rows: [JSONObject], warnings: [HostWarning]) {
    self.gridID = gridID
    self.contextPath = contextPath
    self.rows = rows
    self.warnings = warnings
    gridValue = .array(rows.map(JSONValue.object))
  }

  /// The war-room entry: which grid was filled from which path.
  public var entryText: String {
    let count = rows.count == 1 ? "1 row" : "\(rows.count) rows"
    return "Grid \(gridID) set from \(contextPath) (\(count))"
  }
}
