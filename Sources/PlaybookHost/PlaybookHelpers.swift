import CoaJSON
import LuaVM

/// What a playbook needs beyond the XSOAR natives: named steps, manual tasks, reading the
/// context and the incident, and log lines. Each is documented here, once.
enum PlaybookHelpers {
  static let step = NativeDoc(
    name: "step",
    summary: "Runs a named step of the playbook and records it in the run report.",
    arguments: [
      .init(
        name: "name", type: .string, isRequired: true,
        summary: "The step's name, as in XSOAR's task graph."),
      .init(
        name: "options", type: .table,
        summary: "Optional table; { continue_on_error = true } records a failure and goes on."),
      .init(
        name: "body", type: .function,
        summary: "Optional function that does the step's work; without it the step is a title."),
    ],
    positional: ["name", "options", "body"],
    returns: [.init(type: "any", summary: "What the body returned; nothing when it failed.")],
    effects: ["Records the step's start and its end or failure in the run report."],
    errors: [
      "Re-raises the body's error unless continue_on_error is true.",
      "A limit breach (time, memory, instructions) always ends the run.",
    ],
    differences: [])

  static let manual = NativeDoc(
    name: "manual",
    summary: "Hands a manual task to the analyst: recorded as an open item of the run.",
    arguments: [
      .init(name: "name", type: .string, isRequired: true, summary: "The task's title."),
      .init(
        name: "description", type: .string, isRequired: true, summary: "What the analyst should do."
      ),
    ],
    positional: ["name", "description"],
    returns: [],
    effects: ["Adds the task to the report's manual tasks."],
    errors: ["Raises when name or description is not a non-empty string."],
    differences: ["XSOAR waits for the analyst to close the task; coa records it and goes on."])

  static let context = NativeDoc(
    name: "context",
    summary:
      "Reads the investigation context at a dotted path (reading through lists maps over them).",
    arguments: [
      .init(
        name: "path", type: .string, isRequired: true,
        summary: "A dotted path such as Handled.Techniques.")
    ],
    positional: ["path"],
    returns: [.init(type: "any", summary: "A copy of the value, or nil when the path is absent.")],
    effects: [],
    errors: ["Raises when the path is malformed."],
    differences: [])

  static let incident = NativeDoc(
    name: "incident",
    summary: "Reads a field of the incident, or the whole incident (without its context).",
    arguments: [
      .init(
        name: "field", type: .string, summary: "A top-level field such as severity or CustomFields."
      )
    ],
    positional: ["field"],
    returns: [.init(type: "any", summary: "A copy of the field, or nil when it is absent.")],
    effects: [],
    errors: [],
    differences: [])

  static let log = NativeDoc(
    name: "log",
    summary: "Writes a line to the run report (print does the same at level info).",
    arguments: [
      .init(name: "message", type: .string, isRequired: true, summary: "The line."),
      .init(
        name: "level", type: .string, defaultValue: "info",
        summary: "debug, info, warning or error."),
    ],
    positional: ["message", "level"],
    returns: [],
    effects: ["Adds a log entry to the run report."],
    errors: ["Raises on an unknown level."],
    differences: [])

  /// The helpers' documentation, in the order the guide lists them.
  static var docs: [NativeDoc] { [step, manual, context, incident, log] }

  /// The helpers, bound to `session`.
  static func natives(for session: RunSession) -> [LuaNative] {
    [
      LuaNative("step") { [unowned session] in runStep($0, session) },
      LuaNative("manual") { [unowned session] in recordManual($0, session) },
      LuaNative("context") { [unowned session] in readContext($0, session) },
      LuaNative("incident") { [unowned session] in readIncident($0, session) },
      LuaNative("log") { [unowned session] in writeLog($0, session) },
    ]
  }

  // MARK: - Bodies

  private static func runStep(_ lua: LuaArguments, _ session: RunSession) -> LuaNativeResult {
    guard session.phase == .body else { return HostNatives.refusedInHeader("step") }
    guard lua.type(1) == .string, let name = lua.string(1), !name.isEmpty else {
      return .badArgument(1, lua.typeMismatch(1, expected: "string"))
    }
    var bodyIndex = 2
    var continues = false
    if lua.type(2) == .table {
      let keys = lua.tableKeys(2)
      if keys.other || keys.sequence > 0
        || keys.names.contains(where: { $0 != "continue_on_error" })
      {
        return .badArgument(2, "options may hold only continue_on_error")
      }
      switch try? lua.field(2, "continue_on_error") {
      case .bool(let flag)?: continues = flag
      case nil: break
      default: return .badArgument(2, "continue_on_error must be a boolean")
      }
      bodyIndex = 3
    }
    let bodyType = lua.type(bodyIndex)
    guard bodyType == .function || bodyType == .none || bodyType == .nil else {
      return .badArgument(bodyIndex, lua.typeMismatch(bodyIndex, expected: "function"))
    }

    let line = lua.callerLine
    session.report.record(.stepStarted(step: name), line: line)
    guard bodyType == .function else {
      session.report.record(.stepFinished(step: name), line: line)
      return .values([])
    }

    switch lua.callFunctionKeepingResults(bodyIndex) {
    case .success(let count):
      session.report.record(.stepFinished(step: name), line: line)
      return .stackTop(count)
    case .failure(let error):
      var goesOn = continues
      if case .limit = error.kind { goesOn = false }  // a breach always ends the run
      session.report.record(
        .stepFailed(step: name, message: error.description, continued: goesOn),
        line: error.line ?? line)
      guard goesOn else {
        session.stepFailures.append(error)
        return .rethrow(error)
      }
      return .values([])
    }
  }

  private static func recordManual(_ lua: LuaArguments, _ session: RunSession) -> LuaNativeResult {
    guard session.phase == .body else { return HostNatives.refusedInHeader("manual") }
    var texts: [String] = []
    for index in 1...2 {
      guard lua.type(index) == .string, let text = lua.string(index), !text.isEmpty else {
        return .badArgument(index, lua.typeMismatch(index, expected: "non-empty string"))
      }
      texts.append(text)
    }
    session.report.record(
      .manualTask(ManualTask(name: texts[0], description: texts[1])), line: lua.callerLine)
    return .values([])
  }

  private static func readContext(_ lua: LuaArguments, _ session: RunSession) -> LuaNativeResult {
    guard lua.type(1) == .string, let path = lua.string(1) else {
      return .badArgument(1, lua.typeMismatch(1, expected: "string"))
    }
    do {
      guard let value = try session.incident.context.read(key: path) else { return .values([]) }
      return .values([value])
    } catch {
      return .error(error.message)
    }
  }

  private static func readIncident(_ lua: LuaArguments, _ session: RunSession) -> LuaNativeResult {
    switch lua.type(1) {
    case .none, .nil:
      var document = session.incident.document.objectValue ?? JSONObject()
      document.removeValue(forKey: Incident.contextKey)
      return .values([.object(document)])
    case .string:
      guard let name = lua.string(1), let value = session.incident.field(name) else {
        return .values([])
      }
      return .values([value])
    default:
      return .badArgument(1, lua.typeMismatch(1, expected: "string"))
    }
  }

  private static func writeLog(_ lua: LuaArguments, _ session: RunSession) -> LuaNativeResult {
    guard lua.count >= 1 else { return .badArgument(1, lua.typeMismatch(1, expected: "string")) }
    var level = LogLevel.info
    if lua.type(2) != .none && lua.type(2) != .nil {
      guard let name = lua.string(2), let parsed = LogLevel(rawValue: name) else {
        return .badArgument(2, "level must be debug, info, warning or error")
      }
      level = parsed
    }
    session.report.record(.log(level: level, message: lua.display(1)), line: lua.callerLine)
    return .values([])
  }
}
