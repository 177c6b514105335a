import PlaybookHost
import Testing

@testable import coa

@Suite("Command")
struct CommandTests {
  func parse(_ tokens: [String], terminal: Bool = false) throws(CommandLineError) -> Command {
    try Command.parse(tokens, stdoutIsTerminal: terminal)
  }

  func runOptions(_ tokens: [String], terminal: Bool = false) throws -> RunOptions {
    guard case .run(let options) = try parse(["run"] + tokens, terminal: terminal) else {
      Issue.record("not a run command")
      throw CommandLineError.missingCommand
    }
    return options
  }

  @Test("run with the defaults")
  func runDefaults() throws {
    let options = try runOptions(["T1569.002", "--incident", "i.json"])
    #expect(options.playbook == "T1569.002")
    #expect(options.incident == "i.json")
    #expect(options.integrations == nil)
    #expect(options.playbooks == nil)
    #expect(options.destination == .none)
    #expect(options.format == .json)
    #expect(options.limits == RunLimits())
    #expect(try runOptions(["x", "--incident", "i"], terminal: true).format == .text)
  }

  @Test("run with every option")
  func runEverything() throws {
    let options = try runOptions([
      "p.lua", "--incident=i.json", "--integrations", "n.json", "--playbooks", "dir",
      "--output", "o.json", "--format", "text", "--time-limit", "0.5", "--memory-limit", "8",
      "--instruction-limit", "1000",
    ])
    #expect(options.integrations == "n.json")
    #expect(options.playbooks == "dir")
    #expect(options.destination == .file("o.json"))
    #expect(options.format == .text)
    #expect(options.limits == RunLimits(wallTime: 0.5, memory: 8 << 20, instructions: 1000))
    #expect(try runOptions(["p", "--incident", "i", "--in-place"]).destination == .inPlace)
  }

  @Test("none lifts a limit")
  func noLimits() throws {
    let options = try runOptions([
      "p", "--incident", "i", "--time-limit", "none", "--memory-limit", "none",
      "--instruction-limit", "none",
    ])
    #expect(options.limits == RunLimits.none)
  }

  @Test(
    "bad limit values",
    arguments: [
      ("time-limit", "0"), ("time-limit", "-1"), ("time-limit", "inf"), ("time-limit", "soon"),
      ("memory-limit", "0"), ("memory-limit", "1.5"), ("memory-limit", "1048577"),
      ("instruction-limit", "0"), ("instruction-limit", "many"),
    ])
  func badLimits(option: String, value: String) throws {
    #expect(throws: CommandLineError.self) {
      try parse(["run", "p", "--incident", "i", "--\(option)", value])
    }
  }

  @Test("run usage errors")
  func runUsage() {
    #expect(throws: CommandLineError.missingArgument(placeholder: "PLAYBOOK", command: "coa run")) {
      try parse(["run", "--incident", "i"])
    }
    #expect(
      throws: CommandLineError.missingOption(
        option: "incident", placeholder: "FILE", command: "coa run")
    ) {
      try parse(["run", "p"])
    }
    #expect(throws: CommandLineError.extraArguments(["q"], command: "coa run")) {
      try parse(["run", "p", "q", "--incident", "i"])
    }
    #expect(throws: CommandLineError.conflictingOptions("output", "in-place")) {
      try parse(["run", "p", "--incident", "i", "--output", "o", "--in-place"])
    }
    #expect(
      throws: CommandLineError.badValue(
        option: "format", value: "xml", expected: "text or json")
    ) {
      try parse(["run", "p", "--incident", "i", "--format", "xml"])
    }
  }

  @Test("help in every spelling; --help wins over other problems, but not after --")
  func help() throws {
    #expect(try parse(["--help"]) == .help(nil))
    #expect(try parse(["-h"]) == .help(nil))
    #expect(try parse(["help"]) == .help(nil))
    #expect(try parse(["help", "check"]) == .help(.check))
    #expect(try parse(["run", "--frob", "--help"]) == .help(.run))
    #expect(try parse(["list", "-h"]) == .help(.list))
    #expect(throws: CommandLineError.unknownHelpTopic("frob")) { try parse(["help", "frob"]) }
    #expect(throws: CommandLineError.extraArguments(["--help"], command: "coa run")) {
      try parse(["run", "p", "--incident", "i", "--", "--help"])
    }
  }

  @Test("list, check and version")
  func others() throws {
    #expect(try parse(["list"]) == .list(playbooks: nil, format: .json))
    #expect(
      try parse(["list", "--playbooks=p"], terminal: true) == .list(playbooks: "p", format: .text))
    #expect(try parse(["check", "a.lua", "b.lua"]) == .check(paths: ["a.lua", "b.lua"]))
    #expect(try parse(["--version"]) == .version)
    #expect(throws: CommandLineError.extraArguments(["x"], command: "coa list")) {
      try parse(["list", "x"])
    }
  }

  @Test("missing and unknown commands")
  func unknownCommands() {
    #expect(throws: CommandLineError.missingCommand) { try parse([]) }
    #expect(throws: CommandLineError.unknownCommand("frob")) { try parse(["frob"]) }
    #expect(throws: CommandLineError.unknownOption(token: "--frob", command: "coa")) {
      try parse(["--frob"])
    }
  }
}
