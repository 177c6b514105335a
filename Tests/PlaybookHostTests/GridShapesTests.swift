import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("SetGridField shapes")
struct GridShapesTests {
  @Test(
    "lists of values: one row per element in the first column, types kept",
    arguments: [
      (
        #"{"P":["T1035","T1569.002"]}"#, "technique",
        #"[{"technique":"T1035"},{"technique":"T1569.002"}]"#
      ),
      (
        #"{"P":[1,2.5,true,"x",""]}"#, "a,b",
        #"[{"a":1},{"a":2.5},{"a":true},{"a":"x"},{"a":""}]"#
      ),
      (#"{"P":[123456789012345678901234]}"#, "a", #"[{"a":123456789012345678901234}]"#),
      (#"{"P":["x",null]}"#, "a", #"[{"a":"x"},{}]"#),
      (#"{"P":[]}"#, "a", "[]"),
    ])
  func listOfValues(context: String, columns: String, expected: String) throws {
    let arguments = #"{"grid_id":"grid","context_path":"P","columns":"\#(columns)"}"#
    #expect(try gridRows(arguments, context: context) == expected)
  }

  @Test(
    "lists of objects with explicit keys: column i takes key i",
    arguments: [
      (
        #"[{"name":"a","id":1,"x":9},{"id":2}]"#, "name,id", "Name,ID",
        #"[{"name":"a","id":1},{"id":2}]"#
      ),
      (
        #"[{"name":"a","id":1}]"#, "id,name", "Identifier,Host Name",
        #"[{"identifier":1,"hostname":"a"}]"#
      ),
      (
        #"[{"a":"","b":null,"c":0,"d":false}]"#, "a,b,c,d,e", "A,B,C,D,E",
        #"[{"c":0,"d":false}]"#
      ),
      (#"[{"a":" "}]"#, "a", "A", #"[{"a":" "}]"#),
      (#"[{"a":1},{}]"#, "a", "A", #"[{"a":1},{}]"#),
    ])
  func listOfObjectsNamed(context: String, keys: String, columns: String, expected: String)
    throws
  {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","keys":"\#(keys)","columns":"\#(columns)"}"#
    #expect(try gridRows(arguments, context: #"{"P":\#(context)}"#) == expected)
  }

  @Test(
    "lists of objects with keys *: the first keys, mapped onto the columns by position",
    arguments: [
      (#"[{"name":"a","id":1,"extra":3}]"#, "Name,ID", #"[{"name":"a","id":1}]"#),
      (
        #"[{"name":"a","id":1},{"id":2,"name":"b"}]"#, "c1,c2",
        #"[{"c1":"a","c2":1},{"c1":"b","c2":2}]"#
      ),
      (#"[{"a":1,"b":2},{"a":3}]"#, "x,y", #"[{"x":1,"y":2},{"x":3}]"#),
      (#"[{"a":""},{"a":null,"b":1}]"#, "x,y", #"[{"x":""},{"y":1}]"#),
      (#"[{"a":1}]"#, "x,y,z", #"[{"x":1}]"#),
    ])
  func listOfObjectsAll(context: String, columns: String, expected: String) throws {
    let arguments = #"{"grid_id":"grid","context_path":"P","columns":"\#(columns)"}"#
    let outcome = try gridOutcome(arguments, context: #"{"P":\#(context)}"#)
    #expect(text(outcome.rows) == expected)
    #expect(outcome.warnings.isEmpty)
  }

  @Test("keys * leaves out keys past the last column, with a warning")
  func keysWithoutColumn() throws {
    let outcome = try gridOutcome(
      #"{"grid_id":"grid","context_path":"P","columns":"x"}"#,
      context: #"{"P":[{"a":1},{"b":2},{"c":3,"a":4}]}"#)
    #expect(text(outcome.rows) == #"[{"x":1},{},{}]"#)
    #expect(outcome.warnings == [.keysWithoutColumn(path: "P", keys: ["b", "c"])])
    #expect(
      outcome.warnings.map(\.message)
        == [#"keys "b", "c" of "P" found no column and were left out"#])
    let single = HostWarning.keysWithoutColumn(path: "P", keys: ["b"])
    #expect(single.message == #"key "b" of "P" found no column and was left out"#)
  }

  @Test(
    "objects with keys *: one row per member, key and value",
    arguments: [
      (
        #"{"x":1,"y":"two","z":[1,2],"n":null,"e":""}"#, "key,value",
        #"[{"key":"x","value":1},{"key":"y","value":"two"},{"key":"z","value":"1\n\n2"},"#
          + #"{"key":"n"},{"key":"e","value":""}]"#
      ),
      (#"{"x":{"a":1}}"#, "Key,Value,Extra", #"[{"key":"x","value":"a: 1"}]"#),
      ("{}", "key,value", "[]"),
    ])
  func objectPairs(context: String, columns: String, expected: String) throws {
    let arguments = #"{"grid_id":"grid","context_path":"P","columns":"\#(columns)"}"#
    #expect(try gridRows(arguments, context: #"{"P":\#(context)}"#) == expected)
  }

  @Test("objects with explicit keys: one row")
  func objectNamed() throws {
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","keys":"id,name,gone","columns":"ID,Name,Gone"}"#,
      context: #"{"P":{"name":"n","id":5,"extra":1}}"#)
    #expect(rows == #"[{"id":5,"name":"n"}]"#)
  }

  @Test("unpack_nested_elements walks objects and lists into key/value rows")
  func unpack() throws {
    let context = #"""
      {"P": {"k1": "v1", "nested": {"k2": 2, "deep": {"k3": true}},
             "list": ["a", {"k4": "x"}, null, [1]], "nul": null, "none": []}}
      """#
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","columns":"Key,Value","#
        + #""unpack_nested_elements":"true"}"#,
      context: context)
    #expect(
      rows
        == #"[{"key":"k1","value":"v1"},{"key":"k2","value":2},{"key":"k3","value":true},"#
        + #"{"key":"list","value":"a"},{"key":"k4","value":"x"},{"key":"list","value":""},"#
        + #"{"key":"list","value":""},{"key":"nul","value":""}]"#)
  }

  @Test("unpack_nested_elements filters every object by explicit keys")
  func unpackNamed() throws {
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","columns":"key,value","keys":"a,b","#
        + #""unpack_nested_elements":true}"#,
      context: #"{"P":{"a":1,"b":{"a":2,"c":3},"c":4}}"#)
    #expect(
      rows
        == #"[{"key":"a","value":1},{"key":"a","value":2},{"key":"b","value":""}]"#)
  }

  @Test("the path is read like any context read: through lists, selector ignored")
  func pathReads() throws {
    let context = #"{"Hosts":[{"IP":"1"},{"IP":["2","3"]},{"Name":"x"}]}"#
    for path in ["Hosts.IP", "Hosts.IP(val.ID == obj.ID)"] {
      let rows = try gridRows(
        #"{"grid_id":"grid","context_path":"\#(path)","columns":"ip"}"#, context: context)
      #expect(rows == #"[{"ip":"1"},{"ip":"2"},{"ip":"3"}]"#)
    }
  }

  @Test(
    "shapes that are errors name the path and what was found",
    arguments: [
      ("{}", "Missing", "a", #"context path "Missing" not found"#),
      (
        #"{"P":"x"}"#, "P", "a",
        #"context path "P" is not a list or an object (found string "x")"#
      ),
      (#"{"P":5}"#, "P", "a", #"context path "P" is not a list or an object (found number 5)"#),
      (#"{"P":null}"#, "P", "a", #"context path "P" is not a list or an object (found null)"#),
      (
        #"{"P":[{"a":1},"x"]}"#, "P", "a",
        #"context path "P" mixes objects with other values (element 2: string "x")"#
      ),
      (
        #"{"P":["x",{"a":1}]}"#, "P", "a",
        #"context path "P" mixes objects with other values (element 1: string "x")"#
      ),
      (
        #"{"P":[{"a":1},[1]]}"#, "P", "a",
        #"context path "P" mixes objects with other values (element 2: array)"#
      ),
      (
        #"{"P":["a",["b"]]}"#, "P", "a",
        #"context path "P" is a list of values holding a list (element 2: array)"#
      ),
      (
        #"{"P":{"a":1}}"#, "P", "a",
        "an object read with keys * needs two columns (key and value), got 1"
      ),
    ])
  func shapeErrors(context: String, path: String, columns: String, message: String) throws {
    let arguments = #"{"grid_id":"grid","context_path":"\#(path)","columns":"\#(columns)"}"#
    #expect(try gridError(arguments, context: context) == message)
  }

  @Test(
    "unpack_nested_elements needs an object and two columns",
    arguments: [
      (
        #"{"P":[1]}"#, "k,v",
        #"context path "P" is not an object, as unpack_nested_elements needs (found array)"#
      ),
      (
        #"{"P":"s"}"#, "k,v",
        #"context path "P" is not an object, as unpack_nested_elements needs"#
          + #" (found string "s")"#
      ),
      ("{}", "k,v", #"context path "P" not found"#),
      (
        #"{"P":{"a":1}}"#, "k",
        "unpack_nested_elements needs two columns (key and value), got 1"
      ),
    ])
  func unpackErrors(context: String, columns: String, message: String) throws {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","columns":"\#(columns)","#
      + #""unpack_nested_elements":"yes"}"#
    #expect(try gridError(arguments, context: context) == message)
  }
}
