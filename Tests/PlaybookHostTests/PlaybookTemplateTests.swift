import CoaJSON
import Foundation
import Testing

@testable import PlaybookHost

@Suite("New playbooks from the template")
struct PlaybookTemplateTests {
  @Test("the new playbook loads with its header filled in")
  func header() throws {
    let template = try PlaybookTemplate(
      technique: "t1059.003", name: #"CoA - "Windows" \ Shell"#, phase: "Execution")
    let playbook = try Playbook(path: "T1059.003.lua", source: Array(template.source.utf8))
    let header = try #require(playbook.header)
    #expect(header.id == "T1059.003")
    #expect(header.name == #"CoA - "Windows" \ Shell"#)
    #expect(header.techniques == ["T1059.003"])
    #expect(header.phases == ["Execution"])
    #expect(header.outputs.map(\.path) == ["Handled.Techniques"])
    #expect(template.source.hasPrefix("description = [[\nWrite here what this playbook"))
  }

  @Test("without a phase, a placeholder that passes validation and asks to be changed")
  func placeholderPhase() throws {
    let template = try PlaybookTemplate(technique: "T1234", name: "N")
    let playbook = try Playbook(path: "T1234.lua", source: Array(template.source.utf8))
    #expect(playbook.header?.phases == ["Unknown"])
    #expect(template.source.contains(#"phases = { "Unknown" }  -- the kill chain phases"#))
  }

  @Test("the playbook passes its starter scenario, and lints clean")
  func starterScenarioPasses() throws {
    try withTemporaryFolder { folder in
      let template = try PlaybookTemplate(technique: "T1234", name: "MITRE ATT&CK CoA - T1234")
      let written = try template.write(into: folder + "/playbooks")
      #expect(
        written == [
          folder + "/playbooks/T1234.lua", folder + "/playbooks/tests/T1234/xdr-available.json",
        ])

      let suites = try PlaybookTests.collect([folder + "/playbooks"])
      let results = try #require(suites.first).run()
      #expect(results.map(\.scenario.name) == ["xdr-available"])
      let problems = results.flatMap(\.mismatches).map(\.description)
      #expect(problems.isEmpty, "\(problems)")
    }
  }

  @Test("it never overwrites: an existing playbook or scenario stops it, and stays as it was")
  func refusesToOverwrite() throws {
    try withTemporaryFolder { folder in
      let template = try PlaybookTemplate(technique: "T1234", name: "N")
      try writeFile(folder + "/T1234.lua", "-- mine\n")
      #expect(throws: PlaybookTemplateError.alreadyExists(path: folder + "/T1234.lua")) {
        try template.write(into: folder)
      }
      #expect(try readFile(folder + "/T1234.lua") == "-- mine\n")
      #expect(!FileManager.default.fileExists(atPath: folder + "/tests/T1234/xdr-available.json"))

      try FileManager.default.removeItem(atPath: folder + "/T1234.lua")
      try writeFile(folder + "/tests/T1234/xdr-available.json", "{}")
      #expect(
        throws: PlaybookTemplateError.alreadyExists(
          path: folder + "/tests/T1234/xdr-available.json")
      ) { try template.write(into: folder) }
      #expect(!FileManager.default.fileExists(atPath: folder + "/T1234.lua"))
      #expect(
        PlaybookTemplateError.alreadyExists(path: "playbooks/T1234.lua").description
          == "playbooks/T1234.lua already exists")
    }
  }

  @Test("createNew creates only where nothing is")
  func createNew() throws {
    try withTemporaryFolder { folder in
      #expect(try FileSystem.createNew(Array("a".utf8), at: folder + "/f"))
      #expect(try !FileSystem.createNew(Array("b".utf8), at: folder + "/f"))
      #expect(try readFile(folder + "/f") == "a")
      try FileSystem.makeDirectories(folder + "/x/y/z")
      #expect(FileSystem.isDirectory(folder + "/x/y/z"))
    }
  }

  @Test("bad techniques and names are refused")
  func badInput() {
    #expect(throws: PlaybookTemplateError.badTechnique("T12")) {
      try PlaybookTemplate(technique: "T12", name: "N")
    }
    #expect(throws: PlaybookTemplateError.badName("")) {
      try PlaybookTemplate(technique: "T1234", name: "")
    }
    #expect(throws: PlaybookTemplateError.badPhase("a\nb")) {
      try PlaybookTemplate(technique: "T1234", name: "N", phase: "a\nb")
    }
    #expect(
      PlaybookTemplateError.badTechnique("T12").description
        == "'T12' is not a technique ID (T and four digits, optionally a dot and three more:"
        + " T1059, T1569.002)")
  }
}
