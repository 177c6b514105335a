import CoaJSON

/// One expectation of a scenario that did not hold, with the actual value. Facts only;
/// `description` is the one renderer.
public enum ScenarioMismatch: Hashable, Sendable, CustomStringConvertible {
  /// The run ended with another status; `failure` is why it failed, when it did.
  case status(expected: RunStatus, actual: RunStatus, failure: RunFailure?)
  /// A context path holds another value, or nothing (nil).
  case context(path: String, expected: JSONValue, actual: JSONValue?)
  /// A grid field holds other rows, or is absent (nil).
  case grid(id: String, expected: JSONValue, actual: JSONValue?)
  /// Other manual tasks were handed to the analyst.
  case manualTasks(expected: [String], actual: [String])
  /// Other steps failed.
  case failedSteps(expected: [String], actual: [String])
  /// The failure message lacks the expected text, or the run did not fail (nil).
  case failure(expected: String, actual: String?)

  /// One line: what was expected and what the run gave, values as compact JSON.
  ///
  /// expected context Handled.Techniques to be ["T1035","T1569.002"], got ["T1035"]
  public var description: String {
    switch self {
    case .status(let expected, let actual, let failure):
      let why = failure.map { " (\($0.located))" } ?? ""
      return "expected status to be \(quoted(expected.rawValue)), got \(quoted(actual.rawValue))"
        + why
    case .context(let path, let expected, let actual):
      return "expected context \(path) to be \(json(expected)), got \(json(actual))"
    case .grid(let id, let expected, let actual):
      return "expected grid \(id) to be \(json(expected)), got \(json(actual))"
    case .manualTasks(let expected, let actual):
      return "expected manual tasks to be \(names(expected)), got \(names(actual))"
    case .failedSteps(let expected, let actual):
      return "expected failed steps to be \(names(expected)), got \(names(actual))"
    case .failure(let expected, let actual):
      let got = actual.map(quoted) ?? "no failure"
      return "expected the failure to contain \(quoted(expected)), got \(got)"
    }
  }

  // MARK: - Internals

  private func json(_ value: JSONValue?) -> String {
    guard let value else { return "nothing" }
    return JSONWriter.writeString(value)
  }

  private func quoted(_ text: String) -> String {
    JSONWriter.writeString(.string(text))
  }

  private func names(_ list: [String]) -> String {
    JSONWriter.writeString(.array(list.map(JSONValue.string)))
  }
}
