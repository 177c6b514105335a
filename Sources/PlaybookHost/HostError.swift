import CoaJSON

/// Everything the SOAR model can refuse: bad context keys, bad native arguments, SetGridField
/// failures, malformed integrations files and incidents.
///
/// Cases carry facts only; `message` (in `HostError+Message.swift`) is the one place that
/// turns them into text. Messages are lowercase, name what was wrong and where, and end
/// without a period, like Lua's own errors.
public enum HostError: Error, Hashable, Sendable {
  /// A context key that cannot be parsed.
  case badKey(key: String, problem: KeyProblem)
  /// A write whose path runs through a value that is not an object (a list or a scalar).
  ///
  /// `prefix` is the part of the key up to the blocking value.
  case blockedPath(key: String, prefix: String, found: JSONValue)
  /// A required argument that is absent, null or empty.
  case missingArgument(function: String, argument: String, expected: ArgumentKind)
  /// An argument of the wrong type or with a value outside what it accepts.
  case badArgument(function: String, argument: String, expected: ArgumentKind, found: JSONValue)
  /// SetGridField could not build or store the grid.
  case grid(GridProblem)
  /// The integrations file does not have one of the accepted shapes.
  case integrationsFile(IntegrationsFileProblem)
  /// The incident document does not have the expected shape.
  case incident(IncidentProblem)
}

/// What an argument should have been, as error messages name it.
public enum ArgumentKind: String, Hashable, Sendable {
  /// Any value at all.
  case value
  /// A string.
  case string
  /// A Lua boolean or one of the strings true, yes, false, no.
  case boolean
  /// A list: a Lua sequence, a JSON array in a string or a comma-separated string.
  case list
  /// A list whose elements are strings, numbers or booleans.
  case listOfNames
  /// A Lua table (a helper's options, such as step's { continue_on_error = true }).
  case table
  /// A Lua function (the body of a step).
  case function
}

/// Why a context key could not be parsed.
public enum KeyProblem: Hashable, Sendable {
  /// The key is empty.
  case empty
  /// The segment at this 1-based position is empty (two dots in a row, or a dot at an end).
  case emptySegment(position: Int)
  /// An opening parenthesis without its closing one, or the reverse.
  case unbalancedParentheses
  /// A selector in parentheses followed by more of the key.
  case selectorNotLast
  /// Text in the trailing parentheses that is not `val.X == obj.Y` joined by `&&`.
  case unsupportedSelector(String)
}

/// Why SetGridField failed.
public enum GridProblem: Hashable, Sendable {
  /// Explicit keys and columns differ in number.
  case keysColumnsMismatch(keys: Int, columns: Int)
  /// A list of keys (`argument` is keys or keys_from_nested) holds "*" among other keys.
  case starAmongKeys(argument: String)
  /// A column name that keeps no character under the column rule.
  case emptyColumnName(String)
  /// No field under the normalised grid id in the incident's CustomFields.
  case gridNotFound(id: String)
  /// With overwrite false, the grid's current value is not a list of rows.
  case gridNotRows(id: String, found: JSONValue)
  /// With overwrite false, a row of the grid's current value (1-based) is not an object.
  case gridRowNotObject(id: String, row: Int, found: JSONValue)
  /// The context path reads nothing.
  case pathNotFound(path: String)
  /// The context path holds a value none of the grid shapes accept.
  case unexpectedShape(path: String, found: JSONValue)
  /// unpack_nested_elements is true but the path does not hold an object.
  case unpackNeedsObject(path: String, found: JSONValue)
  /// A list holding objects and other values; `index` (1-based) is the first non-object.
  case mixedList(path: String, index: Int, found: JSONValue)
  /// A list of values whose element at `index` (1-based) is a list.
  case listInValues(path: String, index: Int, found: JSONValue)
  /// A key/value shape with fewer than two columns.
  case needsTwoColumns(shape: KeyValueShape, columns: Int)
  /// A sort column that holds values of different kinds (e.g. numbers and strings).
  case mixedSortColumn(column: String, kinds: [String])
  /// A sort column whose cell in `row` (1-based) is a list or an object.
  case unsortableCell(column: String, row: Int, found: JSONValue)
}

/// The two grid shapes that put keys in the first column and values in the second.
public enum KeyValueShape: Hashable, Sendable {
  /// unpack_nested_elements true.
  case unpackedElements
  /// An object read with keys *.
  case objectPairs
}

/// Why the integrations file was rejected.
public enum IntegrationsFileProblem: Hashable, Sendable {
  /// The text is not JSON; the parser's own description.
  case invalidJSON(String)
  /// The top level is neither an array of instances nor an object of instances.
  case unexpectedTopLevel(found: JSONValue)
  /// An instance that is not an object.
  case instanceNotObject(IntegrationLocator, found: JSONValue)
  /// An array entry without a "name".
  case missingName(IntegrationLocator)
  /// A field ("name", "brand" or "state") that is present but not a string.
  case fieldNotString(IntegrationLocator, field: String, found: JSONValue)
}

/// Where an instance sits in the integrations file.
public enum IntegrationLocator: Hashable, Sendable {
  /// The 1-based position in the array shape.
  case entry(Int)
  /// The instance name, the key in the getModules shape.
  case instance(String)
}

/// Why an incident document was rejected.
public enum IncidentProblem: Hashable, Sendable {
  /// The document is not a JSON object.
  case notAnObject(found: JSONValue)
  /// "CustomFields" or "context" is present but neither an object nor null.
  case fieldNotObject(field: String, found: JSONValue)
}
