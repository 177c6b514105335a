import Foundation
import Testing

/// Each bad input gives one pinned line on stderr, exit code 2, nothing on stdout, the input
/// byte for byte unchanged and no file written.
@Suite("coa run: bad input")
struct BadInputTests {
  /// A workspace with the playbooks, the example incident and integrations, and `extra`
  /// files by name.
  func workspace(_ extra: [String: String] = [:]) throws -> Workspace {
    let workspace = try Workspace()
    try workspace.copyPlaybooks()
    try workspace.copyExample("incident.json")
    try workspace.copyExample("integrations.json")
    for (name, text) in extra { try workspace.write(name, text) }
    return workspace
  }

  /// Runs `arguments` and checks the outcome of bad input: `message` alone on stderr,
  /// exit 2, and every file of the workspace as it was.
  func expectRefused(
    _ arguments: [String], message: String, in workspace: Workspace,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let names = try workspace.names()
    let contents = try names.filter { !isFolder(workspace, $0) }.map { try workspace.bytes($0) }

    let outcome = try workspace.run(arguments)
    #expect(outcome.stderr == "coa: error: \(message)\n", sourceLocation: sourceLocation)
    #expect(outcome.code == 2, sourceLocation: sourceLocation)
    #expect(outcome.stdout == "", sourceLocation: sourceLocation)
    #expect(try workspace.names() == names, sourceLocation: sourceLocation)
    let after = try names.filter { !isFolder(workspace, $0) }.map { try workspace.bytes($0) }
    #expect(after == contents, sourceLocation: sourceLocation)
  }

  private func isFolder(_ workspace: Workspace, _ name: String) -> Bool {
    var folder: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: workspace.path(name).path, isDirectory: &folder)
    return folder.boolValue
  }

  /// The usual run, writing after.json, with `change` applied to the arguments.
  func arguments(incident: String = "incident.json", playbook: String = "T1569.002")
    -> [String]
  {
    [
      "run", playbook, "--playbooks", "playbooks", "--incident", incident,
      "--integrations", "integrations.json", "--output", "after.json",
    ]
  }

  @Test("a missing incident file")
  func missingFile() throws {
    try expectRefused(
      arguments(incident: "missing.json"),
      message: "cannot read missing.json: No such file or directory", in: try workspace())
  }

  @Test("an incident path that is a folder")
  func folder() throws {
    let workspace = try workspace()
    try FileManager.default.createDirectory(
      at: workspace.path("folder.json"), withIntermediateDirectories: false)
    try expectRefused(
      arguments(incident: "folder.json"), message: "cannot read folder.json: Is a directory",
      in: workspace)
  }

  @Test(
    "an unreadable incident file",
    .enabled(if: geteuid() != 0, "root reads a file whatever its mode; see the folder test"))
  func unreadable() throws {
    let workspace = try workspace(["secret.json": "{}"])
    let path = workspace.path("secret.json").path
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
    let outcome = try workspace.run(arguments(incident: "secret.json"))
    #expect(outcome.stderr == "coa: error: cannot read secret.json: Permission denied\n")
    #expect(outcome.code == 2)
    #expect(!workspace.exists("after.json"))
  }

  @Test("malformed JSON: file, line and column")
  func malformedJSON() throws {
    let text = "{\n  \"id\": \"4711\"\n  \"name\": \"x\"\n}\n"
    try expectRefused(
      arguments(incident: "broken.json"),
      message: "broken.json:3:3: expected ',' or '}' after object member",
      in: try workspace(["broken.json": text]))
  }

  @Test("malformed JSON in the integrations file")
  func malformedIntegrations() throws {
    let workspace = try workspace(["integrations.json": "[\n  {\"name\": \"x\",}\n]\n"])
    try expectRefused(
      arguments(), message: "integrations.json:2:15: trailing comma in object", in: workspace)
  }

  @Test("an incident that is not an object")
  func notAnObject() throws {
    try expectRefused(
      arguments(incident: "list.json"),
      message: "list.json: incident: expected a JSON object (found array)",
      in: try workspace(["list.json": "[{\"id\": \"4711\"}]\n"]))
  }

  @Test("an unknown technique lists the known ones")
  func unknownTechnique() throws {
    try expectRefused(
      arguments(playbook: "T9999"),
      message: "no playbook handles technique T9999 (known: T1035, T1569.002)",
      in: try workspace())
  }

  @Test("an unknown option")
  func unknownOption() throws {
    try expectRefused(
      arguments() + ["--frobnicate"],
      message: "unknown option '--frobnicate' (see coa run --help)", in: try workspace())
  }

  @Test("a playbook with a syntax error")
  func syntaxError() throws {
    let source = "function run()\n  Set { key = \"A\" value = 1 }\nend\n"
    try expectRefused(
      arguments(playbook: "broken.lua"),
      message: "broken.lua:2: syntax error: '}' expected near 'value'",
      in: try workspace(["broken.lua": source]))
  }

  @Test("a playbook with a bad header")
  func badHeader() throws {
    let source = """
      description = "Demo."
      id = "demo"
      name = "Demo"
      techniques = "T1569.002"
      phases = { "Execution" }
      outputs = {}
      function run() end

      """
    try expectRefused(
      arguments(playbook: "demo.lua"),
      message: #"demo.lua:4: header field 'techniques' must be a list of technique IDs"#
        + #" such as "T1569.002" (got string "T1569.002")"#,
      in: try workspace(["demo.lua": source]))
  }

  @Test("--output naming the incident file")
  func outputIsInput() throws {
    let workspace = try workspace()
    try expectRefused(
      [
        "run", "T1569.002", "--playbooks", "playbooks", "--incident", "incident.json",
        "--output", "./incident.json",
      ],
      message: "--output ./incident.json is the incident file itself;"
        + " use --in-place to replace the incident",
      in: workspace)
  }

  @Test("--output and --in-place together")
  func outputAndInPlace() throws {
    try expectRefused(
      arguments() + ["--in-place"],
      message: "options --output and --in-place cannot be used together", in: try workspace())
  }

  @Test("a missing --incident")
  func missingIncident() throws {
    try expectRefused(
      ["run", "T1569.002", "--playbooks", "playbooks"],
      message: "coa run needs --incident FILE", in: try workspace())
  }

  @Test("a bad limit")
  func badLimit() throws {
    try expectRefused(
      arguments() + ["--memory-limit", "lots"],
      message: "bad value 'lots' for --memory-limit (expected a whole number of MiB"
        + " from 1 to 1048576, or none)",
      in: try workspace())
  }
}
