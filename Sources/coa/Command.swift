/// The commands coa knows, by the name typed after `coa`.
///
/// `batch` (many incidents in one go, on PlaybookHost's BatchRunner) joins here: a case, its
/// options in `Command`, a help text in `HelpText` and a line in `main`'s dispatch.
enum CommandName: String, CaseIterable, Sendable {
  /// Runs a playbook against an incident.
  case run
  /// Lists the playbooks of a folder.
  case list
  /// Compiles playbooks and validates their headers without running them.
  case check
  /// Runs a playbook over many incidents, JSON lines in and out.
  case batch
  /// Runs the test scenarios of playbooks.
  case test
  /// Writes a new playbook and a scenario to start from.
  case new
  /// Writes the editor definitions and the luacheck configuration.
  case stubs
  /// Shows help.
  case help
}

/// How a report or a listing is printed on stdout.
enum OutputFormat: String, CaseIterable, Sendable {
  /// For people: a timeline, a table.
  case text
  /// One JSON object.
  case json

  /// text when stdout is a terminal, json otherwise.
  static func `default`(stdoutIsTerminal: Bool) -> OutputFormat {
    stdoutIsTerminal ? .text : .json
  }

  /// The --format option's value, or the default when it is absent.
  static func parse(_ arguments: Arguments, stdoutIsTerminal: Bool)
    throws(CommandLineError) -> OutputFormat
  {
    guard let value = arguments.value("format") else {
      return .default(stdoutIsTerminal: stdoutIsTerminal)
    }
    guard let format = OutputFormat(rawValue: value) else {
      throw .badValue(option: "format", value: value, expected: "text or json")
    }
    return format
  }
}

/// What the command line asks for, fully parsed and validated.
enum Command: Equatable, Sendable {
  /// `coa run`.
  case run(RunOptions)
  /// `coa list`.
  case list(playbooks: String?, format: OutputFormat)
  /// `coa check FILE...`.
  case check(paths: [String])
  /// `coa batch`.
  case batch(BatchOptions)
  /// `coa test [PATH...]`.
  case test(paths: [String])
  /// `coa new TECHNIQUE --name NAME [--phase PHASE] [--playbooks DIR]`.
  case new(technique: String, name: String, phase: String?, playbooks: String?)
  /// `coa stubs [--playbooks DIR] [--check]`.
  case stubs(playbooks: String?, check: Bool)
  /// `coa help [COMMAND]`, `coa --help`, `coa COMMAND --help`; nil for the overview.
  case help(CommandName?)
  /// `coa --version`.
  case version

  /// Parses the arguments after the program name.
  static func parse(_ tokens: [String], stdoutIsTerminal: Bool) throws(CommandLineError)
    -> Command
  {
    guard let first = tokens.first else { throw .missingCommand }
    let rest = Array(tokens.dropFirst())
    switch first {
    case "--help", "-h": return .help(nil)
    case "--version": return .version
    default: break
    }
    guard let name = CommandName(rawValue: first) else {
      if first.hasPrefix("-") { throw .unknownOption(token: first, command: "coa") }
      throw .unknownCommand(first)
    }
    if name != .help && asksForHelp(rest) { return .help(name) }

    switch name {
    case .run:
      return .run(try RunOptions.parse(rest, stdoutIsTerminal: stdoutIsTerminal))
    case .list:
      return try parseList(rest, stdoutIsTerminal: stdoutIsTerminal)
    case .check:
      return try parseCheck(rest)
    case .batch:
      return .batch(try BatchOptions.parse(rest))
    case .test:
      return try TestCommand.parse(rest)
    case .new:
      return try NewCommand.parse(rest)
    case .stubs:
      return try StubsCommand.parse(rest)
    case .help:
      return try parseHelp(rest)
    }
  }

  // MARK: - Internals

  /// Whether --help or -h comes before any "--".
  private static func asksForHelp(_ tokens: [String]) -> Bool {
    for token in tokens {
      if token == "--" { return false }
      if token == "--help" || token == "-h" { return true }
    }
    return false
  }

  private static func parseList(_ tokens: [String], stdoutIsTerminal: Bool)
    throws(CommandLineError) -> Command
  {
    let table = OptionTable(valued: ["playbooks", "format"])
    let arguments = try Arguments.parse(tokens, table: table, command: "coa list")
    guard arguments.positionals.isEmpty else {
      throw .extraArguments(arguments.positionals, command: "coa list")
    }
    let format = try OutputFormat.parse(arguments, stdoutIsTerminal: stdoutIsTerminal)
    return .list(playbooks: arguments.value("playbooks"), format: format)
  }

  private static func parseCheck(_ tokens: [String]) throws(CommandLineError) -> Command {
    let arguments = try Arguments.parse(tokens, table: OptionTable(), command: "coa check")
    guard !arguments.positionals.isEmpty else {
      throw .missingArgument(placeholder: "FILE...", command: "coa check")
    }
    return .check(paths: arguments.positionals)
  }

  private static func parseHelp(_ tokens: [String]) throws(CommandLineError) -> Command {
    let arguments = try Arguments.parse(
      tokens, table: OptionTable(flags: ["help"]), command: "coa help")
    guard let topic = arguments.positionals.first else { return .help(nil) }
    guard arguments.positionals.count == 1 else {
      throw .extraArguments(Array(arguments.positionals.dropFirst()), command: "coa help")
    }
    guard let name = CommandName(rawValue: topic) else { throw .unknownHelpTopic(topic) }
    return .help(name)
  }
}
