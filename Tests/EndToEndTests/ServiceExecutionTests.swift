import CoaJSON
import Testing

/// The T1569.002 playbook run by the built binary on the shipped examples: the scenarios of
/// issue 4's "Must show".
@Suite("coa run T1569.002: scenarios")
struct ServiceExecutionTests {
  static let configureTask =
    "Manual - Configure XDR Behavioral Threat Protection under the Malware Security Profile"
  static let enableTask = "Manual - Enable Cortex XDR integration"
  static let handled: JSONValue = ["T1035", "T1569.002"]
  static let handledRows: JSONValue = [["technique": "T1035"], ["technique": "T1569.002"]]

  /// Runs the playbook by path on `incident` with `integrations` (none when nil), writing the
  /// incident to after.json; checks what every completed run shares and returns the report.
  func run(incident: String, integrations: String?) throws -> (JSONValue, Workspace) {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.copyExample(incident)
    var arguments = [
      "run", "playbooks/T1569.002.lua", "--incident", incident, "--output", "after.json",
      "--format", "json",
    ]
    if let integrations {
      try workspace.copyExample(integrations)
      arguments += ["--integrations", integrations]
    }
    let before = try workspace.bytes(incident)

    let outcome = try workspace.run(arguments)
    #expect(outcome.code == 0)
    #expect(outcome.stderr == "")
    let report = try outcome.json()
    #expect(report["status"] == "completed")
    #expect(report["playbook", "id"] == "T1569.002")
    #expect(try workspace.bytes(incident) == before)
    #expect(try workspace.json("after.json") == report["incident"])
    return (report, workspace)
  }

  @Test("XDR available: techniques handled, grid filled, one manual task")
  func xdrAvailable() throws {
    let (report, _) = try run(incident: "incident.json", integrations: "integrations.json")
    #expect(report["incident", "context", "Handled", "Techniques"] == Self.handled)
    #expect(report["incident", "CustomFields", "handledtechniques"] == Self.handledRows)
    #expect(
      report["manualTasks"]?.arrayValue?.compactMap { $0["name"] } == [
        .string(Self.configureTask)
      ])
    #expect(report["hasErrors"] == false)
    #expect(report["error"] == nil)
  }

  @Test(
    "XDR unavailable: the same plus the task to enable the integration",
    arguments: [nil, "integrations-no-xdr.json", "integrations-xdr-disabled.json"])
  func xdrUnavailable(integrations: String?) throws {
    let (report, _) = try run(incident: "incident.json", integrations: integrations)
    #expect(report["incident", "context", "Handled", "Techniques"] == Self.handled)
    #expect(report["incident", "CustomFields", "handledtechniques"] == Self.handledRows)
    #expect(
      report["manualTasks"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
        Self.enableTask, Self.configureTask,
      ])
  }

  @Test("no handledtechniques grid: SetGridField fails, is recorded, the run completes")
  func noGrid() throws {
    let (report, _) = try run(incident: "incident-no-grid.json", integrations: "integrations.json")
    #expect(report["incident", "context", "Handled", "Techniques"] == Self.handled)
    #expect(report["incident", "CustomFields", "handledtechniques"] == nil)
    #expect(report["hasErrors"] == true)

    let entries = try #require(report["entries"]?.arrayValue)
    let failed = entries.filter { $0["kind"] == "stepFailed" }
    #expect(failed.count == 1)
    #expect(failed.first?["step"] == "Set grid field")
    #expect(failed.first?["continued"] == true)
    let message = failed.first?["message"]?.stringValue ?? ""
    #expect(
      message.hasSuffix(
        #"grid not found: no field "handledtechniques" in the incident's"#
          + " CustomFields; check the grid field's machine name"))
    #expect(entries.last?["kind"] == "stepFinished")
    #expect(entries.last?["step"] == "Done")
  }

  @Test("techniques already handled: no duplicate, the grid holds the merged list")
  func alreadyHandled() throws {
    let (report, _) = try run(
      incident: "incident-already-handled.json", integrations: "integrations.json")
    #expect(
      report["incident", "context", "Handled", "Techniques"] == [
        "T1003", "T1569.002", "T1035",
      ])
    #expect(
      report["incident", "CustomFields", "handledtechniques"] == [
        ["technique": "T1003"], ["technique": "T1569.002"], ["technique": "T1035"],
      ])
  }

  @Test("the text report: timeline, manual tasks, changes and status, without colours")
  func textReport() throws {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.copyExample("incident.json")
    try workspace.copyExample("integrations.json")

    let outcome = try workspace.run([
      "run", "T1569.002", "--playbooks", "playbooks", "--incident", "incident.json",
      "--integrations", "integrations.json", "--format", "text",
    ])
    #expect(outcome.code == 0)
    let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "MITRE ATT&CK CoA - T1569.002 - Service Execution")
    #expect(lines.contains("  playbook    T1569.002 (playbooks/T1569.002.lua)"))
    #expect(lines.contains { $0.hasSuffix("│ ▸ Is Cortex XDR integration enabled?") })
    let call = #"IsIntegrationAvailable brandname="Cortex XDR - IR" → yes"#
    #expect(lines.contains { $0.hasSuffix(call) })
    #expect(lines.contains { $0.hasSuffix("│ ▸ Done … ok") })
    #expect(lines.contains("Manual tasks to do (1)"))
    #expect(lines.contains("  1. " + Self.configureTask))
    #expect(lines.contains(#"  context Handled.Techniques: (new) ["T1035","T1569.002"]"#))
    #expect(lines.contains("  grid handledtechniques: 0 rows → 2 rows"))
    #expect(lines.contains("      technique: T1569.002"))
    #expect(lines.contains { $0.hasPrefix("Status: completed in ") && $0.hasSuffix(" ms") })
    #expect(lines.contains("Incident not written (use --output FILE or --in-place)"))
    #expect(!outcome.stdout.contains("\u{1B}["))
  }

  @Test("the text report of a step that continued on error")
  func textReportContinued() throws {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.copyExample("incident-no-grid.json")

    let outcome = try workspace.run([
      "run", "playbooks/T1569.002.lua", "--incident", "incident-no-grid.json", "--format", "text",
    ])
    #expect(outcome.code == 0)
    #expect(outcome.stdout.contains("│ └ failed (continued on error)\n"))
    #expect(outcome.stdout.contains("→ error: grid not found: no field \"handledtechniques\""))
    #expect(outcome.stdout.contains("Manual tasks to do (2)\n"))
    #expect(outcome.stdout.contains("; 1 step failed and continued on error\n"))
  }
}
