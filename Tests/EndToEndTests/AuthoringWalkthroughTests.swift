import Foundation
import Testing

/// The authors' guide (playbooks/README.md) followed step by step with the built binary: a
/// new playbook, a misspelt global caught by luacheck, its scenario passing with coa test.
@Suite("Authoring walkthrough: coa new, luacheck, coa test, coa stubs")
struct AuthoringWalkthroughTests {
  static let name = "MITRE ATT&CK CoA - T1234 - Walkthrough"

  /// luacheck on PATH, or nil.
  static let luacheck: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/luacheck" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// A workspace with the editor files and a new T1234 playbook in playbooks/.
  func newPlaybook() throws -> Workspace {
    let workspace = try Workspace()
    let stubs = try workspace.run(["stubs", "--playbooks", "playbooks"])
    #expect(stubs.code == 0)
    #expect(stubs.stdout.contains("wrote playbooks/.luacheckrc\n"))

    let created = try workspace.run([
      "new", "T1234", "--name", Self.name, "--playbooks", "playbooks",
    ])
    #expect(created.code == 0)
    #expect(created.stderr == "")
    #expect(
      created.stdout.hasPrefix(
        "wrote playbooks/T1234.lua\nwrote playbooks/tests/T1234/xdr-available.json\n"))
    return workspace
  }

  /// Replaces `old` by `new` in the workspace file `name`; `old` must be there.
  func edit(_ workspace: Workspace, _ name: String, _ old: String, _ new: String) throws {
    let text = String(decoding: try workspace.bytes(name), as: UTF8.self)
    let parts = text.components(separatedBy: old)
    try #require(parts.count == 2, "\(old) must occur once in \(name)")
    try workspace.write(name, parts.joined(separator: new))
  }

  /// Runs luacheck in the workspace's playbooks folder.
  func lint(_ workspace: Workspace) throws -> (code: Int32, output: String) {
    let luacheck = try #require(Self.luacheck)
    let output = workspace.path("luacheck.out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: luacheck)
    process.arguments = ["--no-color", "--codes", "."]
    process.currentDirectoryURL = workspace.path("playbooks")
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = process.standardOutput
    try process.run()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self)
    )
  }

  @Test(
    "a misspelt native is reported by luacheck, fails coa test, and once fixed the test passes",
    .enabled(if: luacheck != nil, "luacheck is not installed (Debian: apt-get install lua-check)"))
  func misspeltGlobal() throws {
    let workspace = try newPlaybook()
    #expect(try lint(workspace).code == 0)

    try edit(workspace, "playbooks/T1234.lua", "    Set { key", "    Sett { key")
    let warned = try lint(workspace)
    #expect(warned.code == 1)
    #expect(warned.output.contains("T1234.lua:38:5: (W113) accessing undefined variable 'Sett'"))

    let failing = try workspace.run(["test", "playbooks"])
    #expect(failing.code == 1)
    #expect(failing.stdout.hasPrefix("FAIL T1234 xdr-available\n"))
    #expect(
      failing.stdout.contains(
        "  expected status to be \"completed\", got \"failed\""
          + " (playbooks/T1234.lua:38: undefined global 'Sett')\n"))

    try edit(workspace, "playbooks/T1234.lua", "    Sett { key", "    Set { key")
    #expect(try lint(workspace).code == 0)
    let passing = try workspace.run(["test", "playbooks"])
    #expect(passing.code == 0)
    #expect(passing.stdout == "PASS T1234 xdr-available\n1 scenario passed, 0 failed\n")
  }

  @Test("a failing scenario shows which expectation failed and the actual value")
  func failingScenario() throws {
    let workspace = try newPlaybook()
    try edit(
      workspace, "playbooks/tests/T1234/xdr-available.json",
      """
      "Handled.Techniques": [
              "T1234"
            ]
      """,
      """
      "Handled.Techniques": ["T1234", "T9999"]
      """)
    let outcome = try workspace.run(["test", "playbooks/T1234.lua"])
    #expect(outcome.code == 1)
    #expect(
      outcome.stdout == """
        FAIL T1234 xdr-available
          expected context Handled.Techniques to be ["T1234","T9999"], got ["T1234"]
        0 scenarios passed, 1 failed

        """)
  }

  @Test("coa new never overwrites; a playbook without scenarios fails coa test")
  func refusesToOverwrite() throws {
    let workspace = try newPlaybook()
    try workspace.write("playbooks/T1234.lua", "-- mine\n")
    let again = try workspace.run(["new", "T1234", "--name", "Other", "--playbooks", "playbooks"])
    #expect(again.code == 2)
    #expect(again.stderr == "coa: error: playbooks/T1234.lua already exists\n")
    #expect(again.stdout == "")
    #expect(
      String(decoding: try workspace.bytes("playbooks/T1234.lua"), as: UTF8.self) == "-- mine\n")

    let other = try workspace.run(["new", "T5678", "--name", "Other", "--playbooks", "playbooks"])
    #expect(other.code == 0)
    try FileManager.default.removeItem(at: workspace.path("playbooks/tests/T5678"))
    let untested = try workspace.run(["test", "playbooks/T5678.lua"])
    #expect(untested.code == 1)
    #expect(
      untested.stdout
        == "FAIL T5678 (no scenarios: add one to playbooks/tests/T5678/)\n"
        + "0 scenarios passed, 1 failed\n")
  }

  @Test("coa stubs --check says which generated file is out of date")
  func stubsCheck() throws {
    let workspace = try newPlaybook()
    #expect(try workspace.run(["stubs", "--playbooks", "playbooks", "--check"]).code == 0)
    try workspace.write("playbooks/.luacheckrc", "std = \"max\"\n")
    let stale = try workspace.run(["stubs", "--playbooks", "playbooks", "--check"])
    #expect(stale.code == 1)
    #expect(stale.stdout.contains("out of date playbooks/.luacheckrc\n"))
    #expect(
      stale.stderr
        == "coa: 1 generated file is out of date: run coa stubs --playbooks playbooks\n")
  }

  @Test("bad input: an unreadable scenario is exit 2 naming the file")
  func badScenario() throws {
    let workspace = try newPlaybook()
    try workspace.write("playbooks/tests/T1234/broken.json", "{\"description\": ")
    let outcome = try workspace.run(["test", "playbooks"])
    #expect(outcome.code == 2)
    #expect(outcome.stdout == "")
    #expect(outcome.stderr.hasPrefix("coa: error: playbooks/tests/T1234/broken.json:1:"))
  }

  @Test("the shipped playbooks pass their scenarios")
  func shipped() throws {
    let workspace = try Workspace()
    let playbooks = CoaBinary.repository.appendingPathComponent("playbooks").path
    let outcome = try workspace.run(["test", playbooks])
    #expect(outcome.code == 0)
    #expect(outcome.stdout.hasSuffix("8 scenarios passed, 0 failed\n"))
  }
}
