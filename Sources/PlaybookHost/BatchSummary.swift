/// How one incident of a batch ended.
public enum BatchStatus: String, CaseIterable, Hashable, Sendable {
  /// The playbook ran to its end.
  case completed
  /// The run failed: a Lua error, a failed step or a limit.
  case failed
  /// The line is not an incident document: not JSON, not an object, or a bad field.
  case invalid
}

/// How many incidents of a batch ended each way so far.
public struct BatchCounts: Hashable, Sendable {
  /// Runs that completed.
  public var completed = 0
  /// Runs that failed.
  public var failed = 0
  /// Lines that were not incident documents.
  public var invalid = 0

  /// No incidents yet.
  public init() {}

  /// Every incident counted.
  public var total: Int { completed + failed + invalid }

  /// The incidents that did not complete.
  public var errors: Int { failed + invalid }

  /// The count of `status`.
  public subscript(status: BatchStatus) -> Int {
    get {
      switch status {
      case .completed: return completed
      case .failed: return failed
      case .invalid: return invalid
      }
    }
    set {
      switch status {
      case .completed: completed = newValue
      case .failed: failed = newValue
      case .invalid: invalid = newValue
      }
    }
  }
}

/// Where a running batch stands, for a progress line: reported as records are written.
public struct BatchProgress: Hashable, Sendable {
  /// The incidents whose records have been written, by status.
  public var counts: BatchCounts
  /// Seconds since the batch started.
  public var elapsed: Double

  /// Incidents written so far.
  public var done: Int { counts.total }

  /// Incidents that failed or were invalid so far.
  public var errors: Int { counts.errors }

  /// Incidents per second so far (0 before any time has passed).
  public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }
}

/// The outcome of a whole batch.
public struct BatchSummary: Hashable, Sendable {
  /// The incidents, by how they ended.
  public var counts: BatchCounts
  /// Seconds from the start of the batch to its last record written.
  public var elapsed: Double
  /// The worker threads used.
  public var jobs: Int

  /// Every incident of the batch (blank lines are not incidents).
  public var total: Int { counts.total }

  /// Incidents per second over the whole batch (0 when it took no measurable time).
  public var rate: Double { elapsed > 0 ? Double(total) / elapsed : 0 }

  /// True when every incident completed (an empty batch counts as all completed).
  public var allCompleted: Bool { counts.errors == 0 }
}
