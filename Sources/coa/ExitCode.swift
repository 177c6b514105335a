import PlaybookHost

/// coa's exit status, and the one place that maps outcomes to it.
///
/// - 0: the run completed (steps that continued on error included); list or check found no
///   problem.
/// - 1: the playbook failed or hit a limit; list or check found a problem; an incident of a
///   batch failed or was invalid.
/// - 2: bad usage or bad input: an unknown option, a missing or unreadable file, malformed
///   JSON, an incident that is not an object, an unknown technique, a playbook with a syntax
///   error or a bad header. Nothing ran and no file was written.
enum ExitCode: Int32, CaseIterable {
  /// The run completed, or nothing was wrong.
  case success = 0
  /// The playbook failed or hit a limit, or a problem was found.
  case failure = 1
  /// Bad usage or bad input; nothing ran and no file was written.
  case usage = 2

  /// The status of a finished run.
  init(_ status: RunStatus) {
    self = status == .failed ? .failure : .success
  }

  /// The status after `error`: always bad usage or bad input.
  init(_ error: CommandLineError) {
    self = .usage
  }

  /// The status of `coa list` and `coa check`: a failure when any problem was found.
  init(problemsFound: Bool) {
    self = problemsFound ? .failure : .success
  }

  /// The line --help shows for this code.
  var helpLine: String {
    switch self {
    case .success:
      return "0  the run completed (a step that continued on error included);"
        + " list/check found no problem"
    case .failure:
      return "1  the playbook failed or hit a limit; list/check found a problem;"
        + " batch: an incident\n     failed or was invalid; test: a scenario failed;"
        + " stubs --check: a file is out of date"
    case .usage:
      return "2  bad usage or bad input (unknown option, missing or unreadable file,"
        + " malformed JSON,\n     incident not an object, unknown technique,"
        + " playbook syntax error or bad header);\n     nothing was written"
    }
  }
}
