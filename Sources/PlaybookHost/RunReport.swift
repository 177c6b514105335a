import CoaJSON

/// The record of one playbook run: its status, every entry in order, the manual tasks left
/// to the analyst and, once it ended, the incident after the run.
///
/// Human output and JSON output are two renderings of this one model; `json` is the JSON
/// one.
public struct RunReport: Hashable, Sendable {
  /// The playbook's id, when known.
  public var playbook: String?
  /// Where the run stands.
  public var status: RunStatus
  /// Everything that happened, in order.
  public private(set) var entries: [ReportEntry] = []
  /// Why the run failed, when it did.
  public var failure: RunFailure?
  /// How long the run took, once it ended.
  public var duration: Duration?
  /// The incident document after the run, once it ended.
  public var incident: JSONValue?

  /// An empty report of a run that is starting.
  public init(playbook: String? = nil, status: RunStatus = .running) {
    self.playbook = playbook
    self.status = status
  }

  /// Appends `entry`.
  public mutating func record(_ entry: ReportEntry) {
    entries.append(entry)
  }

  /// Appends an entry of `kind` at `line` of the playbook.
  public mutating func record(_ kind: ReportEntry.Kind, line: Int? = nil) {
    entries.append(ReportEntry(kind, line: line))
  }

  /// Appends a native call entry.
  public mutating func recordCall(
    _ function: String, arguments: JSONObject, outcome: NativeCallOutcome, line: Int? = nil
  ) {
    let call = NativeCall(function: function, arguments: arguments, outcome: outcome)
    record(.nativeCall(call), line: line)
  }

  /// Appends one warning entry per warning of `function`.
  public mutating func recordWarnings(_ warnings: [HostWarning], function: String, line: Int? = nil)
  {
    for warning in warnings {
      record(.warning(function: function, message: warning.message), line: line)
    }
  }

  /// The manual tasks handed to the analyst, in order.
  public var manualTasks: [ManualTask] {
    entries.compactMap { entry in
      if case .manualTask(let task) = entry.kind { return task }
      return nil
    }
  }

  /// True when a native call failed or a step failed, even if the run went on.
  public var hasErrors: Bool {
    entries.contains { entry in
      switch entry.kind {
      case .nativeCall(let call):
        if case .error = call.outcome { return true }
        return false
      case .stepFailed:
        return true
      default:
        return false
      }
    }
  }
}

/// Where a run stands.
public enum RunStatus: String, CaseIterable, Hashable, Sendable {
  /// Still going.
  case running
  /// Finished: the body returned. There is deliberately no "completed with errors": the
  /// report says completed or failed (issue 4), and a step that failed but continued on
  /// error shows in the entries (`hasErrors`).
  case completed
  /// Stopped by an error (a Lua error, a failed step that does not continue, a limit).
  case failed
}

/// Why a run stopped.
public struct RunFailure: Hashable, Sendable {
  /// What kind of failure: "syntax", "runtime", or the limit: "memory", "time",
  /// "instructions".
  public let kind: String
  /// The error message, without its location.
  public let message: String
  /// The playbook file the error points at, when known.
  public let file: String?
  /// The line in `file`, when known.
  public let line: Int?
  /// The Lua traceback, one frame per line, innermost first; empty when there is none.
  public let traceback: [String]

  /// A failure from its parts.
  public init(
    kind: String = "runtime", message: String, file: String? = nil, line: Int? = nil,
    traceback: [String] = []
  ) {
    self.kind = kind
    self.message = message
    self.file = file
    self.line = line
    self.traceback = traceback
  }

  /// "file:line: message", or as much of it as is known.
  public var located: String {
    switch (file, line) {
    case (let file?, let line?): return "\(file):\(line): \(message)"
    case (let file?, nil): return "\(file): \(message)"
    default: return message
    }
  }
}
