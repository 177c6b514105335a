import CoaJSON
import Testing

@testable import PlaybookHost

/// How the natives take their arguments from Lua: misuse in Lua's own voice with the
/// playbook's file and line, XSOAR's string forms, defaults for missing or empty arguments,
/// and the positional shorthand (semantics.md, "Arguments").
@Suite("Native arguments conformance, through Lua")
struct ArgumentsConformanceTests {
  /// "[false,"<message>"]": what `out(pcall(...))` hands back for an error.
  static func caught(_ message: String) -> String {
    "[false,\(JSONWriter.writeString(.string(message)))]"
  }

  // MARK: - Misuse in Lua's voice

  static let misuse: [LuaCase] = [
    LuaCase(
      "Set() raises in Lua's voice at the playbook's line, and is recorded",
      lua: "Set()",
      context: "<absent>",
      entries: ["Set failed at 1: bad argument #1 to 'Set' (table expected, got no value)"],
      failure: "conformance.lua:1: bad argument #1 to 'Set' (table expected, got no value)",
      calls: ["Set {}"]),
    LuaCase(
      "Set(nil) raises table expected, got nil",
      lua: """
        local techniques = {"T1035"}
        Set(nil)
        """,
      context: "<absent>",
      entries: ["Set failed at 2: bad argument #1 to 'Set' (table expected, got nil)"],
      failure: "conformance.lua:2: bad argument #1 to 'Set' (table expected, got nil)"),
    LuaCase(
      "SetGridField(nil) raises table expected, got nil",
      lua: """
        local function fill()
          SetGridField(nil)
        end
        fill()
        """,
      context: "<absent>",
      entries: [
        "SetGridField failed at 2: bad argument #1 to 'SetGridField' (table expected, got nil)"
      ],
      failure: "conformance.lua:2: bad argument #1 to 'SetGridField' (table expected, got nil)"),
    LuaCase(
      "pcall catches misuse: called by pcall directly Lua gives no location, through a"
        + " function it does",
      lua: """
        out(pcall(Set))
        out(pcall(function() Set(nil) end))
        out(pcall(IsIntegrationAvailable, true))
        """,
      context: "<absent>",
      returns: [
        caught("bad argument #1 to 'Set' (table expected, got no value)"),
        caught("conformance.lua:2: bad argument #1 to 'Set' (table expected, got nil)"),
        caught("bad argument #1 to 'IsIntegrationAvailable' (table expected, got boolean)"),
      ],
      entries: [
        "Set failed at 1: bad argument #1 to 'Set' (table expected, got no value)",
        "Set failed at 2: bad argument #1 to 'Set' (table expected, got nil)",
        "IsIntegrationAvailable failed at 3: bad argument #1 to 'IsIntegrationAvailable'"
          + " (table expected, got boolean)",
      ]),
    LuaCase(
      "an unknown argument name in the table form",
      lua: """
        out(pcall(Set, {key = "A", value = 1, apend = true}))
        out(pcall(SetGridField, {grid = "g"}))
        """,
      context: "<absent>",
      returns: [
        caught(
          "bad argument #1 to 'Set' (unknown argument 'apend'"
            + " (Set takes key, value, append, stringify))"),
        caught(
          "bad argument #1 to 'SetGridField' (unknown argument 'grid' (SetGridField takes"
            + " grid_id, context_path, columns, keys, overwrite, sort_by,"
            + " unpack_nested_elements, keys_from_nested))"),
      ],
      entries: [
        "Set failed at 1: bad argument #1 to 'Set' (unknown argument 'apend'"
          + " (Set takes key, value, append, stringify))",
        "SetGridField failed at 2: bad argument #1 to 'SetGridField' (unknown argument 'grid'"
          + " (SetGridField takes grid_id, context_path, columns, keys, overwrite, sort_by,"
          + " unpack_nested_elements, keys_from_nested))",
      ]),
    LuaCase(
      "too many positional arguments, in the table or in the call",
      lua: """
        out(pcall(Set, {"A", 1, true}))
        out(pcall(Set, "A", 1, true))
        out(pcall(IsIntegrationAvailable, "a", "b"))
        """,
      context: "<absent>",
      returns: [
        caught(
          "bad argument #1 to 'Set' (too many positional arguments"
            + " (Set takes 2 positional arguments, 'key', 'value'))"),
        caught(
          "bad argument #3 to 'Set' (too many arguments"
            + " (Set takes 2 positional arguments, 'key', 'value'))"),
        caught(
          "bad argument #2 to 'IsIntegrationAvailable' (too many arguments"
            + " (IsIntegrationAvailable takes 1 positional argument, 'brandname'))"),
      ],
      entries: [
        "Set failed at 1: bad argument #1 to 'Set' (too many positional arguments"
          + " (Set takes 2 positional arguments, 'key', 'value'))",
        "Set failed at 2: bad argument #3 to 'Set' (too many arguments"
          + " (Set takes 2 positional arguments, 'key', 'value'))",
        "IsIntegrationAvailable failed at 3: bad argument #2 to 'IsIntegrationAvailable'"
          + " (too many arguments (IsIntegrationAvailable takes 1 positional argument,"
          + " 'brandname'))",
      ]),
    LuaCase(
      "an argument given both by position and by name",
      lua: #"out(pcall(Set, {"A", 1, key = "B"}))"#,
      context: "<absent>",
      returns: [caught("bad argument #1 to 'Set' (argument 'key' given twice)")],
      entries: ["Set failed at 1: bad argument #1 to 'Set' (argument 'key' given twice)"]),
    LuaCase(
      "a table with keys that are neither names nor a sequence",
      lua: #"out(pcall(Set, {key = "A", value = 1, [10] = 2}))"#,
      context: "<absent>",
      returns: [
        caught(
          "bad argument #1 to 'Set' (argument table may hold only named arguments and"
            + " 2 positional arguments, 'key', 'value')")
      ],
      entries: [
        "Set failed at 1: bad argument #1 to 'Set' (argument table may hold only named"
          + " arguments and 2 positional arguments, 'key', 'value')"
      ]),
    LuaCase(
      "a function inside a value names its path",
      lua: """
        out(pcall(Set, {key = "A", value = {1, {f = function() end}}}))
        out(pcall(Set, "A", {g = {function() end}}))
        """,
      context: "<absent>",
      returns: [
        caught("bad argument #1 to 'Set' (value[2].f: cannot convert a function to JSON)"),
        caught("bad argument #2 to 'Set' (value.g[1]: cannot convert a function to JSON)"),
      ],
      entries: [
        "Set failed at 1: bad argument #1 to 'Set' (value[2].f: cannot convert a function"
          + " to JSON)",
        "Set failed at 2: bad argument #2 to 'Set' (value.g[1]: cannot convert a function"
          + " to JSON)",
      ]),
  ]

  // MARK: - Argument values

  static let values: [LuaCase] = [
    LuaCase(
      "a boolean argument that is not boolean-like is an error naming the argument",
      lua: """
        out(pcall(Set, {key = "A", value = 1, append = "maybe"}))
        out(pcall(Set, {key = "A", value = 1, stringify = "1"}))
        out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "v",
          overwrite = 1}))
        """,
      context: "<absent>",
      returns: [
        caught(
          "bad argument 'append' to 'Set' (true, yes, false or no expected,"
            + " got string \"maybe\")"),
        caught(
          "bad argument 'stringify' to 'Set' (true, yes, false or no expected,"
            + " got string \"1\")"),
        caught(
          "bad argument 'overwrite' to 'SetGridField' (true, yes, false or no expected,"
            + " got number 1)"),
      ],
      entries: [
        "Set failed at 1: bad argument 'append' to 'Set' (true, yes, false or no expected,"
          + " got string \"maybe\")",
        "Set failed at 2: bad argument 'stringify' to 'Set' (true, yes, false or no expected,"
          + " got string \"1\")",
        "SetGridField failed at 3: bad argument 'overwrite' to 'SetGridField' (true, yes,"
          + " false or no expected, got number 1)",
      ],
      calls: [
        #"Set {"key":"A","value":1,"append":"maybe"}"#,
        #"Set {"key":"A","value":1,"stringify":"1"}"#,
        #"SetGridField {"grid_id":"g","context_path":"L","columns":"v","overwrite":1}"#,
      ]),
    LuaCase(
      "a boolean error raised outside pcall fails the run at the call's line",
      lua: """
        Set{key = "A", value = 1}
        Set{key = "B", value = 2,
          append = "maybe"}
        """,
      context: #"{"A":1}"#,
      entries: [
        "Set: Key A set",
        "Set failed at 2: bad argument 'append' to 'Set' (true, yes, false or no expected,"
          + " got string \"maybe\")",
      ],
      failure: "conformance.lua:2: bad argument 'append' to 'Set' (true, yes, false or no"
        + " expected, got string \"maybe\")"),
    LuaCase(
      "required arguments: missing, nil, json.null or empty",
      lua: """
        out(pcall(Set, {key = "A"}))
        out(pcall(Set, {key = "A", value = json.null}))
        out(pcall(Set, {key = " ", value = 1}))
        out(pcall(Set, {key = 5, value = 1}))
        out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = ""}))
        """,
      context: "<absent>",
      returns: [
        caught("bad argument 'value' to 'Set' (value expected, got no value)"),
        caught("bad argument 'value' to 'Set' (value expected, got no value)"),
        caught("bad argument 'key' to 'Set' (string expected, got no value)"),
        caught("bad argument 'key' to 'Set' (string expected, got number 5)"),
        caught("bad argument 'columns' to 'SetGridField' (list expected, got no value)"),
      ],
      entries: [
        "Set failed at 1: bad argument 'value' to 'Set' (value expected, got no value)",
        "Set failed at 2: bad argument 'value' to 'Set' (value expected, got no value)",
        "Set failed at 3: bad argument 'key' to 'Set' (string expected, got no value)",
        "Set failed at 4: bad argument 'key' to 'Set' (string expected, got number 5)",
        "SetGridField failed at 5: bad argument 'columns' to 'SetGridField'"
          + " (list expected, got no value)",
      ]),
    LuaCase(
      "list arguments that are not lists of names",
      lua: """
        out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = {a = 1}}))
        out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = {{"a"}}}))
        out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "!!"}))
        out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "a, b",
          keys = "*, a"}))
        """,
      context: "<absent>",
      returns: [
        caught("bad argument 'columns' to 'SetGridField' (list expected, got object)"),
        caught("bad argument 'columns' to 'SetGridField' (list of strings expected, got array)"),
        caught("column \"!!\" keeps no ASCII letter, digit or underscore"),
        caught("keys: \"*\" must be the only key"),
      ],
      entries: [
        "SetGridField failed at 1: bad argument 'columns' to 'SetGridField'"
          + " (list expected, got object)",
        "SetGridField failed at 2: bad argument 'columns' to 'SetGridField'"
          + " (list of strings expected, got array)",
        "SetGridField failed at 3: column \"!!\" keeps no ASCII letter, digit or underscore",
        "SetGridField failed at 4: keys: \"*\" must be the only key",
      ]),
    LuaCase(
      "a list argument: a Lua sequence, a JSON array in a string or trimmed comma pieces",
      lua: """
        SetGridField{grid_id = "a", context_path = "L", columns = {"x", "y"}}
        SetGridField{grid_id = "b", context_path = "L", columns = '["x","y"]'}
        SetGridField{grid_id = "c", context_path = "L", columns = " x ,y , "}
        """,
      incident: #"{"CustomFields":{"a":[],"b":[],"c":[]},"context":{"L":[{"p":1,"q":2}]}}"#,
      context: #"{"L":[{"p":1,"q":2}]}"#,
      customFields: #"{"a":[{"x":1,"y":2}],"b":[{"x":1,"y":2}],"c":[{"x":1,"y":2}]}"#,
      entries: [
        "SetGridField: Grid a set from L (1 row)",
        "SetGridField: Grid b set from L (1 row)",
        "SetGridField: Grid c set from L (1 row)",
      ]),
    LuaCase(
      "defaults apply to empty arguments as to missing ones",
      lua: """
        SetGridField{grid_id = "a", context_path = "L", columns = "name, info"}
        SetGridField{grid_id = "b", context_path = "L", columns = "name, info", keys = "",
          overwrite = "", sort_by = "", unpack_nested_elements = "", keys_from_nested = ""}
        Set{key = "A", value = "5", append = "", stringify = ""}
        """,
      incident: #"{"CustomFields":{"a":[{"old":1}],"b":[{"old":1}]},"#
        + #""context":{"L":[{"n":"h","i":{"ip":"1.2.3.4"}},{"n":"g","i":{"ip":"::1"}}]}}"#,
      context: #"{"L":[{"n":"h","i":{"ip":"1.2.3.4"}},{"n":"g","i":{"ip":"::1"}}],"A":5}"#,
      customFields: #"{"a":[{"name":"h","info":"ip: 1.2.3.4"},{"name":"g","info":"ip: ::1"}],"#
        + #""b":[{"name":"h","info":"ip: 1.2.3.4"},{"name":"g","info":"ip: ::1"}]}"#,
      entries: [
        "SetGridField: Grid a set from L (2 rows)",
        "SetGridField: Grid b set from L (2 rows)",
        "Set: Key A set",
      ]),
  ]

  // MARK: - Positional shorthand

  static let positional: [LuaCase] = [
    LuaCase(
      "Set's positional forms are the table form",
      lua: """
        out(Set("A.B", "5"))
        Set{"A.C", "[1]", append = true}
        Set{key = "A.D", value = "x"}
        Set("A.E", 7)
        """,
      context: #"{"A":{"B":5,"C":[1],"D":"x","E":7}}"#,
      returns: ["[5]"],
      entries: ["Set: Key A.B set", "Set: Key A.C set", "Set: Key A.D set", "Set: Key A.E set"],
      calls: [
        #"Set {"key":"A.B","value":"5"}"#,
        #"Set {"key":"A.C","value":"[1]","append":true}"#,
        #"Set {"key":"A.D","value":"x"}"#,
        #"Set {"key":"A.E","value":7}"#,
      ]),
    LuaCase(
      "SetGridField's positional forms are the table form",
      lua: """
        out(SetGridField("Handled Techniques", "T", "technique"))
        SetGridField{"G 2", "T", {"Technique"}, overwrite = false}
        """,
      incident: #"{"CustomFields":{"handledtechniques":[],"g2":[{"technique":"old"}]},"#
        + #""context":{"T":["T1"]}}"#,
      context: #"{"T":["T1"]}"#,
      customFields: #"{"handledtechniques":[{"technique":"T1"}],"#
        + #""g2":[{"technique":"T1"},{"technique":"old"}]}"#,
      returns: [#"[[{"technique":"T1"}]]"#],
      entries: [
        "SetGridField: Grid handledtechniques set from T (1 row)",
        "SetGridField: Grid g2 set from T (2 rows)",
      ],
      calls: [
        #"SetGridField {"grid_id":"Handled Techniques","context_path":"T","columns":"technique"}"#,
        #"SetGridField {"grid_id":"G 2","context_path":"T","columns":["Technique"],"#
          + #""overwrite":false}"#,
      ]),
    LuaCase(
      "IsIntegrationAvailable's positional forms are the table form",
      lua: """
        out(IsIntegrationAvailable("X"))
        out(IsIntegrationAvailable{"x, Y"})
        """,
      integrations: #"[{"name":"x1","brand":"X","state":"active"}]"#,
      context: #"{"brandInstances":["x1"]}"#,
      returns: [#"[true,{"X":true}]"#, #"[true,{"Y":false,"x":true}]"#],
      entries: ["IsIntegrationAvailable: yes", "IsIntegrationAvailable: x: yes\nY: no"],
      calls: [
        #"IsIntegrationAvailable {"brandname":"X"}"#,
        #"IsIntegrationAvailable {"brandname":"x, Y"}"#,
      ]),
  ]

  // MARK: - In a playbook

  static let playbook: [LuaCase] = [
    LuaCase(
      "a failure inside a step that continues on error is recorded and the run finishes",
      lua: """
        step("Set grid field", {continue_on_error = true}, function()
          SetGridField{grid_id = "g", context_path = "L", columns = "v"}
        end)
        out("after")
        """,
      incident: #"{"context":{"L":["a"]}}"#,
      context: #"{"L":["a"]}"#,
      returns: [#"["after"]"#],
      entries: [
        "step started: Set grid field",
        #"SetGridField failed at 2: grid not found: no field "g" in the incident's"#
          + " CustomFields; check the grid field's machine name",
        #"step failed: Set grid field: conformance.lua:2: grid not found: no field "g" in"#
          + " the incident's CustomFields; check the grid field's machine name (continued)",
      ])
  ]

  @Test("misuse in Lua's voice", arguments: misuse)
  func misused(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("argument values and defaults", arguments: values)
  func value(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("positional shorthand", arguments: positional)
  func shorthand(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("in a playbook", arguments: playbook)
  func inPlaybook(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }
}
