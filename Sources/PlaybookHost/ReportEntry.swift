import CoaJSON

/// One entry of the run report (the war room), in the order things happened.
public struct ReportEntry: Hashable, Sendable {
  /// What happened.
  public enum Kind: Hashable, Sendable {
    /// A native function was called.
    case nativeCall(NativeCall)
    /// Something an author should know that did not fail, from a native when `function` is
    /// set.
    case warning(function: String?, message: String)
    /// A line the playbook logged.
    case log(level: LogLevel, message: String)
    /// A playbook step began.
    case stepStarted(step: String)
    /// A playbook step ended normally.
    case stepFinished(step: String)
    /// A playbook step failed; `continued` is true when the step continues on error and the
    /// run went on after it.
    case stepFailed(step: String, message: String, continued: Bool)
    /// The playbook handed a task to the analyst.
    case manualTask(ManualTask)
  }

  /// What happened.
  public let kind: Kind
  /// The playbook line it happened at, when known.
  public let line: Int?

  /// An entry of `kind`, at `line` of the playbook when known.
  public init(_ kind: Kind, line: Int? = nil) {
    self.kind = kind
    self.line = line
  }
}

/// A call of a native function, as the war room shows it.
public struct NativeCall: Hashable, Sendable {
  /// The function's name.
  public let function: String
  /// The arguments by name, as the playbook passed them.
  public let arguments: JSONObject
  /// How the call ended.
  public let outcome: NativeCallOutcome

  /// A call of `function` with `arguments` that ended with `outcome`.
  public init(function: String, arguments: JSONObject, outcome: NativeCallOutcome) {
    self.function = function
    self.arguments = arguments
    self.outcome = outcome
  }
}

/// How a native call ended.
public enum NativeCallOutcome: Hashable, Sendable {
  /// It worked; the war-room entry text, such as "Key Handled.Techniques set".
  case ok(String)
  /// It failed; the error message.
  case error(String)
}

/// The level of a playbook's log line.
public enum LogLevel: String, CaseIterable, Hashable, Sendable {
  /// Detail for whoever debugs the playbook.
  case debug
  /// Normal progress.
  case info
  /// Something unexpected that did not stop the playbook.
  case warning
  /// Something that failed.
  case error
}

/// A task the playbook hands to the analyst, such as enabling an integration.
public struct ManualTask: Hashable, Sendable {
  /// The task's title.
  public let name: String
  /// What the analyst should do.
  public let description: String

  /// A task titled `name` asking for `description`.
  public init(name: String, description: String) {
    self.name = name
    self.description = description
  }
}
