import CoaJSON

/// Why a new playbook was not written. Facts only; `description` is the one renderer.
public enum PlaybookTemplateError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Not a MITRE ATT&CK technique ID.
  case badTechnique(String)
  /// The name is empty or spans lines.
  case badName(String)
  /// The phase is empty or spans lines.
  case badPhase(String)
  /// A file is already there; nothing is overwritten.
  case alreadyExists(path: String)
  /// A file or folder could not be written.
  case file(FileError)

  /// One line saying what is wrong.
  public var description: String {
    switch self {
    case .badTechnique(let text):
      return "'\(text)' is not a technique ID (T and four digits, optionally a dot and three"
        + " more: T1059, T1569.002)"
    case .badName(let text):
      return "bad playbook name '\(text)' (one line of text, not empty)"
    case .badPhase(let text):
      return "bad phase '\(text)' (one line of text, not empty)"
    case .alreadyExists(let path):
      return "\(path) already exists"
    case .file(let error):
      return error.description
    }
  }
}

/// A new playbook for a technique, modelled on the shipped ones, and a scenario to start its
/// tests from: what `coa new` writes.
public struct PlaybookTemplate: Hashable, Sendable {
  /// The name of the starter scenario.
  public static let starterScenario = "xdr-available"
  /// The phase written when none is given: it passes validation and asks to be changed.
  public static let placeholderPhase = "Unknown"

  /// The technique ID, upper case.
  public let technique: String
  /// The playbook's display name.
  public let name: String
  /// The kill chain phase, or nil for the placeholder.
  public let phase: String?

  /// A template for `technique` (any letter case) called `name`.
  public init(technique: String, name: String, phase: String? = nil)
    throws(PlaybookTemplateError)
  {
    let id = technique.uppercased()
    guard PlaybookHeader.isTechniqueID(id) else { throw .badTechnique(technique) }
    guard Self.isOneLine(name) else { throw .badName(name) }
    if let phase, !Self.isOneLine(phase) { throw .badPhase(phase) }
    self.technique = id
    self.name = name
    self.phase = phase
  }

  /// The name of the manual task the skeleton hands to the analyst.
  public var remediationTask: String { "Manual - Remediate \(technique)" }

  /// The playbook file's path in `directory`: DIR/TECHNIQUE.lua.
  public func playbookPath(in directory: String) -> String {
    EditorStubs.join(directory, "\(technique).lua")
  }

  /// The starter scenario's path in `directory`: DIR/tests/TECHNIQUE/xdr-available.json.
  public func scenarioPath(in directory: String) -> String {
    EditorStubs.join(
      PlaybookTests.scenarioDirectory(for: playbookPath(in: directory)),
      "\(Self.starterScenario).json")
  }

  /// Writes the playbook and its starter scenario into `directory` and returns their paths;
  /// refuses, writing nothing, when either is already there.
  public func write(into directory: String) throws(PlaybookTemplateError) -> [String] {
    let playbook = playbookPath(in: directory)
    let scenario = scenarioPath(in: directory)
    if let existing = [playbook, scenario].first(where: FileSystem.exists) {
      throw .alreadyExists(path: existing)
    }
    try Self.create(source, at: playbook)
    try Self.create(scenarioText, at: scenario)
    return [playbook, scenario]
  }

  /// The playbook's Lua source.
  public var source: String {
    let phaseLine =
      phase.map { "phases = { \(Self.luaString($0)) }" }
      ?? "phases = { \(Self.luaString(Self.placeholderPhase)) }"
      + "  -- the kill chain phases, such as \"Execution\""
    return """
      description = [[
      Write here what this playbook remediates and how: the technique, what an
      adversary does with it, and the courses of action the steps below take.
      ]]

      ---
      -- @usage coa run \(technique) --incident incident.json --integrations integrations.json
      -- @output Handled.Techniques  the techniques handled in this playbook
      ---

      id = \(Self.luaString(technique))
      name = \(Self.luaString(name))
      techniques = { \(Self.luaString(technique)) }
      \(phaseLine)
      outputs = {
        { path = "Handled.Techniques", description = "The techniques handled in this playbook" },
      }

      local XDR_BRAND = "Cortex XDR - IR"
      -- A list, so that Handled.Techniques is a list and fills the grid even when it was empty.
      local HANDLED = { \(Self.luaString(technique)) }

      function run()
        local xdr_enabled = step("Is Cortex XDR integration enabled?", function()
          return IsIntegrationAvailable { brandname = XDR_BRAND }
        end)

        if not xdr_enabled then
          manual("Manual - Enable Cortex XDR integration",
            "Enable the Cortex XDR - IR integration. If you do not have a Cortex XDR "
              .. "license, contact your Palo Alto Networks account manager.")
        end

        manual(\(Self.luaString(remediationTask)),
          "Write here what the analyst must do to remediate the technique.")

        step("Set technique handled", function()
          Set { key = "Handled.Techniques", value = HANDLED, append = true }
        end)

        step("Set grid field", { continue_on_error = true }, function()
          SetGridField {
            grid_id = "handledtechniques",
            context_path = "Handled.Techniques",
            columns = "technique",
          }
        end)

        step("Done")
      end

      """
  }

  /// The starter scenario: XDR available on a fresh incident with the grid.
  public var scenarioText: String {
    let scenario: JSONValue = [
      "description": .string(
        "XDR available on a fresh incident with the handledtechniques grid: the remediation"
          + " task, the technique handled and listed in the grid"),
      "incident": ["id": "1", "CustomFields": ["handledtechniques": []], "context": [:]],
      "integrations": [
        ["name": "Cortex XDR - IR_instance_1", "brand": "Cortex XDR - IR", "state": "active"]
      ],
      "expect": [
        "status": "completed",
        "context": ["Handled.Techniques": [.string(technique)]],
        "grids": ["handledtechniques": [["technique": .string(technique)]]],
        "manualTasks": [.string(remediationTask)],
        "failedSteps": [],
      ],
    ]
    return JSONWriter.writeString(scenario, pretty: true) + "\n"
  }

  // MARK: - Internals

  /// Creates the file at `path` (and its folder) only if nothing is there.
  private static func create(_ text: String, at path: String) throws(PlaybookTemplateError) {
    let created: Bool
    do {
      try FileSystem.makeDirectories(FileSystem.directory(of: path))
      created = try FileSystem.createNew(Array(text.utf8), at: path)
    } catch {
      throw .file(error)
    }
    guard created else { throw .alreadyExists(path: path) }
  }

  private static func isOneLine(_ text: String) -> Bool {
    !text.isEmpty && !text.contains("\n") && !text.contains("\r")
  }

  /// `text` as a double-quoted Lua string.
  static func luaString(_ text: String) -> String {
    var quoted = "\""
    for character in text {
      switch character {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      default: quoted.append(character)
      }
    }
    return quoted + "\""
  }
}
