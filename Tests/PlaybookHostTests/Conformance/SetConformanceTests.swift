import Testing

@testable import PlaybookHost

/// Set, run from Lua: value decoding, stringify, big integers, overwrite and merge, selectors,
/// dotted paths and the war-room entry (semantics.md, "Context and paths" and "Set").
@Suite("Set conformance, through Lua")
struct SetConformanceTests {
  /// A Set case on an incident whose context is `before` (no context key when nil).
  static func set(
    _ name: String, _ lua: String, before: String? = nil, after: String,
    returns: [String] = [], entries: [String], failure: String? = nil
  ) -> LuaCase {
    let incident = before.map { #"{"id":"1","context":\#($0)}"# } ?? #"{"id":"1"}"#
    return LuaCase(
      name, lua: lua, incident: incident, context: after, returns: returns, entries: entries,
      failure: failure)
  }

  // MARK: - Value decoding

  static let decoding: [LuaCase] = [
    set(
      #"decoding: "5" is the integer 5"#,
      #"out(Set{key = "A", value = "5"}, math.type(context("A")))"#,
      after: #"{"A":5}"#, returns: [#"[5,"integer"]"#], entries: ["Set: Key A set"]),
    set(
      #"decoding: "1.50" is the number 1.5"#,
      #"out(Set{key = "A", value = "1.50"})"#,
      after: #"{"A":1.5}"#, returns: ["[1.5]"], entries: ["Set: Key A set"]),
    set(
      #"decoding: "true" is the boolean true"#,
      #"out(Set{key = "A", value = "true"})"#,
      after: #"{"A":true}"#, returns: ["[true]"], entries: ["Set: Key A set"]),
    set(
      "decoding: a JSON array in a string is a list",
      #"out(Set{key = "Handled.Techniques", value = '["T1035","T1569.002"]'})"#,
      after: #"{"Handled":{"Techniques":["T1035","T1569.002"]}}"#,
      returns: [#"[["T1035","T1569.002"]]"#], entries: ["Set: Key Handled.Techniques set"]),
    set(
      "decoding: a JSON object in a string keeps its key order in the context",
      #"Set{key = "A", value = '{"b":1,"a":{"d":2,"c":3}}'}"#,
      after: #"{"A":{"b":1,"a":{"d":2,"c":3}}}"#, entries: ["Set: Key A set"]),
    set(
      #"decoding: "007" stays text"#,
      #"out(Set{key = "A", value = "007"})"#,
      after: #"{"A":"007"}"#, returns: [#"["007"]"#], entries: ["Set: Key A set"]),
    set(
      #"decoding: "0x1A" stays text"#,
      #"out(Set{key = "A", value = "0x1A"})"#,
      after: #"{"A":"0x1A"}"#, returns: [#"["0x1A"]"#], entries: ["Set: Key A set"]),
    set(
      #"decoding: "a,b" stays text (Set never splits on commas)"#,
      #"out(Set{key = "A", value = "a,b"})"#,
      after: #"{"A":"a,b"}"#, returns: [#"["a,b"]"#], entries: ["Set: Key A set"]),
    set(
      #"decoding: "" stays the empty string"#,
      #"out(Set{key = "A", value = ""})"#,
      after: #"{"A":""}"#, returns: [#"[""]"#], entries: ["Set: Key A set"]),
    set(
      "decoding: a quoted string is its text",
      #"""
      out(Set{key = "A", value = '"x"'})
      out(Set{key = "B", value = '"007"'})
      """#,
      after: #"{"A":"x","B":"007"}"#, returns: [#"["x"]"#, #"["007"]"#],
      entries: ["Set: Key A set", "Set: Key B set"]),
    set(
      "decoding: a big integer keeps its exact digits in the incident; Lua sees a float",
      #"out(math.type(Set{key = "N", value = "123456789012345678901234567890"}))"#,
      after: #"{"N":123456789012345678901234567890}"#, returns: [#"["float"]"#],
      entries: ["Set: Key N set"]),
    set(
      "decoding: big integers inside a JSON list keep their digits",
      #"Set{key = "N", value = '[1,-98765432109876543210,2.5]'}"#,
      after: #"{"N":[1,-98765432109876543210,2.5]}"#, entries: ["Set: Key N set"]),
    set(
      "decoding: integers that fit in 64 bits stay integers",
      #"""
      out(math.type(Set{key = "A", value = "9223372036854775807"}))
      Set{key = "B", value = 9007199254740993}
      """#,
      after: #"{"A":9223372036854775807,"B":9007199254740993}"#, returns: [#"["integer"]"#],
      entries: ["Set: Key A set", "Set: Key B set"]),
    set(
      "decoding: strings inside a Lua table are not decoded",
      #"out(Set{key = "A", value = {1, 2.5, "5", true}})"#,
      after: #"{"A":[1,2.5,"5",true]}"#, returns: [#"[[1,2.5,"5",true]]"#],
      entries: ["Set: Key A set"]),
    set(
      "decoding: a one-element list stays a list",
      #"Set{key = "A", value = {"5"}}"#,
      after: #"{"A":["5"]}"#, entries: ["Set: Key A set"]),
  ]

  // MARK: - stringify

  static let stringify: [LuaCase] = [
    set(
      "stringify true keeps a string byte for byte",
      #"""
      out(Set{key = "A", value = "5", stringify = true})
      out(Set{key = "B", value = ' { "b" : 1 } ', stringify = "true"})
      """#,
      after: #"{"A":"5","B":" { \"b\" : 1 } "}"#, returns: [#"["5"]"#, #"[" { \"b\" : 1 } "]"#],
      entries: ["Set: Key A set", "Set: Key B set"]),
    set(
      "stringify true stores a table as its compact JSON text",
      #"out(Set{key = "A", value = {b = 1, a = {true, "x", 2.5}}, stringify = "YES"})"#,
      after: #"{"A":"{\"a\":[true,\"x\",2.5],\"b\":1}"}"#,
      returns: [#"["{\"a\":[true,\"x\",2.5],\"b\":1}"]"#], entries: ["Set: Key A set"]),
    set(
      "stringify true stores a number or a boolean as its JSON text",
      #"""
      Set{key = "A", value = 5, stringify = true}
      Set{key = "B", value = false, stringify = true}
      """#,
      after: #"{"A":"5","B":"false"}"#, entries: ["Set: Key A set", "Set: Key B set"]),
    set(
      "stringify true keeps a big integer's digits as text",
      #"Set{key = "A", value = "123456789012345678901234567890", stringify = true}"#,
      after: #"{"A":"123456789012345678901234567890"}"#, entries: ["Set: Key A set"]),
    set(
      #"stringify false, "no" or "" decodes as usual"#,
      #"""
      Set{key = "A", value = "5", stringify = false}
      Set{key = "B", value = "5", stringify = "no"}
      Set{key = "C", value = "5", stringify = ""}
      """#,
      after: #"{"A":5,"B":5,"C":5}"#,
      entries: ["Set: Key A set", "Set: Key B set", "Set: Key C set"]),
  ]

  // MARK: - Overwrite and paths

  static let overwrite: [LuaCase] = [
    set(
      "overwrite replaces the value; sibling keys are untouched",
      #"Set{key = "A.B", value = "3"}"#,
      before: #"{"A":{"B":[1,2],"C":"keep"},"Z":0}"#,
      after: #"{"A":{"B":3,"C":"keep"},"Z":0}"#, entries: ["Set: Key A.B set"]),
    set(
      "a dotted path creates intermediate objects after the existing siblings",
      #"Set{key = "A.B.C", value = "x"}"#,
      before: #"{"A":{"X":1},"Z":0}"#,
      after: #"{"A":{"X":1,"B":{"C":"x"}},"Z":0}"#, entries: ["Set: Key A.B.C set"]),
    set(
      "a dotted path through an intermediate null makes it an object",
      #"Set{key = "A.B", value = 1}"#,
      before: #"{"A":null}"#, after: #"{"A":{"B":1}}"#, entries: ["Set: Key A.B set"]),
    set(
      "writing through a list is an error naming the key and what blocks it",
      #"out(pcall(Set, {key = "A.B", value = 1}))"#,
      before: #"{"A":[1]}"#, after: #"{"A":[1]}"#,
      returns: [#"[false,"cannot write \"A.B\": \"A\" is not an object (found array)"]"#],
      entries: [#"Set failed at 1: cannot write "A.B": "A" is not an object (found array)"#]),
    set(
      "a key with an empty segment is an error; uncaught, it fails the run and is recorded",
      #"""
      Set{key = "A", value = 1}
      Set{key = "A..B", value = 1}
      """#,
      after: #"{"A":1}"#,
      entries: [
        "Set: Key A set", #"Set failed at 2: bad context key "A..B": segment 2 is empty"#,
      ],
      failure: #"conformance.lua:2: bad context key "A..B": segment 2 is empty"#),
    set(
      "append false replaces a list",
      #"Set{key = "A", value = "y", append = false}"#,
      before: #"{"A":["x"]}"#, after: #"{"A":"y"}"#, entries: ["Set: Key A set"]),
    set(
      "append missing replaces a list",
      #"Set{key = "A", value = "y"}"#,
      before: #"{"A":["x"]}"#, after: #"{"A":"y"}"#, entries: ["Set: Key A set"]),
    set(
      #"append "" (empty) replaces a list"#,
      #"Set{key = "A", value = "y", append = ""}"#,
      before: #"{"A":["x"]}"#, after: #"{"A":"y"}"#, entries: ["Set: Key A set"]),
    set(
      #"append "No" replaces a list (XSOAR would append)"#,
      #"Set{key = "A", value = "y", append = "No"}"#,
      before: #"{"A":["x"]}"#, after: #"{"A":"y"}"#, entries: ["Set: Key A set"]),
    set(
      #"append "false" replaces a list"#,
      #"Set{key = "A", value = "y", append = "false"}"#,
      before: #"{"A":["x"]}"#, after: #"{"A":"y"}"#, entries: ["Set: Key A set"]),
  ]

  // MARK: - Merge (append)

  static let merge: [LuaCase] = [
    set(
      "append onto an absent key stores a single string as a string",
      #"out(Set{key = "A", value = "x", append = true})"#,
      after: #"{"A":"x"}"#, returns: [#"["x"]"#], entries: ["Set: Key A set"]),
    set(
      "append onto an absent key stores a list as a list",
      #"Set{key = "A.B", value = {"a", "b"}, append = true}"#,
      after: #"{"A":{"B":["a","b"]}}"#, entries: ["Set: Key A.B set"]),
    set(
      "append onto null stores the value as it is",
      #"Set{key = "A", value = "x", append = "true"}"#,
      before: #"{"A":null}"#, after: #"{"A":"x"}"#, entries: ["Set: Key A set"]),
    set(
      #"append "yes" onto a scalar makes a list"#,
      #"Set{key = "A", value = "y", append = "yes"}"#,
      before: #"{"A":"x"}"#, after: #"{"A":["x","y"]}"#, entries: ["Set: Key A set"]),
    set(
      "append of a value equal to the scalar there gives a list of one (5 equals 5.0)",
      #"""
      Set{key = "A", value = "5", append = true}
      Set{key = "B", value = "5.0", append = true}
      """#,
      before: #"{"A":5,"B":5}"#, after: #"{"A":[5],"B":[5]}"#,
      entries: ["Set: Key A set", "Set: Key B set"]),
    set(
      "append onto a list: incoming values already present are skipped, old duplicates stay",
      #"Set{key = "A", value = '["b","c","c"]', append = true}"#,
      before: #"{"A":["a","a","b"]}"#, after: #"{"A":["a","a","b","c"]}"#,
      entries: ["Set: Key A set"]),
    set(
      "append of a list onto a scalar: the scalar first, then the new elements",
      #"Set{key = "A", value = {"x", "y", 1}, append = true}"#,
      before: #"{"A":"x"}"#, after: #"{"A":["x","y",1]}"#, entries: ["Set: Key A set"]),
    set(
      "append onto an object makes a list of objects",
      #"Set{key = "A", value = '{"y":2}', append = true}"#,
      before: #"{"A":{"x":1}}"#, after: #"{"A":[{"x":1},{"y":2}]}"#,
      entries: ["Set: Key A set"]),
    set(
      "append of an object equal to the one there, in another key order, adds nothing",
      #"Set{key = "A", value = '{"y":2,"x":1}', append = true}"#,
      before: #"{"A":{"x":1,"y":2}}"#, after: #"{"A":[{"x":1,"y":2}]}"#,
      entries: ["Set: Key A set"]),
    set(
      "append twice is idempotent",
      #"""
      Set{key = "Handled.Techniques", value = {"T1035", "T1569.002"}, append = true}
      Set{key = "Handled.Techniques", value = {"T1035", "T1569.002"}, append = true}
      """#,
      before: #"{"Handled":{"Other":1}}"#,
      after: #"{"Handled":{"Other":1,"Techniques":["T1035","T1569.002"]}}"#,
      entries: ["Set: Key Handled.Techniques set", "Set: Key Handled.Techniques set"]),
  ]

  // MARK: - Selectors

  static let selectors: [LuaCase] = [
    set(
      "a selector updates matched elements field by field and appends unmatched ones",
      #"""
      Set{key = "D(val.ID == obj.ID)", append = true,
        value = '[{"ID":1,"B":20,"C":30},{"ID":2,"A":2}]'}
      """#,
      before: #"{"D":[{"ID":1,"A":1,"B":2},{"ID":3,"A":3}]}"#,
      after: #"{"D":[{"ID":1,"A":1,"B":20,"C":30},{"ID":3,"A":3},{"ID":2,"A":2}]}"#,
      entries: ["Set: Key D(val.ID == obj.ID) set"]),
    set(
      "a selector at the end of a dotted path; siblings stay",
      #"Set{key = "Data.Items(val.ID == obj.ID)", value = {ID = "a", N = 2}, append = true}"#,
      before: #"{"Data":{"Items":[{"ID":"a","N":1,"M":0}],"Other":true}}"#,
      after: #"{"Data":{"Items":[{"ID":"a","N":2,"M":0}],"Other":true}}"#,
      entries: ["Set: Key Data.Items(val.ID == obj.ID) set"]),
    set(
      "a selector updates every element it matches",
      #"Set{key = "D(val.ID == obj.ID)", value = '{"ID":1,"A":9}', append = true}"#,
      before: #"{"D":[{"ID":1,"A":1},{"ID":2,"A":2},{"ID":1,"A":3}]}"#,
      after: #"{"D":[{"ID":1,"A":9},{"ID":2,"A":2},{"ID":1,"A":9}]}"#,
      entries: ["Set: Key D(val.ID == obj.ID) set"]),
    set(
      "a selector onto an absent key stores the value as it is",
      #"Set{key = "New(val.ID == obj.ID)", value = '{"ID":1}', append = true}"#,
      after: #"{"New":{"ID":1}}"#, entries: ["Set: Key New(val.ID == obj.ID) set"]),
    set(
      "a selector with two conditions needs both to match",
      #"""
      Set{key = "D(val.ID == obj.ID && val.T == obj.T)", append = true,
        value = '[{"ID":1,"T":"a","X":1},{"ID":1,"T":"b","X":2}]'}
      """#,
      before: #"{"D":[{"ID":1,"T":"a"}]}"#,
      after: #"{"D":[{"ID":1,"T":"a","X":1},{"ID":1,"T":"b","X":2}]}"#,
      entries: ["Set: Key D(val.ID == obj.ID && val.T == obj.T) set"]),
    set(
      "a selector without append is ignored: the value replaces what was there",
      #"Set{key = "D(val.ID == obj.ID)", value = '{"ID":1,"B":2}'}"#,
      before: #"{"D":[{"ID":1,"A":1}]}"#, after: #"{"D":{"ID":1,"B":2}}"#,
      entries: ["Set: Key D(val.ID == obj.ID) set"]),
  ]

  @Test("value decoding", arguments: decoding)
  func decodes(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("stringify", arguments: stringify)
  func stringifies(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("overwrite and dotted paths", arguments: overwrite)
  func overwrites(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("merge (append)", arguments: merge)
  func merges(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("selectors", arguments: selectors)
  func selects(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }
}
