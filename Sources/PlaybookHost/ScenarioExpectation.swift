import CoaJSON

/// What must hold after a scenario's run; every part is optional.
///
/// - status: "completed" or "failed".
/// - context: dotted context paths and the value each must hold; null means absent or null.
/// - grids: grid fields of CustomFields (machine names) and the rows each must hold; null
///   means absent or null.
/// - manualTasks: the names of the manual tasks handed to the analyst, in order.
/// - failedSteps: the names of the steps that failed, in order ([] when none may fail).
/// - failure: text the run's failure message must contain.
///
/// Values compare as JSON: object members in any order, list elements in order, 1 and 1.0
/// equal.
public struct ScenarioExpectation: Hashable, Sendable {
  /// The fields "expect" may have.
  public static let fieldNames = [
    "status", "context", "grids", "manualTasks", "failedSteps", "failure",
  ]

  /// The status the run must end with.
  public var status: RunStatus?
  /// Context paths and their values, in the order the scenario lists them.
  public var context: JSONObject
  /// Grid field ids and their rows, in the order the scenario lists them.
  public var grids: JSONObject
  /// The manual tasks' names, in order.
  public var manualTasks: [String]?
  /// The failed steps' names, in order.
  public var failedSteps: [String]?
  /// Text the failure message must contain.
  public var failure: String?

  /// Reads the "expect" object of the scenario at `path`.
  public init(_ value: JSONValue, path: String) throws(ScenarioError) {
    guard case .object(let fields) = value, !fields.isEmpty else {
      throw .badField(
        path: path, field: "expect", expected: "an object with at least one expectation",
        found: value)
    }
    if let unknown = fields.keys.first(where: { !Self.fieldNames.contains($0) }) {
      throw .unknownField(path: path, field: "expect.\(unknown)", known: Self.fieldNames)
    }
    func bad(_ field: String, _ expected: String, _ found: JSONValue) -> ScenarioError {
      .badField(path: path, field: "expect.\(field)", expected: expected, found: found)
    }
    func names(_ field: String) throws(ScenarioError) -> [String]? {
      guard let value = fields[field] else { return nil }
      guard case .array(let elements) = value else { throw bad(field, "a list of names", value) }
      var names: [String] = []
      for element in elements {
        guard case .string(let name) = element else { throw bad(field, "a list of names", element) }
        names.append(name)
      }
      return names
    }

    if let value = fields["status"] {
      guard case .string(let text) = value, let status = RunStatus(rawValue: text),
        status != .running
      else { throw bad("status", "\"completed\" or \"failed\"", value) }
      self.status = status
    }
    for field in ["context", "grids"] {
      guard let value = fields[field], value.objectValue == nil else { continue }
      throw bad(field, "an object", value)
    }
    context = fields["context"]?.objectValue ?? JSONObject()
    for key in context.keys {
      do {
        _ = try ContextPath(key)
      } catch {
        throw .badContextPath(path: path, key: key, error: error)
      }
    }
    grids = fields["grids"]?.objectValue ?? JSONObject()
    manualTasks = try names("manualTasks")
    failedSteps = try names("failedSteps")
    if let value = fields["failure"] {
      guard case .string(let text) = value else { throw bad("failure", "a string", value) }
      failure = text
    }
  }

  /// What does not hold in `report`, in the order the expectations are listed above.
  public func mismatches(in report: RunReport) -> [ScenarioMismatch] {
    var found: [ScenarioMismatch] = []
    if let status, report.status != status {
      found.append(.status(expected: status, actual: report.status, failure: report.failure))
    }

    let document = report.incident?.objectValue ?? JSONObject()
    let after = Context(document[Incident.contextKey]?.objectValue ?? JSONObject())
    for (key, expected) in context {
      let actual = try? after.read(key: key)
      if !Self.same(expected, actual) {
        found.append(.context(path: key, expected: expected, actual: actual))
      }
    }
    let customFields = document[Incident.customFieldsKey]?.objectValue ?? JSONObject()
    for (id, expected) in grids where !Self.same(expected, customFields[id]) {
      found.append(.grid(id: id, expected: expected, actual: customFields[id]))
    }

    let tasks = report.manualTasks.map(\.name)
    if let manualTasks, manualTasks != tasks {
      found.append(.manualTasks(expected: manualTasks, actual: tasks))
    }
    let failed = report.entries.compactMap { entry -> String? in
      if case .stepFailed(let step, _, _) = entry.kind { return step }
      return nil
    }
    if let failedSteps, failedSteps != failed {
      found.append(.failedSteps(expected: failedSteps, actual: failed))
    }
    if let failure, !(report.failure?.message.contains(failure) ?? false) {
      found.append(.failure(expected: failure, actual: report.failure?.message))
    }
    return found
  }

  /// Whether `actual` holds what `expected` says, as JSON; an expected null also accepts
  /// nothing at all.
  static func same(_ expected: JSONValue, _ actual: JSONValue?) -> Bool {
    guard let actual else { return expected == .null }
    switch (expected, actual) {
    case (.array(let left), .array(let right)):
      return left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
    case (.object(let left), .object(let right)):
      return left.count == right.count
        && left.allSatisfy { key, value in
          right[key].map { same(value, $0) } ?? false
        }
    case (.int(let left), .int(let right)):
      return left == right
    default:
      if let left = expected.numberValue, let right = actual.numberValue { return left == right }
      return expected == actual
    }
  }
}
