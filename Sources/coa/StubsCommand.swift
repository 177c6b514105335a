import PlaybookHost

/// `coa stubs [--playbooks DIR] [--check]`: writes the editor definitions, .luarc.json,
/// .luacheckrc and the generated section of the authors' guide into the playbooks folder, or
/// with --check only says whether they are current.
struct StubsCommand {
  /// The --playbooks folder; nil for the shipped one.
  let directory: String?
  /// Only check; write nothing.
  let checkOnly: Bool

  /// Parses the arguments after `coa stubs`.
  static func parse(_ tokens: [String]) throws(CommandLineError) -> Command {
    let table = OptionTable(valued: ["playbooks"], flags: ["check"])
    let arguments = try Arguments.parse(tokens, table: table, command: "coa stubs")
    guard arguments.positionals.isEmpty else {
      throw .extraArguments(arguments.positionals, command: "coa stubs")
    }
    return .stubs(playbooks: arguments.value("playbooks"), check: arguments.has("check"))
  }

  /// Runs the command and returns the exit code: with --check, 1 when a file is out of date.
  func execute() throws(CommandLineError) -> ExitCode {
    let folder = directory ?? PlaybookLocator.defaultDirectory()
    let files: [StubFile]
    do {
      files = try EditorStubs.files(in: folder)
    } catch {
      throw .stubs(error)
    }

    guard !checkOnly else {
      for file in files {
        Console.out("\(file.isCurrent ? "up to date" : "out of date") \(file.path)\n")
      }
      let stale = files.filter { !$0.isCurrent }.count
      if stale > 0 {
        Console.errorLine(
          "coa: \(stale) generated file\(stale == 1 ? " is" : "s are") out of"
            + " date: run \(EditorStubs.refreshCommand)"
            + (directory.map { " --playbooks \($0)" } ?? ""))
      }
      return ExitCode(problemsFound: stale > 0)
    }

    let written: [String]
    do {
      written = try EditorStubs.write(files)
    } catch {
      throw .stubs(error)
    }
    for path in written { Console.out("wrote \(path)\n") }
    if written.isEmpty { Console.out("up to date: \(files.map(\.path).joined(separator: ", "))\n") }
    return .success
  }
}
