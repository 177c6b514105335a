import PlaybookHost

/// `coa new TECHNIQUE --name NAME [--phase PHASE] [--playbooks DIR]`: writes a new playbook
/// and a scenario to start its tests from, never overwriting a file.
struct NewCommand {
  /// The technique ID, as typed.
  let technique: String
  /// The playbook's display name.
  let name: String
  /// The kill chain phase; nil for the placeholder.
  let phase: String?
  /// The --playbooks folder; nil for the shipped one.
  let directory: String?

  /// Parses the arguments after `coa new`.
  static func parse(_ tokens: [String]) throws(CommandLineError) -> Command {
    let table = OptionTable(valued: ["name", "phase", "playbooks"])
    let arguments = try Arguments.parse(tokens, table: table, command: "coa new")
    guard let technique = arguments.positionals.first else {
      throw .missingArgument(placeholder: "TECHNIQUE", command: "coa new")
    }
    guard arguments.positionals.count == 1 else {
      throw .extraArguments(Array(arguments.positionals.dropFirst()), command: "coa new")
    }
    guard let name = arguments.value("name") else {
      throw .missingOption(option: "name", placeholder: "NAME", command: "coa new")
    }
    return .new(
      technique: technique, name: name, phase: arguments.value("phase"),
      playbooks: arguments.value("playbooks"))
  }

  /// Writes the files and says what to do next.
  func execute() throws(CommandLineError) -> ExitCode {
    let folder = directory ?? PlaybookLocator.defaultDirectory()
    let written: [String]
    do {
      let template = try PlaybookTemplate(technique: technique, name: name, phase: phase)
      written = try template.write(into: folder)
    } catch {
      throw .template(error)
    }
    for path in written { Console.out("wrote \(path)\n") }
    let playbook = written.first ?? folder
    Console.out(
      """
      next: edit \(playbook), lint it with (cd \(folder) && luacheck .)
            and test it with coa test \(playbook)

      """)
    return .success
  }
}
