/// Why a playbook could not be loaded: facts only; `description` is the one renderer.
public enum PlaybookError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(FileError)
  /// The file did not compile.
  case syntax(path: String, line: Int?, message: String)
  /// Running the header failed.
  case headerFailed(path: String, line: Int?, message: String)
  /// A header field is missing.
  case missingField(path: String, field: String)
  /// A header field has the wrong type or form.
  case badField(path: String, line: Int?, field: String, expected: String, found: String)
  /// A header field comes before one that the fixed order puts first.
  case fieldOutOfOrder(path: String, line: Int, field: String, after: String)
  /// A playbook with a header has no run function.
  case missingRun(path: String)
  /// No playbook handles the technique.
  case unknownTechnique(String, known: [String])
  /// Two playbooks claim the same technique.
  case duplicateTechnique(String, paths: [String])

  /// The file the problem is in, when there is one.
  public var path: String? {
    switch self {
    case .unreadable(let error): return error.path
    case .syntax(let path, _, _), .headerFailed(let path, _, _), .missingField(let path, _),
      .badField(let path, _, _, _, _), .fieldOutOfOrder(let path, _, _, _), .missingRun(let path):
      return path
    case .unknownTechnique, .duplicateTechnique: return nil
    }
  }

  /// One line: "playbooks/x.lua:4: header field 'techniques' must be ...".
  public var description: String {
    switch self {
    case .unreadable(let error):
      return error.description
    case .syntax(let path, let line, let message):
      return "\(located(path, line)): syntax error: \(message)"
    case .headerFailed(let path, let line, let message):
      return "\(located(path, line)): header failed: \(message)"
    case .missingField(let path, let field):
      return "\(path): header field '\(field)' is missing"
    case .badField(let path, let line, let field, let expected, let found):
      return "\(located(path, line)): header field '\(field)' must be \(expected) (got \(found))"
    case .fieldOutOfOrder(let path, let line, let field, let after):
      return "\(path):\(line): header field '\(field)' must come after '\(after)'"
        + " (order: \(PlaybookHeader.fieldOrder.joined(separator: ", ")))"
    case .missingRun(let path):
      return "\(path): the playbook has a header but no body: define 'function run() ... end'"
    case .unknownTechnique(let technique, let known):
      let list = known.isEmpty ? "none" : known.joined(separator: ", ")
      return "no playbook handles technique \(technique) (known: \(list))"
    case .duplicateTechnique(let technique, let paths):
      return "technique \(technique) is handled by more than one playbook: "
        + paths.joined(separator: ", ")
    }
  }

  private func located(_ path: String, _ line: Int?) -> String {
    line.map { "\(path):\($0)" } ?? path
  }
}
