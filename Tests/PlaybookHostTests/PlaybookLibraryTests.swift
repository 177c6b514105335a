import Foundation
import Testing

@testable import PlaybookHost

/// A minimal valid playbook handling `techniques`, with `comment` as its first line.
private func playbook(_ id: String, _ techniques: [String], comment: String = "") -> String {
  let list = techniques.map { "\"\($0)\"" }.joined(separator: ", ")
  return """
    -- \(comment)
    description = [[Test playbook.]]
    id = "\(id)"
    name = "Test \(id)"
    techniques = { \(list) }
    phases = { "Execution" }
    outputs = {}
    function run() end
    """
}

@Suite("Finding playbooks by technique")
struct PlaybookLibraryTests {
  @Test func quickFindLoadsOnlyWhatMentionsTheIDAndIgnoresCase() throws {
    try withTemporaryFolder { folder in
      try writeFile(folder + "/a.lua", playbook("A", ["T1111"], comment: "see also T2222"))
      try writeFile(folder + "/b.lua", playbook("B", ["T2222", "T2222.001"]))
      try writeFile(folder + "/broken.lua", "this is not lua")

      let found = try PlaybookLibrary.quickFind("t2222", in: folder)
      #expect(found?.header?.id == "B")
      #expect(try PlaybookLibrary.quickFind("T2222.001", in: folder)?.header?.id == "B")
      #expect(try PlaybookLibrary.quickFind("T9999", in: folder) == nil)
    }
  }

  @Test func quickFindAgreesWithTheWholeLibrary() throws {
    for technique in ["T1569.002", "T1035", "T1059.001"] {
      let quick = try PlaybookLibrary.quickFind(technique, in: shippedPlaybooks)
      let whole = try PlaybookLibrary(directory: shippedPlaybooks).playbook(for: technique)
      #expect(quick?.path == whole.path)
    }
  }

  @Test func twoPlaybooksForOneTechniqueIsAnError() throws {
    try withTemporaryFolder { folder in
      try writeFile(folder + "/a.lua", playbook("A", ["T3333"]))
      try writeFile(folder + "/b.lua", playbook("B", ["T3333"]))
      #expect(
        throws: PlaybookError.duplicateTechnique(
          "T3333", paths: [folder + "/a.lua", folder + "/b.lua"])
      ) {
        try PlaybookLibrary.quickFind("T3333", in: folder)
      }
    }
  }
}

@Suite("The failure a run reports")
struct RunFailureOriginTests {
  private func run(_ source: String, wallTime: Double = 5) throws -> RunReport {
    let playbook = try Playbook(path: "adhoc.lua", source: Array(source.utf8))
    return PlaybookRunner.run(
      playbook, incident: Incident(), integrations: .none,
      limits: RunLimits(wallTime: wallTime))
  }

  @Test func aCaughtStepFailureIsNotTheCauseOfALaterLimit() throws {
    let report = try run(
      """
      pcall(step, "A", function() error("boom") end)
      while true do end
      """, wallTime: 0.3)
    #expect(report.status == .failed)
    #expect(report.failure?.kind == "time")
    #expect(report.failure?.message == "time limit exceeded (0.3 s)")
  }

  @Test func aStepFailureKeepsItsInnerLineAndTraceback() throws {
    let report = try run(
      """
      local function inner() error("boom") end
      step("outer", function()
        step("inner", function() inner() end)
      end)
      """)
    #expect(report.failure?.kind == "runtime")
    #expect(report.failure?.message == "boom")
    #expect(report.failure?.line == 1)
    #expect(report.failure?.traceback.first == "[C]: in global 'error'")
    #expect(report.failure?.traceback.contains("adhoc.lua:1: in upvalue 'inner'") == true)
  }

  @Test func aCaughtStepFailureIsNotTheCauseOfALaterError() throws {
    let report = try run(
      """
      pcall(step, "A", function() error("first") end)
      error("second")
      """)
    #expect(report.failure?.message == "second")
    #expect(report.failure?.line == 2)
  }
}

@Suite("What the host keeps counts against the memory limit")
struct HostMemoryTests {
  private func run(_ source: String) throws -> RunReport {
    let playbook = try Playbook(path: "hoard.lua", source: Array(source.utf8))
    return PlaybookRunner.run(
      playbook, incident: Incident(), integrations: .none,
      limits: RunLimits(wallTime: 20, memory: 16 << 20))
  }

  @Test(arguments: [
    "local s = ('x'):rep(2^20) for i = 1, 400 do print(s) end",
    "local s = ('x'):rep(2^20) for i = 1, 400 do log(s) end",
    "local s = ('x'):rep(2^20) for i = 1, 400 do Set{key = 'k' .. i, value = s} end",
    "local s = ('x'):rep(2^20) for i = 1, 400 do pcall(print, s) end",
  ])
  func hoardingThroughTheHostHitsTheLimit(_ source: String) throws {
    let report = try run(source)
    #expect(report.status == .failed)
    #expect(report.failure?.kind == "memory")
    #expect(report.failure?.message == "memory limit exceeded (16 MiB)")
    #expect(report.entries.count < 40)
  }

  @Test func ordinaryRunsAreNotDisturbed() throws {
    let report = try run(
      "for i = 1, 1000 do log('line ' .. i) Set{key = 'k', value = i} end")
    #expect(report.status == .completed)
  }
}
