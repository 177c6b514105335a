#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses the command line, runs the command and returns its exit code. Help and results go
/// to stdout; errors go to stderr as one line, "coa: error: <message>".
func runCommandLine(_ tokens: [String]) -> ExitCode {
  do {
    switch try Command.parse(tokens, stdoutIsTerminal: Console.stdoutIsTerminal) {
    case .help(let topic):
      Console.out(HelpText.text(for: topic))
      return .success
    case .version:
      Console.out(HelpText.version + "\n")
      return .success
    case .run(let options):
      return try RunCommand(options: options).execute()
    case .list(let directory, let format):
      return try ListCommand(directory: directory, format: format).execute()
    case .check(let paths):
      return CheckCommand(paths: paths).execute()
    case .batch(let options):
      return try BatchCommand(options: options).execute()
    case .test(let paths):
      return try TestCommand(paths: paths).execute()
    case .new(let technique, let name, let phase, let playbooks):
      return try NewCommand(technique: technique, name: name, phase: phase, directory: playbooks)
        .execute()
    case .stubs(let playbooks, let check):
      return try StubsCommand(directory: playbooks, checkOnly: check).execute()
    }
  } catch {
    Console.errorLine(error.rendered)
    return ExitCode(error)
  }
}

let code = runCommandLine(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
