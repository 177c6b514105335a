import Foundation
import Testing

/// `coa list`, `coa check`, help and version.
@Suite("coa list, check, help")
struct OtherCommandTests {
  @Test("list: the shipped playbook with its id, name and techniques")
  func list() throws {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    let outcome = try workspace.run(["list", "--playbooks", "playbooks", "--format", "json"])
    #expect(outcome.code == 0)
    #expect(outcome.stderr == "")
    let playbook = try outcome.json()["playbooks"]?.arrayValue?.first
    #expect(playbook?["id"] == "T1569.002")
    #expect(playbook?["techniques"] == ["T1569.002", "T1035"])

    let text = try workspace.run(["list", "--playbooks", "playbooks", "--format", "text"])
    let name = "MITRE ATT&CK CoA - T1569.002 - Service Execution"
    #expect(
      text.stdout == """
        ID         TECHNIQUES        PATH                     NAME
        T1569.002  T1569.002, T1035  playbooks/T1569.002.lua  \(name)

        """)
  }

  @Test("list: a file that fails to load is reported on stderr, exit 1")
  func listProblems() throws {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.write("playbooks/broken.lua", "function run(\n")
    let outcome = try workspace.run(["list", "--playbooks", "playbooks", "--format", "json"])
    #expect(outcome.code == 1)
    #expect(
      outcome.stderr
        == "playbooks/broken.lua:2: syntax error: <name> or '...' expected near <eof>\n")
    #expect(try outcome.json()["playbooks"]?.arrayValue?.count == 1)
  }

  @Test("check: ok lines on stdout, problems with file and line on stderr, exit 1")
  func check() throws {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.write("broken.lua", "function run()\n  x = = 1\nend\n")
    try workspace.write("nameless.lua", "description = \"d\"\nid = \"x\"\nfunction run() end\n")

    let good = try workspace.run(["check", "playbooks"])
    #expect(good.code == 0)
    #expect(
      good.stdout == "ok playbooks/T1569.002.lua (id T1569.002; techniques T1569.002, T1035)\n")
    #expect(good.stderr == "")

    let bad = try workspace.run(["check", "broken.lua", "nameless.lua", "missing.lua"])
    #expect(bad.code == 1)
    #expect(bad.stdout == "")
    #expect(
      bad.stderr == """
        broken.lua:2: syntax error: unexpected symbol near '='
        nameless.lua: header field 'name' is missing
        cannot read missing.lua: No such file or directory

        """)
  }

  @Test("check without files is bad usage")
  func checkUsage() throws {
    let outcome = try Workspace().run(["check"])
    #expect(outcome.code == 2)
    #expect(outcome.stderr == "coa: error: coa check needs FILE... (see coa check --help)\n")
  }

  @Test(
    "help: the overview and each command's, on stdout, exit 0",
    arguments: [
      ["--help"], ["-h"], ["help"], ["help", "run"], ["run", "--help"], ["list", "-h"],
      ["check", "--help"],
    ])
  func help(arguments: [String]) throws {
    let outcome = try Workspace().run(arguments)
    #expect(outcome.code == 0)
    #expect(outcome.stderr == "")
    #expect(outcome.stdout.contains("USAGE\n"))
    #expect(outcome.stdout.contains("EXIT CODES\n  0  "))
  }

  @Test("run --help documents the limits and the exit codes")
  func runHelp() throws {
    let outcome = try Workspace().run(["run", "--help"])
    #expect(outcome.stdout.contains("--time-limit SECONDS"))
    #expect(outcome.stdout.contains("(default 64)"))
    #expect(outcome.stdout.contains("  1  the playbook failed or hit a limit"))
    #expect(outcome.stdout.contains("  2  bad usage or bad input"))
  }

  @Test("--version")
  func version() throws {
    let outcome = try Workspace().run(["--version"])
    #expect(outcome.code == 0)
    #expect(outcome.stdout == "coa 0.1.0\n")
  }

  @Test("no command, or an unknown one, is bad usage")
  func usage() throws {
    let none = try Workspace().run([])
    #expect(none.code == 2)
    #expect(none.stderr == "coa: error: missing command (see coa --help)\n")
    let unknown = try Workspace().run(["frob"])
    #expect(unknown.code == 2)
    #expect(
      unknown.stderr
        == "coa: error: unknown command 'frob' (commands: run, list, check, batch, test, new,"
        + " stubs, help; see coa --help)\n")
  }
}

/// The tests run the binary built with them.
@Suite("The binary under test")
struct BinaryTests {
  @Test("coa is found in the test bundle's build products folder")
  func location() throws {
    let path = try #require(CoaBinary.path)
    guard ProcessInfo.processInfo.environment["COA_BINARY"] == nil else { return }
    #if os(Linux)
      let testExecutable = try FileManager.default.destinationOfSymbolicLink(
        atPath: "/proc/self/exe")
      let products = URL(fileURLWithPath: testExecutable).deletingLastPathComponent().path
      #expect(path == products + "/coa")
    #endif
  }
}
