import Testing

@testable import coa

@Suite("Arguments")
struct ArgumentsTests {
  let table = OptionTable(valued: ["incident", "output"], flags: ["in-place", "help"])

  func parse(_ tokens: [String]) throws(CommandLineError) -> Arguments {
    try Arguments.parse(tokens, table: table, command: "coa run")
  }

  @Test("--opt value and --opt=value give the same value")
  func valueForms() throws {
    let spaced = try parse(["--incident", "a.json"])
    let joined = try parse(["--incident=a.json"])
    #expect(spaced.value("incident") == "a.json")
    #expect(spaced == joined)
  }

  @Test("an = value may be empty, contain = and start with -")
  func equalsValues() throws {
    #expect(try parse(["--output="]).value("output") == "")
    #expect(try parse(["--output=a=b"]).value("output") == "a=b")
    #expect(try parse(["--output=-x.json"]).value("output") == "-x.json")
  }

  @Test("flags, positionals and options mix in any order")
  func mixed() throws {
    let arguments = try parse(["T1569.002", "--in-place", "--incident", "i.json", "extra"])
    #expect(arguments.positionals == ["T1569.002", "extra"])
    #expect(arguments.has("in-place"))
    #expect(!arguments.has("help"))
    #expect(arguments.value("output") == nil)
  }

  @Test("-- ends the options; - alone is positional")
  func endOfOptions() throws {
    let arguments = try parse(["-", "--", "--incident", "-x"])
    #expect(arguments.positionals == ["-", "--incident", "-x"])
    #expect(arguments.value("incident") == nil)
  }

  @Test("-h is --help")
  func shortHelp() throws {
    #expect(try parse(["-h"]).has("help"))
  }

  @Test("an unknown option is named as written")
  func unknown() {
    #expect(throws: CommandLineError.unknownOption(token: "--frob", command: "coa run")) {
      try parse(["--frob"])
    }
    #expect(throws: CommandLineError.unknownOption(token: "--frob=1", command: "coa run")) {
      try parse(["--frob=1"])
    }
    #expect(throws: CommandLineError.unknownOption(token: "-x", command: "coa run")) {
      try parse(["-x"])
    }
    #expect(throws: CommandLineError.unknownOption(token: "-incident", command: "coa run")) {
      try parse(["-incident", "a.json"])
    }
  }

  @Test("a valued option at the end, or followed by an option, misses its value")
  func missingValue() {
    #expect(throws: CommandLineError.missingValue(option: "incident")) {
      try parse(["--incident"])
    }
    #expect(throws: CommandLineError.missingValue(option: "output")) {
      try parse(["--output", "--in-place"])
    }
  }

  @Test("a flag with a value, and an option given twice, are errors")
  func misuse() {
    #expect(throws: CommandLineError.unexpectedValue(option: "in-place")) {
      try parse(["--in-place=yes"])
    }
    #expect(throws: CommandLineError.repeatedOption(option: "incident")) {
      try parse(["--incident", "a", "--incident=b"])
    }
    #expect(throws: CommandLineError.repeatedOption(option: "in-place")) {
      try parse(["--in-place", "--in-place"])
    }
  }

  @Test("no tokens, nothing parsed")
  func empty() throws {
    #expect(try parse([]) == Arguments.parse([], table: OptionTable(), command: "coa"))
  }
}
