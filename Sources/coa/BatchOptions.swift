import PlaybookHost

/// The options of `coa batch`, validated.
struct BatchOptions: Equatable, Sendable {
  /// The PLAYBOOK argument: a path, or a technique ID.
  var playbook: String
  /// The integrations file; nil for no integrations.
  var integrations: String?
  /// The --playbooks folder; nil for the shipped one.
  var playbooks: String?
  /// The JSON lines file; nil for stdin.
  var input: String?
  /// Where the records go; nil for stdout.
  var output: String?
  /// The worker threads; nil for one per core.
  var jobs: Int?
  /// The limits of each incident's run.
  var limits: RunLimits

  /// The options of `coa batch` in the order --help lists them.
  static let table = OptionTable(valued: [
    "integrations", "jobs", "input", "output", "playbooks", "time-limit", "memory-limit",
    "instruction-limit",
  ])

  /// The most worker threads --jobs accepts.
  static let maximumJobs = 256

  /// Parses the arguments after `coa batch`.
  static func parse(_ tokens: [String]) throws(CommandLineError) -> BatchOptions {
    let command = "coa batch"
    let arguments = try Arguments.parse(tokens, table: table, command: command)
    guard let playbook = arguments.positionals.first else {
      throw .missingArgument(placeholder: "PLAYBOOK", command: command)
    }
    guard arguments.positionals.count == 1 else {
      throw .extraArguments(Array(arguments.positionals.dropFirst()), command: command)
    }

    var jobs: Int?
    if let text = arguments.value("jobs") {
      guard let count = Int(text), count > 0, count <= maximumJobs else {
        throw .badValue(
          option: "jobs", value: text, expected: "a whole number from 1 to \(maximumJobs)")
      }
      jobs = count
    }

    return BatchOptions(
      playbook: playbook, integrations: arguments.value("integrations"),
      playbooks: arguments.value("playbooks"), input: arguments.value("input"),
      output: arguments.value("output"), jobs: jobs,
      limits: try RunOptions.limits(arguments))
  }
}
