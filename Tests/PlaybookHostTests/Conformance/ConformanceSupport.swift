import CoaJSON
import Testing

@testable import PlaybookHost

/// One conformance case: a Lua snippet run as an ad-hoc playbook through `PlaybookRunner`,
/// and everything that must come of it.
///
/// The snippet hands values back with `out(...)`, which logs its arguments as one JSON array
/// (nil as null); each `out` call is one element of `returns`. Errors are caught with
/// `local ok, err = pcall(...)` and handed back the same way.
struct LuaCase: Sendable, CustomTestStringConvertible {
  /// What the case shows, as the test list displays it.
  let name: String
  /// The playbook's source.
  let lua: String
  /// The incident document the run starts from.
  let incident: String
  /// The integrations file's text.
  let integrations: String
  /// The compact JSON of the incident's "context" after the run; "<absent>" when the
  /// document written out has no context key.
  let context: String
  /// The compact JSON of the incident's CustomFields after the run; nil when they must be
  /// exactly as they were read.
  let customFields: String?
  /// What the `out` calls logged, in order: each a compact JSON array.
  let returns: [String]
  /// The report's entries (see `Conformance.render`), `out` lines left out.
  let entries: [String]
  /// The run's located failure ("conformance.lua:3: message"), or nil when it completes.
  let failure: String?
  /// The arguments every native call recorded (see `Conformance.calledArguments`); nil when
  /// not checked.
  let calls: [String]?

  init(
    _ name: String, lua: String, incident: String = #"{"id":"1"}"#, integrations: String = "[]",
    context: String, customFields: String? = nil, returns: [String] = [], entries: [String],
    failure: String? = nil, calls: [String]? = nil
  ) {
    self.name = name
    self.lua = lua
    self.incident = incident
    self.integrations = integrations
    self.context = context
    self.customFields = customFields
    self.returns = returns
    self.entries = entries
    self.failure = failure
    self.calls = calls
  }

  var testDescription: String { name }
}

/// What a run of a `LuaCase` gave, in the form the case states its expectations.
struct LuaCaseOutcome {
  let report: RunReport
  let context: String
  let customFields: String
  let returns: [String]
  let entries: [String]
  let failure: String?
}

/// Runs conformance cases and renders what they did.
enum Conformance {
  /// The path every snippet runs under; Lua's messages name it.
  static let chunk = "conformance.lua"

  /// Defines `out` on the snippet's first line (no line break, so the snippet's lines keep
  /// their numbers).
  static let prelude =
    "local function out(...) local t = json.array() for i = 1, select('#', ...) do"
    + " local v = select(i, ...) if v == nil then v = json.null end t[i] = v end"
    + " log('\(outMarker)' .. json.encode(t)) end "

  /// What starts the log line of an `out` call.
  static let outMarker = "=> "

  /// Runs `testCase` and collects what it did.
  static func run(_ testCase: LuaCase) throws -> LuaCaseOutcome {
    let playbook = try Playbook(path: chunk, source: Array((prelude + testCase.lua).utf8))
    #expect(playbook.header == nil, "a conformance snippet must be an ad-hoc script")
    let incident = try Incident(document: try JSONParser.parse(testCase.incident))
    let integrations = try Integrations(fileBytes: Array(testCase.integrations.utf8))
    let report = PlaybookRunner.run(playbook, incident: incident, integrations: integrations)

    let document = try #require(report.incident?.objectValue)
    var returns: [String] = []
    var entries: [String] = []
    for entry in report.entries {
      if case .log(_, let message) = entry.kind, message.hasPrefix(outMarker) {
        returns.append(String(message.dropFirst(outMarker.count)))
      } else {
        entries.append(render(entry))
      }
    }
    return LuaCaseOutcome(
      report: report,
      context: document["context"].map { JSONWriter.writeString($0) } ?? "<absent>",
      customFields: JSONWriter.writeString(document["CustomFields"] ?? .null),
      returns: returns,
      entries: entries,
      failure: report.status == .failed ? report.failure?.located : nil)
  }

  /// Runs `testCase` and checks every expectation it states.
  static func check(_ testCase: LuaCase) throws {
    let outcome = try run(testCase)
    let before = try JSONParser.parse(testCase.incident).objectValue?["CustomFields"]
    let customFields = testCase.customFields ?? JSONWriter.writeString(before ?? .null)

    #expect(outcome.context == testCase.context)
    #expect(outcome.customFields == customFields)
    #expect(outcome.returns == testCase.returns)
    #expect(outcome.entries == testCase.entries)
    #expect(outcome.failure == testCase.failure)
    #expect(outcome.report.status == (testCase.failure == nil ? .completed : .failed))
    if let calls = testCase.calls {
      #expect(calledArguments(outcome.report) == calls)
    }
  }

  /// One report entry as one line:
  /// - a call that worked: `Set: Key A set` (the entry text);
  /// - a call that failed: `Set failed at 3: message` (the entry's line and the message);
  /// - a warning: `SetGridField warning: message`;
  /// - anything else: its kind and text (`log: text`, `manual: name`...).
  static func render(_ entry: ReportEntry) -> String {
    let line = entry.line.map(String.init) ?? "?"
    switch entry.kind {
    case .nativeCall(let call):
      switch call.outcome {
      case .ok(let text): return "\(call.function): \(text)"
      case .error(let message): return "\(call.function) failed at \(line): \(message)"
      }
    case .warning(let function, let message):
      return "\(function ?? "host") warning: \(message)"
    case .log(let level, let message):
      return "log \(level.rawValue): \(message)"
    case .stepStarted(let step):
      return "step started: \(step)"
    case .stepFinished(let step):
      return "step finished: \(step)"
    case .stepFailed(let step, let message, let continued):
      return "step failed: \(step): \(message)" + (continued ? " (continued)" : "")
    case .manualTask(let task):
      return "manual: \(task.name)"
    }
  }

  /// The arguments of every native call the run recorded, as compact JSON, in order.
  static func calledArguments(_ report: RunReport) -> [String] {
    report.entries.compactMap { entry in
      guard case .nativeCall(let call) = entry.kind else { return nil }
      return "\(call.function) \(JSONWriter.writeString(.object(call.arguments)))"
    }
  }
}
