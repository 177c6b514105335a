import CoaJSON

/// The metadata at the top of a playbook, in its fixed order.
///
/// ```lua
/// description = [[What the playbook remediates, and how.]]
/// id = "T1569.002"
/// name = "MITRE ATT&CK CoA - T1569.002 - Service Execution"
/// techniques = { "T1569.002", "T1035" }
/// phases = { "Execution" }
/// outputs = { { path = "Handled.Techniques", description = "The techniques handled" } }
/// ```
public struct PlaybookHeader: Hashable, Sendable {
  /// One context path the playbook writes.
  public struct Output: Hashable, Sendable {
    /// The dotted context path.
    public let path: String
    /// What it holds.
    public let description: String
  }

  /// The header fields, in the order a playbook must assign them.
  public static let fieldOrder = fields.map(\.name)

  /// What the playbook remediates, and how.
  public let description: String
  /// A short stable identifier.
  public let id: String
  /// The display name (XSOAR's playbook name).
  public let name: String
  /// The MITRE ATT&CK technique IDs handled, e.g. T1569.002 and its former ID T1035.
  public let techniques: [String]
  /// The kill chain phases.
  public let phases: [String]
  /// The context paths the playbook writes.
  public let outputs: [Output]

  /// Where each header field is assigned at the top level of `source` (1-based lines).
  ///
  /// A header field is a line that starts, at column 0, with the field's name followed by
  /// "=". A file with none of them is an ad-hoc script without a header.
  static func fieldLines(in source: [UInt8]) -> [String: Int] {
    var lines: [String: Int] = [:]
    var lineNumber = 1
    var start = 0
    for index in 0...source.count where index == source.count || source[index] == 10 {
      let line = source[start..<index]
      for field in fieldOrder where lines[field] == nil && assigns(field, line) {
        lines[field] = lineNumber
      }
      lineNumber += 1
      start = index + 1
    }
    return lines
  }

  private static func assigns(_ field: String, _ line: ArraySlice<UInt8>) -> Bool {
    let name = Array(field.utf8)
    guard line.starts(with: name) else { return false }
    let rest = line.dropFirst(name.count).drop { $0 == 32 || $0 == 9 }
    return rest.first == UInt8(ascii: "=") && rest.dropFirst().first != UInt8(ascii: "=")
  }

  /// Checks that the assigned fields come in the fixed order.
  static func checkOrder(_ lines: [String: Int], path: String) throws(PlaybookError) {
    var previous: (field: String, line: Int)?
    for field in fieldOrder {
      guard let line = lines[field] else { continue }
      if let before = previous, line < before.line {
        throw .fieldOutOfOrder(path: path, line: before.line, field: before.field, after: field)
      }
      previous = (field, line)
    }
  }

  /// Reads and validates the header from the globals a playbook's top level defined.
  static func read(
    path: String, lines: [String: Int], global: (String) throws(PlaybookError) -> JSONValue?
  ) throws(PlaybookError) -> PlaybookHeader {
    func field(_ name: String) throws(PlaybookError) -> JSONValue {
      guard let value = try global(name) else { throw .missingField(path: path, field: name) }
      return value
    }
    func bad(_ name: String, _ expected: String, _ found: JSONValue) -> PlaybookError {
      .badField(
        path: path, line: lines[name], field: name, expected: expected,
        found: found.headerDescription)
    }
    func text(_ name: String) throws(PlaybookError) -> String {
      let value = try field(name)
      guard case .string(let text) = value, !text.isEmpty else {
        throw bad(name, "a non-empty string", value)
      }
      return text
    }
    func texts(_ name: String, _ expected: String, _ valid: (String) -> Bool)
      throws(PlaybookError) -> [String]
    {
      let value = try field(name)
      guard case .array(let elements) = value, !elements.isEmpty else {
        throw bad(name, expected, value)
      }
      var result: [String] = []
      for element in elements {
        guard case .string(let text) = element, valid(text) else {
          throw bad(name, expected, element)
        }
        result.append(text)
      }
      return result
    }

    let description = try text("description")
    let id = try text("id")
    let name = try text("name")
    let techniques = try texts(
      "techniques", "a list of technique IDs such as \"T1569.002\"", isTechniqueID)
    let phases = try texts("phases", "a list of kill chain phase names") { !$0.isEmpty }
    let outputs = try readOutputs(try field("outputs"), bad: { bad("outputs", $0, $1) })
    return PlaybookHeader(
      description: description, id: id, name: name, techniques: techniques, phases: phases,
      outputs: outputs)
  }

  private static func readOutputs(
    _ value: JSONValue, bad: (String, JSONValue) -> PlaybookError
  ) throws(PlaybookError) -> [Output] {
    let expected = "a list of { path = \"...\", description = \"...\" } tables"
    guard case .array(let elements) = value else { throw bad(expected, value) }
    var outputs: [Output] = []
    for element in elements {
      guard case .object(let members) = element,
        case .string(let path)? = members["path"], !path.isEmpty,
        case .string(let description)? = members["description"]
      else { throw bad(expected, element) }
      outputs.append(Output(path: path, description: description))
    }
    return outputs
  }

  /// Whether `text` is a MITRE ATT&CK technique ID: T and four digits, optionally a dot and
  /// three more ("T1035", "T1569.002").
  public static func isTechniqueID(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    func digits(_ range: Range<Int>) -> Bool {
      range.allSatisfy { bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
    }
    guard bytes.count == 5 || bytes.count == 9, bytes[0] == UInt8(ascii: "T"), digits(1..<5)
    else { return false }
    return bytes.count == 5 || (bytes[5] == UInt8(ascii: ".") && digits(6..<9))
  }

  /// The header as JSON, in field order, for reports and `coa list --format json`.
  public var json: JSONValue {
    var object = JSONObject()
    object["id"] = .string(id)
    object["name"] = .string(name)
    object["techniques"] = .array(techniques.map(JSONValue.string))
    object["phases"] = .array(phases.map(JSONValue.string))
    object["outputs"] = .array(
      outputs.map { ["path": .string($0.path), "description": .string($0.description)] })
    object["description"] = .string(description)
    return .object(object)
  }
}

extension JSONValue {
  /// How header errors show a value they did not expect: its kind, and a short text.
  var headerDescription: String {
    switch self {
    case .string(let text):
      return "string \"\(text.count > 40 ? String(text.prefix(40)) + "..." : text)\""
    case .array(let elements): return elements.isEmpty ? "an empty list" : "a list"
    case .object: return "a table with string keys"
    case .null: return "nil"
    default: return kindName
    }
  }
}
