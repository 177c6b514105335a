import CoaJSON
import Foundation
import Testing

/// Where the incident goes, how the report is shaped, how playbooks are found, and how a
/// failed run reads.
@Suite("coa run: outputs")
struct RunOutputTests {
  func workspace() throws -> Workspace {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.copyExample("incident.json")
    try workspace.copyExample("integrations.json")
    return workspace
  }

  @Test("a technique ID finds the same playbook as its path")
  func techniqueMatchesPath() throws {
    let workspace = try workspace()
    let common = ["--incident", "incident.json", "--integrations", "integrations.json"]
    let byPath = try workspace.run(["run", "playbooks/T1569.002.lua"] + common)
    let byID = try workspace.run(["run", "T1569.002", "--playbooks", "playbooks"] + common)
    let byOldID = try workspace.run(["run", "t1035", "--playbooks", "playbooks"] + common)

    #expect([byPath.code, byID.code, byOldID.code] == [0, 0, 0])
    let reference = try byPath.json().removingKeys(["durationMs"])
    #expect(reference["playbook", "path"] == "playbooks/T1569.002.lua")
    #expect(try byID.json().removingKeys(["durationMs"]) == reference)
    #expect(try byOldID.json().removingKeys(["durationMs"]) == reference)
  }

  @Test("without --playbooks a technique ID is found in the shipped playbooks")
  func defaultPlaybooks() throws {
    let workspace = try workspace()
    let outcome = try workspace.run(["run", "T1569.002", "--incident", "incident.json"])
    #expect(outcome.code == 0)
    #expect(try outcome.json()["playbook", "id"] == "T1569.002")
  }

  @Test("--in-place replaces the incident atomically and leaves no temporary file")
  func inPlace() throws {
    let workspace = try workspace()
    let names = try workspace.names()
    let before = try workspace.bytes("incident.json")

    let outcome = try workspace.run([
      "run", "T1569.002", "--playbooks", "playbooks", "--incident", "incident.json",
      "--integrations", "integrations.json", "--in-place",
    ])
    #expect(outcome.code == 0)
    #expect(try workspace.names() == names)
    #expect(try workspace.bytes("incident.json") != before)
    #expect(try workspace.json("incident.json") == outcome.json()["incident"])
  }

  @Test("--in-place through a symbolic link replaces the file it points to and keeps the link")
  func inPlaceThroughLink() throws {
    let workspace = try workspace()
    let link = workspace.url.appendingPathComponent("link.json").path
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: "incident.json")

    let outcome = try workspace.run([
      "run", "T1569.002", "--playbooks", "playbooks", "--incident", "link.json",
      "--integrations", "integrations.json", "--in-place",
    ])
    #expect(outcome.code == 0)
    let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link)
    #expect(destination == "incident.json")
    #expect(try workspace.json("incident.json") == outcome.json()["incident"])
  }

  @Test("--output writes a new file, pretty with a trailing newline; the input is unchanged")
  func output() throws {
    let workspace = try workspace()
    let before = try workspace.bytes("incident.json")
    let outcome = try workspace.run([
      "run", "T1569.002", "--playbooks", "playbooks", "--incident", "incident.json",
      "--integrations", "integrations.json", "--output", "after.json",
    ])
    #expect(outcome.code == 0)
    #expect(try workspace.bytes("incident.json") == before)

    let text = String(decoding: try workspace.bytes("after.json"), as: UTF8.self)
    #expect(text.hasPrefix("{\n  \"id\": \"4711\",\n"))
    #expect(text.hasSuffix("}\n"))
    let document = try workspace.json("after.json")
    #expect(document["context", "Handled", "Techniques"] == ["T1035", "T1569.002"])
    #expect(
      try workspace.names() == ["after.json", "incident.json", "integrations.json", "playbooks"])
  }

  @Test("--format json: one object with the documented keys, in order")
  func jsonShape() throws {
    let workspace = try workspace()
    let outcome = try workspace.run([
      "run", "T1569.002", "--playbooks", "playbooks", "--incident", "incident.json",
      "--integrations", "integrations.json", "--format", "json",
    ])
    #expect(outcome.code == 0)
    #expect(outcome.stdout.hasSuffix("}\n"))
    let report = try #require(try outcome.json().objectValue)
    #expect(
      report.keys == [
        "status", "hasErrors", "playbook", "durationMs", "entries", "manualTasks", "incident",
      ])
    #expect(report["playbook"]?.objectValue?.keys == ["id", "name", "path", "techniques"])
    #expect(report["playbook"]?["name"] == "MITRE ATT&CK CoA - T1569.002 - Service Execution")
    #expect(
      report["manualTasks"]?.arrayValue?.first?.objectValue?.keys == [
        "name", "description",
      ])

    let kinds = report["entries"]?.arrayValue?.compactMap { $0["kind"]?.stringValue }
    #expect(
      kinds == [
        "stepStarted", "nativeCall", "stepFinished", "manualTask", "stepStarted", "nativeCall",
        "stepFinished", "stepStarted", "nativeCall", "stepFinished", "stepStarted", "stepFinished",
      ])
    let call = report["entries"]?.arrayValue?[1]
    #expect(call?["function"] == "IsIntegrationAvailable")
    #expect(call?["arguments"] == ["brandname": "Cortex XDR - IR"])
    #expect(call?["outcome"] == "ok")
    #expect(call?["line"] == 31)
  }

  @Test("a playbook that fails: exit 1, the error with file, line and traceback")
  func failedRun() throws {
    let workspace = try workspace()
    try workspace.write(
      "fail.lua", "function boom()\n  error(\"boom\")\nend\nstep(\"Explode\", boom)\n")
    let outcome = try workspace.run([
      "run", "fail.lua", "--incident", "incident.json", "--format", "json",
      "--output", "after.json",
    ])
    #expect(outcome.code == 1)
    #expect(outcome.stderr == "")
    let report = try outcome.json()
    #expect(report["status"] == "failed")
    #expect(report["playbook", "id"] == .null)
    #expect(report["error", "kind"] == "runtime")
    #expect(report["error", "message"] == "boom")
    #expect(report["error", "file"] == "fail.lua")
    #expect(report["error", "line"] == 2)
    #expect((report["error", "traceback"]?.arrayValue?.count ?? 0) > 0)
    #expect(workspace.exists("after.json"))

    let text = try workspace.run([
      "run", "fail.lua", "--incident", "incident.json", "--format", "text",
    ])
    #expect(text.code == 1)
    #expect(text.stdout.contains("\nStatus: failed — fail.lua:2: boom\n  stack traceback:\n"))
    #expect(text.stdout.contains("│ ▸ Explode … failed: fail.lua:2: boom\n"))
  }

  @Test(
    "a limit ends the run as failed, naming the limit",
    arguments: [
      (["--time-limit", "0.2"], "time"), (["--instruction-limit", "100000"], "instructions"),
      (["--memory-limit", "1"], "memory"),
    ])
  func limits(options: [String], kind: String) throws {
    let workspace = try workspace()
    try workspace.write(
      "spin.lua", "local t = {}\nwhile true do t[#t + 1] = string.rep(\"x\", 64) end\n")
    let outcome = try workspace.run(
      ["run", "spin.lua", "--incident", "incident.json", "--format", "json"] + options)
    #expect(outcome.code == 1)
    #expect(try outcome.json()["error", "kind"] == .string(kind))
  }
}
