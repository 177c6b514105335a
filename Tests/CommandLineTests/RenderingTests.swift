import CoaJSON
import PlaybookHost
import Testing

@testable import coa

@Suite("Errors, exit codes and text helpers")
struct RenderingTests {
  @Test("every error renders as one line prefixed coa: error:")
  func errorLines() throws {
    let errors: [CommandLineError] = [
      .missingCommand, .unknownCommand("x"), .unknownOption(token: "--x", command: "coa run"),
      .missingValue(option: "incident"), .unexpectedValue(option: "in-place"),
      .repeatedOption(option: "output"), .badValue(option: "format", value: "x", expected: "y"),
      .missingOption(option: "incident", placeholder: "FILE", command: "coa run"),
      .missingArgument(placeholder: "PLAYBOOK", command: "coa run"),
      .extraArguments(["a", "b"], command: "coa run"), .conflictingOptions("a", "b"),
      .outputIsInput(path: "i.json"), .unknownHelpTopic("x"),
      .cannotWrite(path: "o/x.json", reason: "its folder does not exist"),
      .malformedJSON(path: "i.json", error: JSONParseError(line: 3, column: 14, message: "m")),
      .playbook(.unknownTechnique("T9999", known: ["T1035"])),
      .unknownTechnique(.unknownTechnique("T9999", known: []), brokenFiles: 2),
    ]
    for error in errors {
      #expect(error.rendered.hasPrefix("coa: error: "))
      #expect(!error.rendered.contains("\n"))
      #expect(ExitCode(error) == .usage)
    }
  }

  @Test("pinned messages")
  func messages() {
    #expect(
      CommandLineError.malformedJSON(
        path: "incident.json", error: JSONParseError(line: 3, column: 14, message: "expected ':'")
      ).rendered == "coa: error: incident.json:3:14: expected ':'")
    #expect(
      CommandLineError.extraArguments(["a", "b"], command: "coa run").message
        == "coa run: unexpected arguments 'a', 'b'")
    #expect(
      CommandLineError.unknownTechnique(.unknownTechnique("T9", known: []), brokenFiles: 1).message
        == "no playbook handles technique T9 (known: none); 1 playbook file failed to load"
        + " (see coa list)")
  }

  @Test("exit codes: 0 completed, 1 failed or problems, 2 usage")
  func exitCodes() {
    #expect(ExitCode(RunStatus.completed) == .success)
    #expect(ExitCode(RunStatus.failed) == .failure)
    #expect(ExitCode(problemsFound: true).rawValue == 1)
    #expect(ExitCode(problemsFound: false).rawValue == 0)
    #expect(ExitCode.usage.rawValue == 2)
  }

  @Test("changes: context leaves by dotted path, custom fields by name")
  func changes() throws {
    let before = try JSONParser.parse(
      #"{"CustomFields":{"g":[],"f":1},"context":{"A":{"B":1,"C":[1]},"D":"x"}}"#)
    let after = try JSONParser.parse(
      #"{"CustomFields":{"g":[{"t":"1"}],"f":1},"context":{"A":{"B":2,"C":[1],"E":{}}}}"#)
    let changes = IncidentChanges(before: before, after: after)
    #expect(
      changes.context == [
        .changed("A.B", from: 1, to: 2), .added("A.E", [:]), .removed("D", "x"),
      ])
    #expect(changes.customFields == [.changed("g", from: [], to: [["t": "1"]])])
    #expect(IncidentChanges(before: before, after: before).isEmpty)
  }

  @Test("text helpers")
  func textHelpers() {
    #expect(TextStyle.truncated("abcdef", limit: 4) == "abc…")
    #expect(TextStyle.truncated("abc", limit: 4) == "abc")
    #expect(TextStyle.oneLine("a\nb") == "a; b")
    #expect(TextStyle.wrap("aa bb cc", width: 7, indent: "  ") == ["  aa bb", "  cc"])
    #expect(TextStyle.duration(.microseconds(1234)) == "1.2 ms")
    #expect(TextStyle.duration(.milliseconds(1500)) == "1.50 s")
    #expect(TextStyle.duration(.milliseconds(2050)) == "2.05 s")
  }
}
