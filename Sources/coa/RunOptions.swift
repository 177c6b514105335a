import PlaybookHost

/// Where `coa run` writes the incident after the run.
enum IncidentDestination: Equatable, Sendable {
  /// Nowhere: the incident is only part of the report.
  case none
  /// A new or other file, replaced atomically.
  case file(String)
  /// The incident file itself, replaced atomically.
  case inPlace
}

/// The options of `coa run`, validated.
struct RunOptions: Equatable, Sendable {
  /// The PLAYBOOK argument: a path, or a technique ID.
  var playbook: String
  /// The incident file.
  var incident: String
  /// The integrations file; nil for no integrations.
  var integrations: String?
  /// The --playbooks folder; nil for the shipped one.
  var playbooks: String?
  /// Where the incident goes after the run.
  var destination: IncidentDestination
  /// How the report is printed.
  var format: OutputFormat
  /// The limits of the run.
  var limits: RunLimits

  /// The options of `coa run` in the order --help lists them.
  static let table = OptionTable(
    valued: [
      "incident", "integrations", "playbooks", "output", "format", "time-limit",
      "memory-limit", "instruction-limit",
    ],
    flags: ["in-place"])

  /// Parses the arguments after `coa run`.
  static func parse(_ tokens: [String], stdoutIsTerminal: Bool) throws(CommandLineError)
    -> RunOptions
  {
    let command = "coa run"
    let arguments = try Arguments.parse(tokens, table: table, command: command)
    guard let playbook = arguments.positionals.first else {
      throw .missingArgument(placeholder: "PLAYBOOK", command: command)
    }
    guard arguments.positionals.count == 1 else {
      throw .extraArguments(Array(arguments.positionals.dropFirst()), command: command)
    }
    guard let incident = arguments.value("incident") else {
      throw .missingOption(option: "incident", placeholder: "FILE", command: command)
    }

    let destination: IncidentDestination
    switch (arguments.value("output"), arguments.has("in-place")) {
    case (_?, true):
      throw .conflictingOptions("output", "in-place")
    case (let output?, false):
      destination = .file(output)
    case (nil, true):
      destination = .inPlace
    case (nil, false):
      destination = .none
    }

    return RunOptions(
      playbook: playbook, incident: incident, integrations: arguments.value("integrations"),
      playbooks: arguments.value("playbooks"), destination: destination,
      format: try OutputFormat.parse(arguments, stdoutIsTerminal: stdoutIsTerminal),
      limits: try limits(arguments))
  }

  // MARK: - Limits

  /// The limits, from the defaults and the --*-limit options; "none" lifts a limit.
  static func limits(_ arguments: Arguments) throws(CommandLineError) -> RunLimits {
    var limits = RunLimits()

    if let text = arguments.value("time-limit") {
      let expected = "a number of seconds greater than 0, or none"
      limits.wallTime = try parseLimit(text, option: "time-limit", expected: expected) {
        guard let seconds = Double($0), seconds.isFinite, seconds > 0 else { return nil }
        return seconds
      }
    }

    if let text = arguments.value("memory-limit") {
      let expected = "a whole number of MiB from 1 to 1048576, or none"
      limits.memory = try parseLimit(text, option: "memory-limit", expected: expected) {
        guard let mebibytes = Int($0), mebibytes > 0, mebibytes <= 1 << 20 else { return nil }
        return mebibytes << 20
      }
    }

    if let text = arguments.value("instruction-limit") {
      let expected = "a whole number greater than 0, or none"
      limits.instructions = try parseLimit(text, option: "instruction-limit", expected: expected) {
        guard let count = Int64($0), count > 0 else { return nil }
        return count
      }
    }
    return limits
  }

  /// nil for "none"; the parsed value; or a bad value error.
  private static func parseLimit<Value>(
    _ text: String, option: String, expected: String, parse: (String) -> Value?
  ) throws(CommandLineError) -> Value? {
    if text == "none" { return nil }
    guard let value = parse(text) else {
      throw .badValue(option: option, value: text, expected: expected)
    }
    return value
  }
}
