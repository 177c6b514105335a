import CoaJSON

/// One test of a playbook: an incident, the configured integrations, and what must hold after
/// the run. Scenarios live next to their playbook, one JSON file each, in
/// DIR/tests/NAME/ for the playbook DIR/NAME.lua:
///
/// ```json
/// {
///   "description": "XDR available: one manual task, both IDs handled, the grid filled",
///   "incident": { "CustomFields": { "handledtechniques": [] } },
///   "integrations": [{ "name": "xdr", "brand": "Cortex XDR - IR", "state": "active" }],
///   "expect": {
///     "status": "completed",
///     "context": { "Handled.Techniques": ["T1035", "T1569.002"] },
///     "grids": { "handledtechniques": [{ "technique": "T1035" }, { "technique": "T1569.002" }] },
///     "manualTasks": ["Manual - Configure XDR Behavioral Threat Protection ..."],
///     "failedSteps": []
///   }
/// }
/// ```
///
/// "incident" and "integrations" are inline JSON or the path of a file, relative to the
/// scenario's own file. Without "integrations" there are none.
public struct Scenario: Hashable, Sendable {
  /// The fields a scenario file may have.
  public static let fieldNames = ["description", "incident", "integrations", "expect"]

  /// The file name without ".json", as results name the scenario.
  public let name: String
  /// The scenario file.
  public let path: String
  /// What the scenario shows, in a sentence.
  public let description: String
  /// The incident the run starts from.
  public let incident: Incident
  /// The configured integration instances.
  public let integrations: Integrations
  /// What must hold after the run.
  public let expectation: ScenarioExpectation

  /// Reads the scenario file at `path`.
  public static func load(path: String) throws(ScenarioError) -> Scenario {
    try Scenario(path: path, document: try readJSON(path))
  }

  /// The scenario `document` holds; `path` names it in errors and anchors relative paths.
  public init(path: String, document: JSONValue) throws(ScenarioError) {
    guard case .object(let fields) = document else {
      throw .notAnObject(path: path, found: document)
    }
    if let unknown = fields.keys.first(where: { !Self.fieldNames.contains($0) }) {
      throw .unknownField(path: path, field: unknown, known: Self.fieldNames)
    }
    self.path = path
    let file = FileSystem.baseName(of: path)
    name = file.hasSuffix(".json") ? String(file.dropLast(5)) : file

    guard let description = fields["description"] else {
      throw .missingField(path: path, field: "description")
    }
    guard case .string(let text) = description, !text.isEmpty else {
      throw .badField(
        path: path, field: "description", expected: "a non-empty string", found: description)
    }
    self.description = text

    incident = try Self.incident(fields["incident"], scenario: path)
    integrations = try Self.integrations(fields["integrations"], scenario: path)
    guard let expect = fields["expect"] else { throw .missingField(path: path, field: "expect") }
    expectation = try ScenarioExpectation(expect, path: path)
  }

  // MARK: - Internals

  private static func incident(_ value: JSONValue?, scenario: String) throws(ScenarioError)
    -> Incident
  {
    guard let value else { throw .missingField(path: scenario, field: "incident") }
    let (document, source) = try resolve(value, field: "incident", scenario: scenario)
    do {
      return try Incident(document: document)
    } catch {
      throw .badIncident(path: source, error: error)
    }
  }

  private static func integrations(_ value: JSONValue?, scenario: String) throws(ScenarioError)
    -> Integrations
  {
    guard let value, value != .null else { return .none }
    let (document, source) = try resolve(value, field: "integrations", scenario: scenario)
    do {
      return try Integrations(document: document)
    } catch {
      throw .badIntegrations(path: source, error: error)
    }
  }

  /// An inline value as it is, or the JSON of the file a string names (relative to the
  /// scenario), with the path errors should name.
  private static func resolve(_ value: JSONValue, field: String, scenario: String)
    throws(ScenarioError) -> (JSONValue, String)
  {
    guard case .string(let reference) = value else { return (value, scenario) }
    guard !reference.isEmpty else {
      throw .badField(
        path: scenario, field: field, expected: "inline JSON or a file path", found: value)
    }
    let path =
      reference.hasPrefix("/")
      ? reference : EditorStubs.join(FileSystem.directory(of: scenario), reference)
    return (try readJSON(path), path)
  }

  static func readJSON(_ path: String) throws(ScenarioError) -> JSONValue {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.read(path)
    } catch {
      throw .file(error)
    }
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw .malformedJSON(path: path, error: error)
    }
  }
}
