import PlaybookHost

/// `coa test [PATH...]`: runs the scenarios of playbooks and says, for each, whether it
/// passed; a failed one is followed by every expectation that did not hold.
///
/// A PATH is a playbooks folder, a playbook file or one scenario file; without one, the
/// shipped playbooks folder. Exit 1 when a scenario fails or a playbook has none; exit 2
/// when a playbook or a scenario cannot be read.
struct TestCommand {
  /// The folders and files to test; empty for the shipped folder.
  let paths: [String]

  /// Parses the arguments after `coa test`.
  static func parse(_ tokens: [String]) throws(CommandLineError) -> Command {
    let arguments = try Arguments.parse(tokens, table: OptionTable(), command: "coa test")
    return .test(paths: arguments.positionals)
  }

  /// Runs the command and returns the exit code.
  func execute() throws(CommandLineError) -> ExitCode {
    let targets = paths.isEmpty ? [PlaybookLocator.defaultDirectory()] : paths
    let suites: [PlaybookTests]
    do {
      suites = try PlaybookTests.collect(targets)
    } catch {
      throw .scenario(error)
    }
    guard !suites.isEmpty else {
      Console.errorLine("coa: no playbooks to test in \(targets.joined(separator: ", "))")
      return .failure
    }

    var passed = 0
    var failed = 0
    for suite in suites {
      guard !suite.scenarios.isEmpty else {
        let folder = PlaybookTests.scenarioDirectory(for: suite.playbook.path)
        Console.out("FAIL \(suite.name) (no scenarios: add one to \(folder)/)\n")
        failed += 1
        continue
      }
      for result in suite.run() {
        Console.out(Self.render(result, playbook: suite.name))
        if result.passed { passed += 1 } else { failed += 1 }
      }
    }
    Console.out("\(passed) scenario\(passed == 1 ? "" : "s") passed, \(failed) failed\n")
    return ExitCode(problemsFound: failed > 0)
  }

  /// "PASS T1569.002 xdr-available", or "FAIL ..." and one indented line per mismatch.
  static func render(_ result: ScenarioResult, playbook: String) -> String {
    let verdict = result.passed ? "PASS" : "FAIL"
    let details = result.mismatches.map { "  \($0.description)\n" }.joined()
    return "\(verdict) \(playbook) \(result.scenario.name)\n" + details
  }
}
