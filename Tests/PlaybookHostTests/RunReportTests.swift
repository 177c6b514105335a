import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Run report")
struct RunReportTests {
  func sampleReport() throws -> RunReport {
    var report = RunReport(playbook: "T1569.002")
    report.record(.stepStarted(step: "Set technique handled"), line: 12)
    report.recordCall(
      "Set", arguments: try object(#"{"key":"A","value":1}"#), outcome: .ok("Key A set"),
      line: 13)
    report.record(.stepFinished(step: "Set technique handled"))
    report.recordCall(
      "SetGridField", arguments: try object(#"{"grid_id":"g"}"#),
      outcome: .error("grid not found"))
    report.recordWarnings([.unknownSortColumns(["x"])], function: "SetGridField")
    report.record(.stepFailed(step: "Set grid field", message: "grid not found", continued: true))
    report.record(.log(level: .info, message: "done"))
    report.record(.manualTask(ManualTask(name: "Enable XDR", description: "Ask the admin.")))
    report.record(ReportEntry(.warning(function: nil, message: "plain")))
    return report
  }

  @Test("entries keep their order; manual tasks are listed")
  func entries() throws {
    let report = try sampleReport()
    #expect(report.entries.count == 9)
    #expect(report.entries.first?.line == 12)
    #expect(report.manualTasks == [ManualTask(name: "Enable XDR", description: "Ask the admin.")])
    #expect(report.hasErrors)
    #expect(report.status == .running)
  }

  @Test("a report without failures has no errors")
  func noErrors() {
    var report = RunReport()
    report.recordCall("Set", arguments: JSONObject(), outcome: .ok("Key A set"))
    #expect(!report.hasErrors)
  }

  @Test("the JSON rendering, keys in a fixed order")
  func json() throws {
    var report = try sampleReport()
    report.status = .completed
    report.duration = .milliseconds(1500)
    report.failure = RunFailure(message: "boom", traceback: ["a.lua:3: in main chunk"])
    report.incident = ["id": "7"]
    let expected = [
      #"{"playbook":"T1569.002","status":"completed","durationMs":1500.0,"#,
      #""failure":{"message":"boom","traceback":["a.lua:3: in main chunk"]},"entries":["#,
      #"{"kind":"stepStarted","step":"Set technique handled","line":12},"#,
      #"{"kind":"nativeCall","function":"Set","arguments":{"key":"A","value":1},"#,
      #""outcome":"ok","message":"Key A set","line":13},"#,
      #"{"kind":"stepFinished","step":"Set technique handled"},"#,
      #"{"kind":"nativeCall","function":"SetGridField","arguments":{"grid_id":"g"},"#,
      #""outcome":"error","message":"grid not found"},"#,
      #"{"kind":"warning","function":"SetGridField","#,
      #""message":"sort_by names unknown column \"x\"; the grid was not sorted"},"#,
      #"{"kind":"stepFailed","step":"Set grid field","message":"grid not found","#,
      #""continued":true},"#,
      #"{"kind":"log","level":"info","message":"done"},"#,
      #"{"kind":"manualTask","name":"Enable XDR","description":"Ask the admin."},"#,
      #"{"kind":"warning","message":"plain"}],"#,
      #""manualTasks":[{"name":"Enable XDR","description":"Ask the admin."}],"#,
      #""incident":{"id":"7"}}"#,
    ].joined()
    #expect(text(report.json) == expected)
  }

  @Test("a fresh report renders only what it has")
  func minimal() {
    #expect(
      text(RunReport().json) == #"{"status":"running","entries":[],"manualTasks":[]}"#)
  }
}
