import CoaJSON
import Foundation
import Testing

/// `coa batch`: JSON lines in, one record per incident out, in input order.
@Suite("coa batch")
struct BatchTests {
  /// A workspace with the playbooks and the example integrations, and `extra` files by name.
  func workspace(_ extra: [String: String] = [:]) throws -> Workspace {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.copyExample("integrations.json")
    for (name, text) in extra { try workspace.write(name, text) }
    return workspace
  }

  /// One T1569.002 incident per line, with the ids `ids`.
  func incidents(_ ids: [String]) -> String {
    ids.map { #"{"id":"\#($0)","CustomFields":{"handledtechniques":[]},"context":{}}"# }
      .joined(separator: "\n") + "\n"
  }

  /// The records on stdout, parsed one per line.
  func records(_ outcome: Outcome) throws -> [JSONValue] {
    try outcome.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
  }

  /// The summary line's pinned part, before the timing.
  func summary(_ outcome: Outcome) -> String {
    guard let range = outcome.stderr.range(of: " in ") else { return outcome.stderr }
    return String(outcome.stderr[..<range.lowerBound])
  }

  @Test("order is kept with --jobs 2 over 200 incidents; exit 0 when all complete")
  func orderWithTwoJobs() throws {
    let ids = (1...200).map { "inc-\($0)" }
    let workspace = try workspace(["in.jsonl": incidents(ids)])
    let outcome = try workspace.run([
      "batch", "T1569.002", "--playbooks", "playbooks", "--integrations", "integrations.json",
      "--jobs", "2", "--input", "in.jsonl",
    ])

    #expect(outcome.code == 0)
    #expect(summary(outcome) == "coa batch: 200 incidents: 200 completed, 0 failed, 0 invalid")
    #expect(outcome.stderr.hasSuffix("/s)\n"))
    let records = try records(outcome)
    #expect(records.count == 200)
    #expect(records.map { $0["line"] } == (1...200).map { .int(Int64($0)) })
    #expect(records.map { $0["incident", "id"]?.stringValue } == ids)
    #expect(records.allSatisfy { $0["status"] == "completed" })
    let handled = records.first?["incident", "context", "Handled", "Techniques"]
    #expect(handled == ["T1035", "T1569.002"])
  }

  @Test("a malformed line, a bad incident and a failing run give records; the rest complete")
  func errorsInTheMiddle() throws {
    let playbook = """
      local id = incident("id")
      if id == "fail" then error("incident " .. id .. " cannot be handled") end
      Set{key = "Seen", value = id}
      """
    let lines = [
      #"{"id":"a1"}"#, #"{"id":"a2"}"#, #"{"id":"a3"}"#, #"{"id": "#, "",
      #"{"id":"a6"}"#, #"{"id":"a7","CustomFields":[1]}"#, #"{"id":"fail"}"#,
      #"{"id":"a9"}"#, #"{"id":"a10"}"#,
    ]
    let workspace = try workspace([
      "marker.lua": playbook, "in.jsonl": lines.joined(separator: "\n") + "\n",
    ])
    let outcome = try workspace.run([
      "batch", "marker.lua", "--jobs", "2", "--input", "in.jsonl", "--output", "out.jsonl",
    ])

    #expect(outcome.code == 1)
    #expect(outcome.stdout == "")
    #expect(summary(outcome) == "coa batch: 9 incidents: 6 completed, 1 failed, 2 invalid")
    let text = String(decoding: try workspace.bytes("out.jsonl"), as: UTF8.self)
    let records = try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    #expect(records.map { $0["line"] } == [1, 2, 3, 4, 6, 7, 8, 9, 10])
    #expect(
      records.map { $0["status"]?.stringValue } == [
        "completed", "completed", "completed", "invalid", "completed", "invalid", "failed",
        "completed", "completed",
      ])
    #expect(
      records[3]
        == [
          "line": 4, "status": "invalid",
          "error": ["message": "line 4, column 8: unexpected end of input"],
        ])
    #expect(
      records[5]["error", "message"]
        == #"line 7: incident: "CustomFields" is not an object (found array)"#)
    #expect(records[6]["error", "kind"] == "runtime")
    #expect(records[6]["error", "message"] == "incident fail cannot be handled")
    #expect(records[6]["error", "line"] == 2)
    #expect(records[8]["incident", "context", "Seen"] == "a10")
  }

  @Test("isolation: a global and a library field set for incident 1 are gone for incident 2")
  func isolation() throws {
    // Each run records what it sees, then leaves a mark in a global and in the string
    // library (the write to the library is protected: the sandbox may refuse it).
    let playbook = """
      local id = incident("id")
      Set{key = "Seen", value = {
        global = rawget(_G, "mark") or "none",
        library = rawget(string, "mark") or "none",
      }}
      mark = id
      pcall(function() string.mark = id end)
      Set{key = "Marked", value = rawget(_G, "mark")}
      """
    let workspace = try workspace([
      "marks.lua": playbook, "in.jsonl": incidents((1...6).map { "m\($0)" }),
    ])
    for jobs in ["1", "2"] {
      let outcome = try workspace.run([
        "batch", "marks.lua", "--jobs", jobs, "--input", "in.jsonl",
      ])
      #expect(outcome.code == 0)
      let records = try records(outcome)
      #expect(records.count == 6)
      for record in records {
        #expect(record["incident", "context", "Seen"] == ["global": "none", "library": "none"])
        #expect(record["incident", "context", "Marked"] == record["incident", "id"])
      }
    }
  }

  @Test("standard input to standard output; blank lines are skipped; empty input exits 0")
  func standardStreams() throws {
    let workspace = try workspace()
    let outcome = try workspace.run(
      ["batch", "T1569.002", "--playbooks", "playbooks", "--integrations", "integrations.json"],
      standardInput: "\n" + incidents(["s1", "s2"]) + "  \n")
    #expect(outcome.code == 0)
    #expect(try records(outcome).map { $0["line"] } == [2, 3])

    let empty = try workspace.run(["batch", "T1569.002", "--playbooks", "playbooks"],
      standardInput: "")
    #expect(empty.code == 0)
    #expect(empty.stdout == "")
    #expect(summary(empty) == "coa batch: 0 incidents: 0 completed, 0 failed, 0 invalid")
  }

  @Test("a run over its limits is a failed record naming the limit")
  func limits() throws {
    let workspace = try workspace([
      "loop.lua": "if incident(\"id\") == \"spin\" then while true do end end",
      "in.jsonl": incidents(["ok", "spin", "ok2"]),
    ])
    let outcome = try workspace.run([
      "batch", "loop.lua", "--input", "in.jsonl", "--instruction-limit", "100000",
    ])
    #expect(outcome.code == 1)
    let records = try records(outcome)
    #expect(records.map { $0["status"]?.stringValue } == ["completed", "failed", "completed"])
    #expect(records[1]["error", "kind"] == "instructions")
  }

  @Test("bad usage and unreadable input exit 2 with one line on stderr")
  func usage() throws {
    let workspace = try workspace(["in.jsonl": incidents(["u1"])])
    let cases: [([String], String)] = [
      (["batch"], "coa batch needs PLAYBOOK (see coa batch --help)"),
      (["batch", "T1569.002", "--jobs", "0"],
        "bad value '0' for --jobs (expected a whole number from 1 to 256)"),
      (["batch", "T1569.002", "--playbooks", "playbooks", "--input", "missing.jsonl"],
        "cannot read missing.jsonl: No such file or directory"),
      (["batch", "T1569.002", "--playbooks", "playbooks", "--input", "in.jsonl",
        "--output", "in.jsonl"],
        "cannot write in.jsonl: it is the --input file"),
      (["batch", "T1569.002", "--bogus"], "unknown option '--bogus' (see coa batch --help)"),
    ]
    for (arguments, message) in cases {
      let outcome = try workspace.run(arguments)
      #expect(outcome.code == 2, "\(arguments)")
      #expect(outcome.stderr == "coa: error: \(message)\n")
      #expect(outcome.stdout == "")
    }
    #expect(String(decoding: try workspace.bytes("in.jsonl"), as: UTF8.self) == incidents(["u1"]))
  }
}

extension Workspace {
  /// Runs the binary with `arguments` in this folder, `standardInput` on its stdin.
  func run(_ arguments: [String], standardInput: String) throws -> Outcome {
    let binary = try #require(CoaBinary.path, "the coa executable was not built")
    let inputURL = url.deletingLastPathComponent()
      .appendingPathComponent("coa-e2e-in-\(UUID().uuidString)")
    try Data(standardInput.utf8).write(to: inputURL)
    defer { try? FileManager.default.removeItem(at: inputURL) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = url
    process.standardInput = try FileHandle(forReadingFrom: inputURL)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      code: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
