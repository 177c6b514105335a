import CoaJSON

/// Why a playbook's scenarios could not be read or matched to their playbook: bad input,
/// not a failed test. Facts only; `description` is the one renderer.
public enum ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file or folder could not be read.
  case file(FileError)
  /// A scenario, or a file it names, is not valid JSON.
  case malformedJSON(path: String, error: JSONParseError)
  /// The scenario file is JSON but not an object.
  case notAnObject(path: String, found: JSONValue)
  /// A field every scenario needs is missing.
  case missingField(path: String, field: String)
  /// A field the format does not know, most likely a typo; `known` lists the right ones.
  case unknownField(path: String, field: String, known: [String])
  /// A field of the wrong type or form.
  case badField(path: String, field: String, expected: String, found: JSONValue)
  /// The incident (inline, or the file `path` names) is not an incident.
  case badIncident(path: String, error: HostError)
  /// The integrations (inline, or the file `path` names) are not a list of instances.
  case badIntegrations(path: String, error: HostError)
  /// A context path under expect.context does not parse.
  case badContextPath(path: String, key: String, error: HostError)
  /// The playbook could not be loaded.
  case playbook(PlaybookError)
  /// A scenario file that is not in a playbook's scenario folder (DIR/tests/NAME/).
  case strayScenario(path: String)
  /// A path that is neither a playbook, a scenario nor a folder.
  case notATestTarget(path: String)

  /// One line naming the file and what is wrong.
  public var description: String {
    switch self {
    case .file(let error):
      return error.description
    case .malformedJSON(let path, let error):
      return "\(path):\(error.line):\(error.column): \(error.message)"
    case .notAnObject(let path, let found):
      return "\(path): a scenario must be a JSON object (got \(found.kindName))"
    case .missingField(let path, let field):
      return "\(path): scenario field '\(field)' is missing"
    case .unknownField(let path, let field, let known):
      return "\(path): unknown scenario field '\(field)' (known: \(known.joined(separator: ", ")))"
    case .badField(let path, let field, let expected, let found):
      return "\(path): scenario field '\(field)' must be \(expected) (got \(found.kindName))"
    case .badIncident(let path, let error):
      return "\(path): bad incident: \(error.message)"
    case .badIntegrations(let path, let error):
      return "\(path): bad integrations: \(error.message)"
    case .badContextPath(let path, let key, let error):
      return "\(path): bad context path '\(key)' in expect.context: \(error.message)"
    case .playbook(let error):
      return error.description
    case .strayScenario(let path):
      return "\(path): a scenario must be in the tests folder of its playbook"
        + " (DIR/tests/NAME/ for DIR/NAME.lua)"
    case .notATestTarget(let path):
      return "\(path): not a playbook (.lua), a scenario (.json) or a folder"
    }
  }
}
