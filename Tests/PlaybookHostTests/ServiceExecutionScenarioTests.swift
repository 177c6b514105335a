import CoaJSON
import Testing

@testable import PlaybookHost

/// The T1569.002 playbook's native calls, driven from Swift as the Lua playbook will drive
/// them, with the run recorded in a report.
@Suite("T1569.002 Service Execution, natives only")
struct ServiceExecutionScenarioTests {
  static let xdrActive =
    #"[{"name":"Cortex XDR - IR_instance_1","brand":"Cortex XDR - IR","state":"active"}]"#

  /// Runs the playbook's steps; returns the report and the incident after the run.
  func run(incident document: String, integrations file: String) throws -> (RunReport, Incident) {
    var incident = try Incident(document: try json(document))
    let integrations = try Integrations(fileBytes: Array(file.utf8))
    var report = RunReport(playbook: "T1569.002")

    let ask = try IsIntegrationAvailableNative(arguments: members(["brandname": "Cortex XDR - IR"]))
    let answer = try ask.run(integrations: integrations, context: &incident.context)
    report.recordCall(
      "IsIntegrationAvailable", arguments: members(["brandname": "Cortex XDR - IR"]),
      outcome: .ok(answer.entryText))
    if !answer.anyAvailable {
      report.record(.manualTask(ManualTask(name: "Enable Cortex XDR", description: "Enable it.")))
    }
    report.record(.manualTask(ManualTask(name: "Configure XDR BTP", description: "Configure.")))

    let setArguments = try object(
      #"{"key":"Handled.Techniques","value":"[\"T1035\",\"T1569.002\"]","append":"true"}"#)
    let set = try SetNative(arguments: setArguments).run(on: &incident.context)
    report.recordCall("Set", arguments: setArguments, outcome: .ok(set.entryText))

    let gridArguments = try object(
      #"{"grid_id":"handledtechniques","context_path":"Handled.Techniques","#
        + #""columns":"technique"}"#)
    do {
      let grid = try SetGridFieldNative(arguments: gridArguments).run(on: &incident)
      report.recordCall("SetGridField", arguments: gridArguments, outcome: .ok(grid.entryText))
    } catch {
      report.recordCall("SetGridField", arguments: gridArguments, outcome: .error(error.message))
      report.record(.stepFailed(step: "Set grid field", message: error.message, continued: true))
    }
    report.status = .completed
    return (report, incident)
  }

  @Test("a fresh incident with the grid and XDR available")
  func happyPath() throws {
    let (report, incident) = try run(
      incident: #"{"id":"1","CustomFields":{"handledtechniques":[]}}"#,
      integrations: Self.xdrActive)
    #expect(
      text(incident.document)
        == #"{"id":"1","CustomFields":{"handledtechniques":[{"technique":"T1035"},"#
        + #"{"technique":"T1569.002"}]},"context":{"brandInstances":"#
        + #"["Cortex XDR - IR_instance_1"],"Handled":{"Techniques":["T1035","T1569.002"]}}}"#)
    #expect(report.status == .completed)
    #expect(!report.hasErrors)
    #expect(report.manualTasks.map(\.name) == ["Configure XDR BTP"])
  }

  @Test("without the grid SetGridField fails, is recorded, and the run finishes")
  func noGrid() throws {
    let (report, incident) = try run(
      incident: #"{"id":"1"}"#, integrations: Self.xdrActive)
    #expect(report.status == .completed)
    #expect(report.hasErrors)
    #expect(
      text(try incident.context.read(key: "Handled.Techniques")) == #"["T1035","T1569.002"]"#)
    let failures = report.entries.compactMap { entry -> String? in
      if case .stepFailed(_, let message, _) = entry.kind { return message }
      return nil
    }
    #expect(
      failures == [
        #"grid not found: no field "handledtechniques" in the incident's CustomFields;"#
          + " check the grid field's machine name"
      ])
  }

  @Test("with XDR unavailable the only difference is the extra manual step")
  func xdrUnavailable() throws {
    let document = #"{"id":"1","CustomFields":{"handledtechniques":null}}"#
    let (withXDR, incidentWith) = try run(incident: document, integrations: Self.xdrActive)
    let (withoutXDR, incidentWithout) = try run(incident: document, integrations: "[]")
    #expect(withoutXDR.manualTasks.map(\.name) == ["Enable Cortex XDR", "Configure XDR BTP"])
    #expect(withXDR.manualTasks.count == 1)
    #expect(
      incidentWith.gridValue("handledtechniques") == incidentWithout.gridValue("handledtechniques"))
    #expect(text(try incidentWithout.context.read(key: "brandInstances")) == "[]")
  }

  @Test("running twice leaves the techniques once")
  func idempotent() throws {
    let (_, first) = try run(
      incident: #"{"CustomFields":{"handledtechniques":[]}}"#, integrations: "[]")
    let (_, second) = try run(incident: text(first.document), integrations: "[]")
    #expect(
      text(try second.context.read(key: "Handled.Techniques")) == #"["T1035","T1569.002"]"#)
    #expect(
      text(second.gridValue("handledtechniques"))
        == #"[{"technique":"T1035"},{"technique":"T1569.002"}]"#)
  }
}
