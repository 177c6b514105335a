import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("The merge routine")
struct ContextMergeTests {
  @Test(
    "merging without a selector",
    arguments: [
      // Absent or null: stored as it is.
      ("<absent>", #""T1""#, #""T1""#),
      ("<absent>", #"["T1"]"#, #"["T1"]"#),
      ("<absent>", #"["T1","T1"]"#, #"["T1","T1"]"#),
      ("<absent>", "[]", "[]"),
      ("<absent>", #"{"a":1}"#, #"{"a":1}"#),
      ("null", #""T1""#, #""T1""#),
      ("null", "null", "null"),
      // A lone scalar or object counts as one item.
      (#""T1""#, #""T2""#, #"["T1","T2"]"#),
      (#""T1""#, #""T1""#, #"["T1"]"#),
      (#""T1""#, "[]", #"["T1"]"#),
      (#"{"a":1}"#, #"{"b":2}"#, #"[{"a":1},{"b":2}]"#),
      (#"{"a":1,"b":2}"#, #"{"b":2,"a":1}"#, #"[{"a":1,"b":2}]"#),
      // Lists: existing items then new incoming items.
      (#"["T1035"]"#, #"["T1035","T1569.002"]"#, #"["T1035","T1569.002"]"#),
      (#"["a","a"]"#, #"["a","b"]"#, #"["a","a","b"]"#),
      (#"["a"]"#, #"["b","b"]"#, #"["a","b"]"#),
      ("[1,2]", "[2.0,3]", "[1,2,3]"),
      ("[1]", #"["1"]"#, #"[1,"1"]"#),
      ("[true]", "[true,false]", "[true,false]"),
      (#"[{"x":[1,2]}]"#, #"[{"x":[1,2]},{"x":[2,1]}]"#, #"[{"x":[1,2]},{"x":[2,1]}]"#),
      ("[null]", "[null,0]", "[null,0]"),
      // Incoming null changes nothing.
      (#""T1""#, "null", #""T1""#),
      (#"["a"]"#, "null", #"["a"]"#),
      // Big integers compare by their digits.
      (
        "[123456789012345678901234]", "[123456789012345678901234,1]",
        "[123456789012345678901234,1]"
      ),
    ])
  func plain(existing: String, incoming: String, expected: String) throws {
    let before: JSONValue? = existing == "<absent>" ? nil : try json(existing)
    let merged = ContextMerge.merge(existing: before, incoming: try json(incoming))
    #expect(text(merged) == expected)
  }

  @Test(
    "merging with a selector",
    arguments: [
      // Absent: stored as it is.
      ("<absent>", #"{"ID":1}"#, #"{"ID":1}"#),
      // Matching elements update field by field; other fields stay.
      (
        #"[{"ID":1,"A":"a","B":"b"}]"#, #"{"ID":1,"A":"x","C":"c"}"#,
        #"[{"ID":1,"A":"x","B":"b","C":"c"}]"#
      ),
      // Unmatched elements are appended.
      (#"[{"ID":1}]"#, #"[{"ID":2,"A":1},{"ID":3}]"#, #"[{"ID":1},{"ID":2,"A":1},{"ID":3}]"#),
      // A lone object counts as one item; the result is a list.
      (#"{"ID":1,"A":"a"}"#, #"{"ID":1,"A":"b"}"#, #"[{"ID":1,"A":"b"}]"#),
      // Every matching element is updated.
      (
        #"[{"ID":1,"N":1},{"ID":1,"N":2}]"#, #"{"ID":1,"X":true}"#,
        #"[{"ID":1,"N":1,"X":true},{"ID":1,"N":2,"X":true}]"#
      ),
      // Later incoming elements can match earlier appended ones.
      ("[]", #"[{"ID":5,"A":1},{"ID":5,"B":2}]"#, #"[{"ID":5,"A":1,"B":2}]"#),
      // A missing field never matches.
      (#"[{"A":1}]"#, #"{"A":2}"#, #"[{"A":1},{"A":2}]"#),
      // Nested objects are replaced, not merged.
      (#"[{"ID":1,"O":{"a":1}}]"#, #"{"ID":1,"O":{"b":2}}"#, #"[{"ID":1,"O":{"b":2}}]"#),
      // Non-object incoming elements are appended.
      (#"[{"ID":1}]"#, #""x""#, #"[{"ID":1},"x"]"#),
      // Numbers match by value.
      (#"[{"ID":1,"A":1}]"#, #"{"ID":1.0,"A":2}"#, #"[{"ID":1.0,"A":2}]"#),
    ])
  func selected(existing: String, incoming: String, expected: String) throws {
    let selector = try ContextPath("X(val.ID == obj.ID)").selector
    let before: JSONValue? = existing == "<absent>" ? nil : try json(existing)
    let merged = ContextMerge.merge(
      existing: before, incoming: try json(incoming), selector: selector)
    #expect(text(merged) == expected)
  }

  @Test(
    "sameness: numbers by value, objects in any order, strings by bytes",
    arguments: [
      ("5", "5.0", true),
      ("5", "5.5", false),
      ("0", "-0.0", true),
      (#""5""#, "5", false),
      (#"{"a":1,"b":[1,{"c":2}]}"#, #"{"b":[1,{"c":2.0}],"a":1}"#, true),
      (#"{"a":1}"#, #"{"a":1,"b":2}"#, false),
      ("[1,2]", "[2,1]", false),
      ("null", "false", false),
      ("123456789012345678901234", "123456789012345678901234", true),
      ("123456789012345678901234", "123456789012345678901235", false),
      (#""\u00e9""#, #""e\u0301""#, false),
    ])
  func sameness(left: String, right: String, same: Bool) throws {
    #expect(try json(left).isSameValue(as: try json(right)) == same)
    #expect(try json(right).isSameValue(as: try json(left)) == same)
  }

  @Test("a string and the same bytes are the same value")
  func bytesAndStrings() {
    #expect(JSONValue.string("ab").isSameValue(as: .bytes([0x61, 0x62])))
    #expect(!JSONValue.string("ab").isSameValue(as: .bytes([0x61, 0xFF])))
  }
}
