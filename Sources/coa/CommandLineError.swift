import CoaJSON
import PlaybookHost

/// Everything that stops coa before or around a run: bad usage and bad input.
///
/// Cases carry facts only; `message` is the one place that words them, and `rendered` the
/// one line coa writes to stderr. Every case exits with `ExitCode.usage`.
enum CommandLineError: Error, Equatable {
  /// No command was given.
  case missingCommand
  /// The first argument is not a command.
  case unknownCommand(String)
  /// An option the command does not know, as the user wrote it.
  case unknownOption(token: String, command: String)
  /// A valued option at the end of the line or followed by another option.
  case missingValue(option: String)
  /// A flag written with "=value".
  case unexpectedValue(option: String)
  /// An option given twice.
  case repeatedOption(option: String)
  /// An option whose value does not parse; `expected` says what would.
  case badValue(option: String, value: String, expected: String)
  /// A required option that was not given, with its value's placeholder.
  case missingOption(option: String, placeholder: String, command: String)
  /// A required positional argument that was not given.
  case missingArgument(placeholder: String, command: String)
  /// More positional arguments than the command takes.
  case extraArguments([String], command: String)
  /// Two options that cannot be given together.
  case conflictingOptions(String, String)
  /// --output names the incident file itself, which only --in-place may replace.
  case outputIsInput(path: String)
  /// `coa help TOPIC` with a topic that is not a command.
  case unknownHelpTopic(String)
  /// A file or folder could not be read or written.
  case file(FileError)
  /// A file cannot be written, found before anything runs.
  case cannotWrite(path: String, reason: String)
  /// A JSON file did not parse.
  case malformedJSON(path: String, error: JSONParseError)
  /// The incident file is JSON but not an incident.
  case badIncident(path: String, error: HostError)
  /// The integrations file is JSON but not a list of instances.
  case badIntegrations(path: String, error: HostError)
  /// The playbook could not be loaded or found, or its folder could not be read.
  case playbook(PlaybookError)
  /// No playbook handles the technique, and some files of the folder failed to load.
  case unknownTechnique(PlaybookError, brokenFiles: Int)
  /// `coa test`: a playbook or a scenario could not be read.
  case scenario(ScenarioError)
  /// `coa new`: the template was refused or could not be written.
  case template(PlaybookTemplateError)
  /// `coa stubs`: the generated files could not be made or written.
  case stubs(EditorStubsError)

  /// The error as one line, without the "coa: error: " prefix.
  var message: String {
    switch self {
    case .missingCommand:
      return "missing command (see coa --help)"
    case .unknownCommand(let name):
      let names = CommandName.allCases.map(\.rawValue).joined(separator: ", ")
      return "unknown command '\(name)' (commands: \(names); see coa --help)"
    case .unknownOption(let token, let command):
      return "unknown option '\(token)' (see \(command) --help)"
    case .missingValue(let option):
      return "option --\(option) needs a value"
    case .unexpectedValue(let option):
      return "option --\(option) takes no value"
    case .repeatedOption(let option):
      return "option --\(option) is given more than once"
    case .badValue(let option, let value, let expected):
      return "bad value '\(value)' for --\(option) (expected \(expected))"
    case .missingOption(let option, let placeholder, let command):
      return "\(command) needs --\(option) \(placeholder)"
    case .missingArgument(let placeholder, let command):
      return "\(command) needs \(placeholder) (see \(command) --help)"
    case .extraArguments(let extra, let command):
      let list = extra.map { "'\($0)'" }.joined(separator: ", ")
      return "\(command): unexpected \(extra.count == 1 ? "argument" : "arguments") \(list)"
    case .conflictingOptions(let first, let second):
      return "options --\(first) and --\(second) cannot be used together"
    case .outputIsInput(let path):
      return "--output \(path) is the incident file itself;"
        + " use --in-place to replace the incident"
    case .unknownHelpTopic(let topic):
      let names = CommandName.allCases.map(\.rawValue).joined(separator: ", ")
      return "no help for '\(topic)' (commands: \(names))"
    case .file(let error):
      return error.description
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason)"
    case .malformedJSON(let path, let error):
      return "\(path):\(error.line):\(error.column): \(error.message)"
    case .badIncident(let path, let error), .badIntegrations(let path, let error):
      return "\(path): \(error.message)"
    case .playbook(let error):
      return error.description
    case .unknownTechnique(let error, let brokenFiles):
      guard brokenFiles > 0 else { return error.description }
      let files = brokenFiles == 1 ? "1 playbook file" : "\(brokenFiles) playbook files"
      return "\(error.description); \(files) failed to load (see coa list)"
    case .scenario(let error):
      return error.description
    case .template(let error):
      return error.description
    case .stubs(let error):
      return error.description
    }
  }

  /// The line coa writes to stderr: "coa: error: <message>".
  var rendered: String {
    "coa: error: \(message)"
  }
}
