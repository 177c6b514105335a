/// The documentation of the sandbox's `json` table, which LuaVM provides to every playbook.
///
/// Its names are checked against the `json` table of a real sandbox (EditorStubsTests), so
/// this list cannot drift from what a playbook sees.
public enum JSONHelperDocs {
  /// json.null: the JSON null.
  public static let null = LuaValueDoc(
    name: "json.null", luaType: "userdata",
    summary: "The JSON null, distinct from nil: a table field set to json.null is kept"
      + " (as null) where nil would remove it.",
    example: "Set { key = \"Alert.Owner\", value = json.null }")

  /// json.object, json.array, json.encode and json.decode.
  public static let functions: [NativeDoc] = [
    NativeDoc(
      name: "json.object",
      summary: "Marks a table (a new one when none is given) to convert to a JSON object,"
        + " even when it is empty.",
      arguments: [.init(name: "t", type: .table, summary: "The table to mark.")],
      positional: ["t"],
      returns: [.init(type: "table", summary: "The table, marked.")],
      effects: [], errors: ["Raises when the table already has a metatable."], differences: []),
    NativeDoc(
      name: "json.array",
      summary: "Marks a table (a new one when none is given) to convert to a JSON array,"
        + " even when it is empty.",
      arguments: [.init(name: "t", type: .table, summary: "The table to mark.")],
      positional: ["t"],
      returns: [.init(type: "table", summary: "The table, marked.")],
      effects: [], errors: ["Raises when the table already has a metatable."], differences: []),
    NativeDoc(
      name: "json.encode",
      summary: "The JSON text of a value, compact unless pretty is true.",
      arguments: [
        .init(name: "value", type: .value, isRequired: true, summary: "The value to encode."),
        .init(
          name: "pretty", type: .boolean, defaultValue: "false",
          summary: "true indents by two spaces."),
      ],
      positional: ["value", "pretty"],
      returns: [.init(type: "string", summary: "The JSON text.")],
      effects: [],
      errors: ["Raises on values JSON cannot hold: functions, cycles, NaN, excessive depth."],
      differences: []),
    NativeDoc(
      name: "json.decode",
      summary: "The value a JSON text holds; null becomes json.null.",
      arguments: [.init(name: "text", type: .string, isRequired: true, summary: "The JSON text.")],
      positional: ["text"],
      returns: [.init(type: "any", summary: "The decoded value.")],
      effects: [], errors: ["Raises on malformed JSON, naming where."], differences: []),
  ]
}
