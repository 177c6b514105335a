import Testing

@testable import PlaybookHost

/// SetGridField, run from Lua: the two name normalisers, every input shape, the keys filter,
/// nested values as text, overwrite false, sort_by, null cells, integers and every error
/// (semantics.md, "SetGridField").
@Suite("SetGridField conformance, through Lua")
struct SetGridFieldConformanceTests {
  /// The CustomFields of most cases: the grid g, empty, and another grid that must not move.
  static let grids = #"{"g":[],"other":[{"x":1}]}"#

  /// The CustomFields after g was filled with `rows` (compact JSON).
  static func filled(_ rows: String) -> String {
    #"{"g":\#(rows),"other":[{"x":1}]}"#
  }

  /// A case on an incident whose context is `context` and CustomFields `customFields`;
  /// `after` is the CustomFields after the run (nil: unchanged). The context must come out
  /// exactly as it went in: SetGridField writes no context key.
  static func grid(
    _ name: String, _ lua: String, context: String, customFields: String = grids,
    after: String?, returns: [String] = [], entries: [String], failure: String? = nil
  ) -> LuaCase {
    LuaCase(
      name, lua: lua,
      incident: #"{"id":"1","CustomFields":\#(customFields),"context":\#(context)}"#,
      context: context, customFields: after, returns: returns, entries: entries,
      failure: failure)
  }

  // MARK: - Names

  /// grid_id spellings and the machine name each must find.
  static let gridIDs: [LuaCase] = [
    ("Handled Techniques", "handledtechniques"),
    ("handled_techniques", "handledtechniques"),
    ("HandledTechniques", "handledtechniques"),
    ("handled-techniques", "handledtechniques"),
    ("handled-tech's", "handledtechs"),
    ("Handled - Tech's_", "handledtechs"),
  ].map { spelling, id in
    grid(
      "grid_id \"\(spelling)\" is the field \(id)",
      #"SetGridField{grid_id = "\#(spelling)", context_path = "T", columns = "technique"}"#,
      context: #"{"T":["T1035"]}"#,
      customFields: #"{"handledtechniques":[],"handledtechs":null}"#,
      after: id == "handledtechs"
        ? #"{"handledtechniques":[],"handledtechs":[{"technique":"T1035"}]}"#
        : #"{"handledtechniques":[{"technique":"T1035"}],"handledtechs":null}"#,
      entries: ["SetGridField: Grid \(id) set from T (1 row)"])
  }

  static let columnNames: [LuaCase] = [
    grid(
      #"columns: "Column_Name" is column_name, "E-mail Address" is emailaddress"#,
      #"""
      SetGridField{grid_id = "g", context_path = "U",
        columns = {"Column_Name", "E-mail Address", "First Name!", "Café 2"}}
      """#,
      context: #"{"U":[{"n":"al","m":"al@x","f":"Al","c":2}]}"#,
      after: filled(#"[{"column_name":"al","emailaddress":"al@x","firstname":"Al","caf2":2}]"#),
      entries: ["SetGridField: Grid g set from U (1 row)"]),
    grid(
      "columns and grid_id follow different rules: the grid keeps digits, drops apostrophes",
      #"SetGridField{grid_id = "Tech's 2", context_path = "T", columns = "Tech's 2"}"#,
      context: #"{"T":["x"]}"#, customFields: #"{"techs2":[]}"#,
      after: #"{"techs2":[{"techs2":"x"}]}"#,
      entries: ["SetGridField: Grid techs2 set from T (1 row)"]),
  ]

  // MARK: - Shapes

  static let shapes: [LuaCase] = [
    grid(
      "a list of scalars: one row per element in the first column, types kept",
      #"out(SetGridField{grid_id = "g", context_path = "L", columns = "Value, Other"})"#,
      context: #"{"L":["a",1,2.5,true,123456789012345678901234567890]}"#,
      after: filled(
        #"[{"value":"a"},{"value":1},{"value":2.5},{"value":true},"#
          + #"{"value":123456789012345678901234567890}]"#),
      returns: [
        #"[[{"value":"a"},{"value":1},{"value":2.5},{"value":true},"#
          + #"{"value":1.2345678901234568e+29}]]"#
      ],
      entries: ["SetGridField: Grid g set from L (5 rows)"]),
    grid(
      "a list of scalars holding null gives an empty row (null cells are dropped)",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "v"}"#,
      context: #"{"L":["a",null]}"#,
      after: filled(#"[{"v":"a"},{}]"#),
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
    grid(
      "the T1569.002 grid: techniques from Handled.Techniques",
      #"""
      out(SetGridField{grid_id = "handledtechniques", context_path = "Handled.Techniques",
        columns = "technique"})
      """#,
      context: #"{"Handled":{"Techniques":["T1035","T1569.002"]}}"#,
      customFields: #"{"handledtechniques":null}"#,
      after: #"{"handledtechniques":[{"technique":"T1035"},{"technique":"T1569.002"}]}"#,
      returns: [#"[[{"technique":"T1035"},{"technique":"T1569.002"}]]"#],
      entries: [
        "SetGridField: Grid handledtechniques set from Handled.Techniques (2 rows)"
      ]),
    grid(
      "a path through a list maps over its objects",
      #"SetGridField{grid_id = "g", context_path = "Hosts.Name", columns = "host"}"#,
      context: #"{"Hosts":[{"Name":"a"},{"X":1},{"Name":["b","c"]}]}"#,
      after: filled(#"[{"host":"a"},{"host":"b"},{"host":"c"}]"#),
      entries: ["SetGridField: Grid g set from Hosts.Name (3 rows)"]),
    grid(
      "a list of objects with keys *: the first keys of each, renamed by position",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "First, Second"}"#,
      context: #"{"L":[{"b":1,"a":2,"c":3},{"b":4,"a":5,"c":6}]}"#,
      after: filled(#"[{"first":1,"second":2},{"first":4,"second":5}]"#),
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
    grid(
      "keys * with more columns than keys fills the first columns",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "x, y, z"}"#,
      context: #"{"L":[{"a":1,"b":2}]}"#,
      after: filled(#"[{"x":1,"y":2}]"#),
      entries: ["SetGridField: Grid g set from L (1 row)"]),
    grid(
      "keys * maps each distinct key to one column, whatever its order in a row",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "x, y"}"#,
      context: #"{"L":[{"a":1,"b":2},{"b":3,"a":4}]}"#,
      after: filled(#"[{"x":1,"y":2},{"x":4,"y":3}]"#),
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
    grid(
      "keys * with more distinct keys than columns leaves the rest out, with a warning",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "x"}"#,
      context: #"{"L":[{"a":1},{"b":2}]}"#,
      after: filled(#"[{"x":1},{}]"#),
      entries: [
        "SetGridField: Grid g set from L (2 rows)",
        #"SetGridField warning: key "b" of "L" found no column and was left out"#,
      ]),
    grid(
      "a list of objects with explicit keys: column i takes key i",
      #"SetGridField{grid_id = "g", context_path = "L", keys = "b, a", columns = "x, y"}"#,
      context: #"{"L":[{"a":1,"b":2,"c":3},{"a":4,"b":5}]}"#,
      after: filled(#"[{"x":2,"y":1},{"x":5,"y":4}]"#),
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
    grid(
      #"explicit keys: "" and null are dropped, 0 and false kept, missing keys dropped"#,
      #"""
      SetGridField{grid_id = "g", context_path = "L", keys = {"a", "b", "c", "d", "e"},
        columns = {"A", "B", "C", "D", "E"}}
      """#,
      context: #"{"L":[{"a":"","b":null,"c":0,"d":false}]}"#,
      after: filled(#"[{"c":0,"d":false}]"#),
      entries: ["SetGridField: Grid g set from L (1 row)"]),
    grid(
      "null cells are dropped with keys * too",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "x, y"}"#,
      context: #"{"L":[{"a":null,"b":1},{"a":"","b":null}]}"#,
      after: filled(#"[{"y":1},{"x":""}]"#),
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
    grid(
      "nested values become text: objects as key: value lines, lists joined by blank lines",
      #"""
      SetGridField{grid_id = "g", context_path = "L", columns = "name, info, tags, ports, none"}
      """#,
      context: #"{"L":[{"name":"h1","info":{"ip":"1.2.3.4","up":true,"n":null,"d":{"a":1}},"#
        + #""tags":["a",2,[3]],"ports":[{"p":22,"s":"ssh"},{"p":80}],"none":[]}]}"#,
      after: filled(
        #"[{"name":"h1","info":"ip: 1.2.3.4\nup: true\nn: \nd: {\"a\":1}","#
          + #""tags":"a\n\n2\n\n[3]","ports":"p: 22\ns: ssh\n\np: 80","none":""}]"#),
      entries: ["SetGridField: Grid g set from L (1 row)"]),
    grid(
      "keys_from_nested picks the keys shown of nested objects",
      #"""
      SetGridField{grid_id = "g", context_path = "L", columns = "name, info",
        keys_from_nested = "ip, os"}
      """#,
      context: #"{"L":[{"name":"h1","info":{"up":true,"ip":"1.2.3.4"}}]}"#,
      after: filled(#"[{"name":"h1","info":"ip: 1.2.3.4\nos: "}]"#),
      entries: ["SetGridField: Grid g set from L (1 row)"]),
    grid(
      "an object with keys *: one row per pair, key in column 1, value in column 2",
      #"SetGridField{grid_id = "g", context_path = "O", columns = "Key, Value"}"#,
      context: #"{"O":{"b":1,"a":"x","c":{"d":1},"n":null}}"#,
      after: filled(
        #"[{"key":"b","value":1},{"key":"a","value":"x"},{"key":"c","value":"d: 1"},"#
          + #"{"key":"n"}]"#),
      entries: ["SetGridField: Grid g set from O (4 rows)"]),
    grid(
      "an object with explicit keys: one row, column i takes key i",
      #"SetGridField{grid_id = "g", context_path = "O", keys = "c, a", columns = "x, y"}"#,
      context: #"{"O":{"a":1,"b":2,"c":{"k":"v"}}}"#,
      after: filled(#"[{"x":"k: v","y":1}]"#),
      entries: ["SetGridField: Grid g set from O (1 row)"]),
    grid(
      "unpack_nested_elements walks objects and lists into key/value rows",
      #"""
      SetGridField{grid_id = "g", context_path = "O", columns = "key, value",
        unpack_nested_elements = true}
      """#,
      context: #"{"O":{"host":"h1","ips":["1.1.1.1",{"port":22},[1]],"#
        + #""meta":{"os":"linux","tags":[]},"none":null}}"#,
      after: filled(
        #"[{"key":"host","value":"h1"},{"key":"ips","value":"1.1.1.1"},"#
          + #"{"key":"port","value":22},{"key":"ips","value":""},"#
          + #"{"key":"os","value":"linux"},{"key":"none","value":""}]"#),
      entries: ["SetGridField: Grid g set from O (6 rows)"]),
    grid(
      "unpack_nested_elements with explicit keys filters every object it walks",
      #"""
      SetGridField{grid_id = "g", context_path = "O", columns = "key, value",
        keys = "host, meta", unpack_nested_elements = "yes"}
      """#,
      context: #"{"O":{"host":"h1","skip":1,"meta":{"host":"h2","os":"linux"}}}"#,
      after: filled(
        #"[{"key":"host","value":"h1"},{"key":"host","value":"h2"},"#
          + #"{"key":"meta","value":""}]"#),
      entries: ["SetGridField: Grid g set from O (3 rows)"]),
    grid(
      "an empty list is a valid list of no values: the grid becomes empty",
      #"out(SetGridField{grid_id = "g", context_path = "L", columns = "v"})"#,
      context: #"{"L":[]}"#, customFields: #"{"g":[{"v":"old"}]}"#,
      after: #"{"g":[]}"#, returns: ["[[]]"],
      entries: ["SetGridField: Grid g set from L (0 rows)"]),
    grid(
      "integers stay integers, fractions stay fractions",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "n, f"}"#,
      context: #"{"L":[{"n":5,"f":2.5},{"n":-7,"f":1e+300}]}"#,
      after: filled(#"[{"n":5,"f":2.5},{"n":-7,"f":1e+300}]"#),
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
  ]

  // MARK: - overwrite and sort_by

  static let ordering: [LuaCase] = [
    grid(
      "overwrite false puts the new rows first, then the old ones (their null cells dropped)",
      #"""
      SetGridField{grid_id = "g", context_path = "L", columns = "technique",
        overwrite = "false"}
      """#,
      context: #"{"L":["T1"]}"#,
      customFields: #"{"g":[{"technique":"OLD","note":null}]}"#,
      after: #"{"g":[{"technique":"T1"},{"technique":"OLD"}]}"#,
      entries: ["SetGridField: Grid g set from L (2 rows)"]),
    grid(
      "overwrite false onto a null grid gives the new rows",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "v", overwrite = false}"#,
      context: #"{"L":["a"]}"#, customFields: #"{"g":null}"#,
      after: #"{"g":[{"v":"a"}]}"#,
      entries: ["SetGridField: Grid g set from L (1 row)"]),
    grid(
      "overwrite true (the default) replaces the whole grid value",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "v", overwrite = "TRUE"}"#,
      context: #"{"L":["a"]}"#, customFields: #"{"g":[{"v":"old"},{"v":"older"}],"h":1}"#,
      after: #"{"g":[{"v":"a"}],"h":1}"#,
      entries: ["SetGridField: Grid g set from L (1 row)"]),
    grid(
      "sort_by is normalised like columns; strings sort by code point",
      #"""
      SetGridField{grid_id = "g", context_path = "P", columns = "First Name, Age",
        sort_by = "First Name"}
      """#,
      context: #"{"P":[{"n":"bob","a":30},{"n":"al","a":20},{"n":"Al","a":25},{"n":"é","a":1}]}"#,
      after: filled(
        #"[{"firstname":"Al","age":25},{"firstname":"al","age":20},"#
          + #"{"firstname":"bob","age":30},{"firstname":"é","age":1}]"#),
      entries: ["SetGridField: Grid g set from P (4 rows)"]),
    grid(
      "numbers sort numerically",
      #"SetGridField{grid_id = "g", context_path = "L", columns = "n", sort_by = "N"}"#,
      context: #"{"L":[100,9,25.5,-1]}"#,
      after: filled(#"[{"n":-1},{"n":9},{"n":25.5},{"n":100}]"#),
      entries: ["SetGridField: Grid g set from L (4 rows)"]),
    grid(
      "sort_by several columns: the first is the most significant; ties keep their order",
      #"""
      SetGridField{grid_id = "g", context_path = "L", columns = "g, n, i",
        sort_by = {"g", "n"}}
      """#,
      context: #"{"L":[{"g":"b","n":1,"i":1},{"g":"a","n":2,"i":2},{"g":"a","n":1,"i":3},"#
        + #"{"g":"a","n":1,"i":4}]}"#,
      after: filled(
        #"[{"g":"a","n":1,"i":3},{"g":"a","n":1,"i":4},{"g":"a","n":2,"i":2},"#
          + #"{"g":"b","n":1,"i":1}]"#),
      entries: ["SetGridField: Grid g set from L (4 rows)"]),
    grid(
      "sort_by sorts the old rows too when overwrite is false",
      #"""
      SetGridField{grid_id = "g", context_path = "L", columns = "v", overwrite = false,
        sort_by = "v"}
      """#,
      context: #"{"L":["c","a"]}"#, customFields: #"{"g":[{"v":"b"}]}"#,
      after: #"{"g":[{"v":"a"},{"v":"b"},{"v":"c"}]}"#,
      entries: ["SetGridField: Grid g set from L (3 rows)"]),
    grid(
      "an unknown sort column sorts nothing and adds a warning entry",
      #"""
      out(SetGridField{grid_id = "g", context_path = "L", columns = "v",
        sort_by = "Nope"})
      """#,
      context: #"{"L":["b","a"]}"#,
      after: filled(#"[{"v":"b"},{"v":"a"}]"#),
      returns: [#"[[{"v":"b"},{"v":"a"}]]"#],
      entries: [
        "SetGridField: Grid g set from L (2 rows)",
        #"SetGridField warning: sort_by names unknown column "nope"; the grid was not sorted"#,
      ]),
    grid(
      "a sort column mixing numbers and strings is an error; the grid is untouched",
      #"""
      out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "v",
        sort_by = "v"}))
      """#,
      context: #"{"L":["b",1]}"#, after: nil,
      returns: [#"[false,"cannot sort by column \"v\": it mixes numbers and strings"]"#],
      entries: [
        #"SetGridField failed at 1: cannot sort by column "v": it mixes numbers and strings"#
      ]),
  ]

  // MARK: - Errors

  static let errors: [LuaCase] = [
    grid(
      "keys and columns differing in number is an error",
      #"""
      out(pcall(SetGridField, {grid_id = "g", context_path = "L", keys = "a, b",
        columns = "x"}))
      """#,
      context: #"{"L":[{"a":1,"b":2}]}"#, after: nil,
      returns: [#"[false,"keys and columns differ in number: 2 keys, 1 column"]"#],
      entries: ["SetGridField failed at 1: keys and columns differ in number: 2 keys, 1 column"]),
    grid(
      "grid not found names the normalised id and suggests the machine name",
      #"out(pcall(SetGridField, {grid_id = "Handled Techs", context_path = "L", columns = "v"}))"#,
      context: #"{"L":["a"]}"#, after: nil,
      returns: [
        #"[false,"grid not found: no field \"handledtechs\" in the incident's CustomFields;"#
          + #" check the grid field's machine name"]"#
      ],
      entries: [
        #"SetGridField failed at 1: grid not found: no field "handledtechs" in the incident's"#
          + " CustomFields; check the grid field's machine name"
      ]),
    LuaCase(
      "grid not found, uncaught: the run fails at the call's line and the call is recorded",
      lua: #"""
        Set{key = "L", value = {"a"}}
        SetGridField{grid_id = "g", context_path = "L", columns = "v"}
        """#,
      context: #"{"L":["a"]}"#,
      entries: [
        "Set: Key L set",
        #"SetGridField failed at 2: grid not found: no field "g" in the incident's"#
          + " CustomFields; check the grid field's machine name",
      ],
      failure: #"conformance.lua:2: grid not found: no field "g" in the incident's"#
        + " CustomFields; check the grid field's machine name"),
    grid(
      "unpack_nested_elements needs an object",
      #"""
      out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "k, v",
        unpack_nested_elements = true}))
      """#,
      context: #"{"L":[{"a":1}]}"#, after: nil,
      returns: [
        #"[false,"context path \"L\" is not an object, as unpack_nested_elements needs"#
          + #" (found array)"]"#
      ],
      entries: [
        #"SetGridField failed at 1: context path "L" is not an object, as"#
          + " unpack_nested_elements needs (found array)"
      ]),
    grid(
      "unpack_nested_elements needs two columns",
      #"""
      out(pcall(SetGridField, {grid_id = "g", context_path = "O", columns = "k",
        unpack_nested_elements = true}))
      """#,
      context: #"{"O":{"a":1}}"#, after: nil,
      returns: [#"[false,"unpack_nested_elements needs two columns (key and value), got 1"]"#],
      entries: [
        "SetGridField failed at 1: unpack_nested_elements needs two columns (key and value),"
          + " got 1"
      ]),
    grid(
      "an object read with keys * needs two columns",
      #"out(pcall(SetGridField, {grid_id = "g", context_path = "O", columns = "k"}))"#,
      context: #"{"O":{"a":1}}"#, after: nil,
      returns: [#"[false,"an object read with keys * needs two columns (key and value), got 1"]"#],
      entries: [
        "SetGridField failed at 1: an object read with keys * needs two columns"
          + " (key and value), got 1"
      ]),
    grid(
      "a scalar at the path is an error naming the path and what was found",
      #"out(pcall(SetGridField, {grid_id = "g", context_path = "A.S", columns = "v"}))"#,
      context: #"{"A":{"S":"x"}}"#, after: nil,
      returns: [#"[false,"context path \"A.S\" is not a list or an object (found string \"x\")"]"#],
      entries: [
        #"SetGridField failed at 1: context path "A.S" is not a list or an object"#
          + #" (found string "x")"#
      ]),
    grid(
      "null at the path is an error naming the path",
      #"out(pcall(SetGridField, {grid_id = "g", context_path = "N", columns = "v"}))"#,
      context: #"{"N":null}"#, after: nil,
      returns: [#"[false,"context path \"N\" is not a list or an object (found null)"]"#],
      entries: [
        #"SetGridField failed at 1: context path "N" is not a list or an object"#
          + " (found null)"
      ]),
    grid(
      "a missing path is an error naming the path",
      #"out(pcall(SetGridField, {grid_id = "g", context_path = "Nope.X", columns = "v"}))"#,
      context: #"{"N":1}"#, after: nil,
      returns: [#"[false,"context path \"Nope.X\" not found"]"#],
      entries: [#"SetGridField failed at 1: context path "Nope.X" not found"#]),
    grid(
      "a list mixing objects and scalars is an error naming the element",
      #"out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "v"}))"#,
      context: #"{"L":[{"a":1},"b"]}"#, after: nil,
      returns: [
        #"[false,"context path \"L\" mixes objects with other values (element 2: string \"b\")"]"#
      ],
      entries: [
        #"SetGridField failed at 1: context path "L" mixes objects with other values"#
          + #" (element 2: string "b")"#
      ]),
    grid(
      "a list of scalars holding a list is an error naming the element",
      #"out(pcall(SetGridField, {grid_id = "g", context_path = "L", columns = "v"}))"#,
      context: #"{"L":["a",["b"]]}"#, after: nil,
      returns: [
        #"[false,"context path \"L\" is a list of values holding a list"#
          + #" (element 2: array)"]"#
      ],
      entries: [
        #"SetGridField failed at 1: context path "L" is a list of values holding a list"#
          + " (element 2: array)"
      ]),
  ]

  @Test("grid_id normaliser", arguments: gridIDs)
  func gridID(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("column normaliser", arguments: columnNames)
  func columnName(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("input shapes", arguments: shapes)
  func shape(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("overwrite and sort_by", arguments: ordering)
  func order(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("errors", arguments: errors)
  func error(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }
}
