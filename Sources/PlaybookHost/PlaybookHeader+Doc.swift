extension PlaybookHeader {
  /// The header fields in the order a playbook must assign them, with what each holds: the
  /// one list that `fieldOrder`, the editor definitions and the authors' guide read.
  public static let fields: [LuaValueDoc] = [
    LuaValueDoc(
      name: "description", luaType: "string",
      summary: "What the playbook remediates, and how: a few sentences, usually a long"
        + " string [[ ... ]].",
      example: "description = [[Remediates Service Execution with Cortex XDR.]]"),
    LuaValueDoc(
      name: "id", luaType: "string",
      summary: "A short stable identifier; by convention the main technique ID.",
      example: "id = \"T1569.002\""),
    LuaValueDoc(
      name: "name", luaType: "string",
      summary: "The display name: XSOAR's playbook name.",
      example: "name = \"MITRE ATT&CK CoA - T1569.002 - Service Execution\""),
    LuaValueDoc(
      name: "techniques", luaType: "string[]",
      summary: "The MITRE ATT&CK technique IDs handled (T and four digits, optionally a dot"
        + " and three more), former IDs included; coa run finds playbooks by them.",
      example: "techniques = { \"T1569.002\", \"T1035\" }"),
    LuaValueDoc(
      name: "phases", luaType: "string[]",
      summary: "The kill chain phases the techniques belong to.",
      example: "phases = { \"Execution\" }"),
    LuaValueDoc(
      name: "outputs", luaType: "{ path: string, description: string }[]",
      summary: "The context paths the playbook writes, each with what it holds.",
      example: "outputs = { { path = \"Handled.Techniques\", description = \"The techniques"
        + " handled\" } }"),
  ]

  /// The function every playbook with a header defines: its body.
  public static let runDoc = NativeDoc(
    name: "run",
    summary: "The playbook's body: coa calls it once the header has been read. The natives"
      + " work only from here on.",
    arguments: [], positional: [], returns: [], effects: [], errors: [], differences: [])
}
