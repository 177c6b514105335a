import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Playbook scenarios")
struct ScenarioTests {
  static let shippedScenarios = ["already-handled", "no-grid", "xdr-available", "xdr-unavailable"]

  /// A scenario on the shipped T1569.002 playbook with `expect` as its expectations.
  func serviceExecution(expect: String, incident: String? = nil) throws -> ScenarioResult {
    let playbook = try Playbook.load(path: shippedPlaybooks + "/T1569.002.lua")
    let document = try json(
      """
      {"description": "a test", "expect": \(expect),
       "incident": \(incident ?? #"{"CustomFields": {"handledtechniques": []}}"#)}
      """)
    let scenario = try Scenario(path: "t/xdr.json", document: document)
    return PlaybookTests.run(scenario, on: playbook)
  }

  @Test("the shipped playbooks pass their shipped scenarios")
  func shipped() throws {
    let suites = try PlaybookTests.collect([shippedPlaybooks])
    #expect(suites.map(\.name) == ["T1059.001", "T1569.002"])
    for suite in suites {
      #expect(suite.scenarios.map(\.name) == Self.shippedScenarios, "\(suite.name)")
      for result in suite.run() {
        #expect(
          result.passed,
          "\(suite.name) \(result.scenario.name): \(result.mismatches.map(\.description))")
      }
    }
  }

  @Test("a failing scenario says which expectation failed and the actual value")
  func failing() throws {
    let result = try serviceExecution(
      expect: """
        {"status": "completed",
         "context": {"Handled.Techniques": ["T1035", "T1569.002", "T9999"], "Nope": 1},
         "grids": {"handledtechniques": [{"technique": "T1035"}]},
         "manualTasks": ["Enable XDR"], "failedSteps": ["Set grid field"]}
        """)
    #expect(!result.passed)
    #expect(
      result.mismatches.map(\.description) == [
        #"expected context Handled.Techniques to be ["T1035","T1569.002","T9999"], got"#
          + #" ["T1035","T1569.002"]"#,
        "expected context Nope to be 1, got nothing",
        #"expected grid handledtechniques to be [{"technique":"T1035"}], got"#
          + #" [{"technique":"T1035"},{"technique":"T1569.002"}]"#,
        #"expected manual tasks to be ["Enable XDR"], got ["Manual - Enable Cortex XDR"#
          + #" integration","Manual - Configure XDR Behavioral Threat Protection under the"#
          + #" Malware Security Profile"]"#,
        #"expected failed steps to be ["Set grid field"], got []"#,
      ])
  }

  @Test("a failed run shows its failure next to the status")
  func failedStatus() throws {
    let playbook = try Playbook(
      path: "boom.lua", source: Array("step('Boom', function() error('no way') end)\n".utf8))
    let scenario = try Scenario(
      path: "t/boom.json",
      document: try json(
        #"{"description": "d", "incident": {}, "expect": {"status": "completed","#
          + #" "failure": "other"}}"#))
    let result = PlaybookTests.run(scenario, on: playbook)
    #expect(
      result.mismatches.map(\.description) == [
        #"expected status to be "completed", got "failed" (boom.lua:1: no way)"#,
        #"expected the failure to contain "other", got "no way""#,
      ])
  }

  @Test("values compare as JSON: members in any order, 1 equals 1.0, null matches nothing")
  func sameness() throws {
    #expect(
      ScenarioExpectation.same(try json(#"{"a":1,"b":[1,2]}"#), try json(#"{"b":[1,2.0],"a":1}"#)))
    #expect(!ScenarioExpectation.same(try json("[1,2]"), try json("[2,1]")))
    #expect(!ScenarioExpectation.same(try json(#"{"a":1}"#), try json(#"{"a":1,"b":2}"#)))
    #expect(ScenarioExpectation.same(.null, nil))
    #expect(!ScenarioExpectation.same(.string("T1"), nil))
    #expect(!ScenarioExpectation.same(.string("1"), .int(1)))
  }

  @Test(
    "bad scenarios are named with the file and the field",
    arguments: [
      (#"[]"#, "s.json: a scenario must be a JSON object (got array)"),
      (
        #"{"incident": {}, "expect": {"status": "completed"}}"#,
        "s.json: scenario field 'description' is missing"
      ),
      (
        #"{"description": "d", "incidnet": {}}"#,
        "s.json: unknown scenario field 'incidnet' (known: description, incident, integrations,"
          + " expect)"
      ),
      (
        #"{"description": "d", "incident": {}, "expect": {"satus": "completed"}}"#,
        "s.json: unknown scenario field 'expect.satus' (known: status, context, grids,"
          + " manualTasks, failedSteps, failure)"
      ),
      (
        #"{"description": "d", "incident": {}, "expect": {"status": "done"}}"#,
        "s.json: scenario field 'expect.status' must be \"completed\" or \"failed\" (got string)"
      ),
      (
        #"{"description": "d", "incident": {}, "expect": {}}"#,
        "s.json: scenario field 'expect' must be an object with at least one expectation"
          + " (got object)"
      ),
      (
        #"{"description": "d", "incident": [], "expect": {"status": "failed"}}"#,
        "s.json: bad incident: incident: expected a JSON object (found array)"
      ),
      (
        #"{"description": "d", "incident": {}, "expect": {"context": {"A..B": 1}}}"#,
        "s.json: bad context path 'A..B' in expect.context: bad context key \"A..B\": segment 2"
          + " is empty"
      ),
    ])
  func badScenario(text: String, message: String) throws {
    #expect(throws: ScenarioError.self) { try Scenario(path: "s.json", document: try json(text)) }
    do {
      _ = try Scenario(path: "s.json", document: try json(text))
    } catch let error as ScenarioError {
      #expect(error.description == message)
    }
  }

  @Test("incident and integrations may be files, relative to the scenario")
  func filesByPath() throws {
    try withTemporaryFolder { folder in
      try writeFile(
        folder + "/inputs/incident.json", #"{"CustomFields": {"handledtechniques": []}}"#)
      try writeFile(
        folder + "/inputs/integrations.json",
        #"[{"name": "x", "brand": "Cortex XDR - IR", "state": "active"}]"#)
      try writeFile(
        folder + "/tests/T/a.json",
        #"{"description": "d", "incident": "../../inputs/incident.json","#
          + #" "integrations": "../../inputs/integrations.json","#
          + #" "expect": {"status": "completed"}}"#)
      let scenario = try Scenario.load(path: folder + "/tests/T/a.json")
      #expect(scenario.name == "a")
      #expect(scenario.integrations.isAvailable(brand: "Cortex XDR - IR"))
      #expect(scenario.incident.gridValue("handledtechniques") == .array([]))

      try writeFile(
        folder + "/tests/T/b.json",
        #"{"description": "d", "incident": "missing.json", "expect": {"status": "completed"}}"#)
      #expect(
        throws: ScenarioError.file(
          FileError(
            path: folder + "/tests/T/missing.json", operation: "read",
            reason: "No such file or directory"))
      ) { try Scenario.load(path: folder + "/tests/T/b.json") }
    }
  }

  @Test("paths: a folder, a playbook, one scenario; scenarios of one playbook are grouped")
  func collect() throws {
    let one = try PlaybookTests.collect([shippedPlaybooks + "/tests/T1569.002/no-grid.json"])
    #expect(one.map(\.name) == ["T1569.002"])
    #expect(one.first?.scenarios.map(\.name) == ["no-grid"])

    let grouped = try PlaybookTests.collect([
      shippedPlaybooks + "/tests/T1569.002/no-grid.json",
      shippedPlaybooks + "/T1569.002.lua",
    ])
    #expect(grouped.count == 1)
    #expect(
      grouped.first?.scenarios.map(\.name) == ["no-grid"]
        + Self.shippedScenarios.filter {
          $0 != "no-grid"
        })

    #expect(PlaybookTests.scenarioDirectory(for: "playbooks/T1.lua") == "playbooks/tests/T1")
    #expect(throws: ScenarioError.strayScenario(path: "x/a.json")) {
      try PlaybookTests.collect(["x/a.json"])
    }
    #expect(throws: ScenarioError.notATestTarget(path: shippedPlaybooks + "/README.md")) {
      try PlaybookTests.collect([shippedPlaybooks + "/README.md"])
    }
  }
}
