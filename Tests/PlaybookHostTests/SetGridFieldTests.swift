import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("SetGridField")
struct SetGridFieldTests {
  @Test("arguments: defaults and normalisation")
  func defaults() throws {
    let native = try SetGridFieldNative(
      arguments: try object(
        #"{"grid_id":"Handled Techniques","context_path":"Handled.Techniques","#
          + #""columns":"Technique, E-mail Address"}"#))
    #expect(native.gridID == "handledtechniques")
    #expect(native.contextPath == "Handled.Techniques")
    #expect(native.columns == ["technique", "emailaddress"])
    #expect(native.keys == .all)
    #expect(native.overwrite)
    #expect(native.sortBy.isEmpty)
    #expect(!native.unpacksNestedElements)
    #expect(native.keysFromNested == .all)
  }

  @Test("arguments: explicit values, as strings or typed")
  func explicit() throws {
    let native = try SetGridFieldNative(
      arguments: try object(
        #"{"grid_id":"g","context_path":"P","columns":["A","B"],"keys":"[\"x\",\"y\"]","#
          + #""overwrite":"False","sort_by":"B, A","unpack_nested_elements":"TRUE","#
          + #""keys_from_nested":"k"}"#))
    #expect(native.columns == ["a", "b"])
    #expect(native.keys == .named(["x", "y"]))
    #expect(!native.overwrite)
    #expect(native.sortBy == ["b", "a"])
    #expect(native.unpacksNestedElements)
    #expect(native.keysFromNested == .named(["k"]))
  }

  @Test(
    "argument errors",
    arguments: [
      (
        #"{"context_path":"P","columns":"a"}"#,
        "bad argument 'grid_id' to 'SetGridField' (string expected, got no value)"
      ),
      (
        #"{"grid_id":"g","columns":"a"}"#,
        "bad argument 'context_path' to 'SetGridField' (string expected, got no value)"
      ),
      (
        #"{"grid_id":"g","context_path":"P"}"#,
        "bad argument 'columns' to 'SetGridField' (list expected, got no value)"
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":" , "}"#,
        "bad argument 'columns' to 'SetGridField' (list expected, got no value)"
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a","overwrite":"maybe"}"#,
        "bad argument 'overwrite' to 'SetGridField'"
          + #" (true, yes, false or no expected, got string "maybe")"#
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a","unpack_nested_elements":1}"#,
        "bad argument 'unpack_nested_elements' to 'SetGridField'"
          + " (true, yes, false or no expected, got number 1)"
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a,b","keys":"x"}"#,
        "keys and columns differ in number: 1 key, 2 columns"
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a","keys":"x,y,z"}"#,
        "keys and columns differ in number: 3 keys, 1 column"
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a,b","keys":"*,x"}"#,
        #"keys: "*" must be the only key"#
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a","keys_from_nested":"x,*"}"#,
        #"keys_from_nested: "*" must be the only key"#
      ),
      (
        #"{"grid_id":"g","context_path":"P","columns":"a,!!"}"#,
        #"column "!!" keeps no ASCII letter, digit or underscore"#
      ),
      (
        #"{"grid_id":"g","context_path":"P..Q","columns":"a"}"#,
        #"bad context key "P..Q": segment 2 is empty"#
      ),
    ])
  func argumentErrors(arguments: String, message: String) throws {
    let values = try object(arguments)
    #expect(hostErrorMessage { _ = try SetGridFieldNative(arguments: values) } == message)
  }

  @Test("keys * does not need to match the columns in count")
  func starKeys() throws {
    let native = try SetGridFieldNative(
      arguments: try object(#"{"grid_id":"g","context_path":"P","columns":"a,b","keys":"*"}"#))
    #expect(native.keys == .all)
  }

  @Test("the grid must exist under the normalised id")
  func gridNotFound() throws {
    let arguments = #"{"grid_id":"Handled Techniques","context_path":"P","columns":"a"}"#
    #expect(
      try gridError(arguments, context: #"{"P":["x"]}"#, customFields: #"{"other":[]}"#)
        == #"grid not found: no field "handledtechniques" in the incident's CustomFields;"#
        + " check the grid field's machine name")
    let bare = try Incident(document: try json(#"{"context":{"P":["x"]}}"#))
    let native = try SetGridFieldNative(arguments: try object(arguments))
    #expect(
      hostErrorMessage { _ = try native.grid(for: bare) }
        == #"grid not found: no field "handledtechniques" in the incident's CustomFields;"#
        + " check the grid field's machine name")
  }

  @Test("the grid is found before the context path is read")
  func gridCheckedFirst() throws {
    let arguments = #"{"grid_id":"g","context_path":"Missing","columns":"a"}"#
    #expect(
      try gridError(arguments, customFields: "{}")
        == #"grid not found: no field "g" in the incident's CustomFields;"#
        + " check the grid field's machine name")
  }

  @Test(
    "a grid that is null, empty or a list of rows exists",
    arguments: ["null", #""""#, "[]", #"[{"a":"old"}]"#])
  func existingGrids(current: String) throws {
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","columns":"a"}"#,
      context: #"{"P":["new"]}"#, customFields: #"{"grid":\#(current)}"#)
    #expect(rows == #"[{"a":"new"}]"#)
  }

  @Test(
    "overwrite false puts the new rows first, then the old rows",
    arguments: [
      ("null", #"[{"a":"new"}]"#),
      (#""""#, #"[{"a":"new"}]"#),
      (#"[{"a":"old","b":null},{"z":1}]"#, #"[{"a":"new"},{"a":"old"},{"z":1}]"#),
    ])
  func keepOld(current: String, expected: String) throws {
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","columns":"a","overwrite":false}"#,
      context: #"{"P":["new"]}"#, customFields: #"{"grid":\#(current)}"#)
    #expect(rows == expected)
  }

  @Test(
    "with overwrite false the old value must be rows",
    arguments: [
      (#""text""#, #"grid "grid" does not hold a list of rows (found string "text")"#),
      (#"{"a":1}"#, #"grid "grid" does not hold a list of rows (found object)"#),
      (#"[{"a":1},2]"#, #"grid "grid": row 2 is not an object (found number 2)"#),
    ])
  func oldNotRows(current: String, message: String) throws {
    let arguments = #"{"grid_id":"grid","context_path":"P","columns":"a","overwrite":"no"}"#
    #expect(
      try gridError(arguments, context: #"{"P":["x"]}"#, customFields: #"{"grid":\#(current)}"#)
        == message)
    let overwriting = #"{"grid_id":"grid","context_path":"P","columns":"a"}"#
    #expect(
      try gridError(
        overwriting, context: #"{"P":["x"]}"#, customFields: #"{"grid":\#(current)}"#) == nil)
  }

  @Test("run replaces the whole grid value and writes no context")
  func run() throws {
    var incident = try makeIncident(
      customFields: #"{"before":1,"handledtechniques":[{"technique":"old"}],"after":2}"#,
      context: #"{"Handled":{"Techniques":["T1035","T1569.002"]}}"#)
    let contextBefore = incident.context
    let native = try SetGridFieldNative(
      arguments: try object(
        #"{"grid_id":"handledtechniques","context_path":"Handled.Techniques","#
          + #""columns":"technique"}"#))
    let outcome = try native.run(on: &incident)

    #expect(
      text(incident.gridValue("handledtechniques"))
        == #"[{"technique":"T1035"},{"technique":"T1569.002"}]"#)
    #expect(text(.object(incident.customFields)).hasPrefix(#"{"before":1,"handledtechniques""#))
    #expect(incident.context == contextBefore)
    #expect(outcome.gridValue == incident.gridValue("handledtechniques"))
    #expect(outcome.entryText == "Grid handledtechniques set from Handled.Techniques (2 rows)")
  }

  @Test("the entry counts the rows")
  func entryText() {
    let one = GridFieldOutcome(gridID: "g", contextPath: "P", rows: [JSONObject()], warnings: [])
    #expect(one.entryText == "Grid g set from P (1 row)")
    let none = GridFieldOutcome(gridID: "g", contextPath: "P", rows: [], warnings: [])
    #expect(none.entryText == "Grid g set from P (0 rows)")
    #expect(none.gridValue == [])
  }

  @Test("integers stay integers and null cells are dropped")
  func integers() throws {
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","columns":"n,m","keys":"n,m"}"#,
      context: #"{"P":[{"n":1,"m":null},{"n":2.5,"m":3}]}"#)
    #expect(rows == #"[{"n":1},{"n":2.5,"m":3}]"#)
  }
}
