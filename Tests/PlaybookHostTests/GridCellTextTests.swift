import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("SetGridField nested values as text")
struct GridCellTextTests {
  @Test(
    "nested values render as text; scalars stay typed",
    arguments: [
      (#"{"k":"v","n":2}"#, #""k: v\nn: 2""#),
      (#"{"f":1.5,"t":true,"z":null,"e":""}"#, #""f: 1.5\nt: true\nz: \ne: ""#),
      (#"{"big":123456789012345678901234,"d":2.0}"#, #""big: 123456789012345678901234\nd: 2.0""#),
      (#"{"deep":{"a":[1,"x"]}}"#, #""deep: {\"a\":[1,\"x\"]}""#),
      (#"["a","b"]"#, #""a\n\nb""#),
      (#"[{"k":1},{"k":2,"j":3}]"#, #""k: 1\n\nk: 2\nj: 3""#),
      (#"[1,true,null,[2]]"#, #""1\n\ntrue\n\n\n\n[2]""#),
      ("[]", #""""#),
      ("{}", #""""#),
      ("5", "5"),
      (#""s""#, #""s""#),
      ("null", "null"),
      ("false", "false"),
    ])
  func rendering(value: String, expected: String) throws {
    let cellText = GridCellText(nestedKeys: .all)
    #expect(text(cellText.cell(try json(value))) == expected)
  }

  @Test("keys_from_nested keeps the named keys, in order, missing ones empty")
  func nestedKeys() throws {
    let cellText = GridCellText(nestedKeys: .named(["c", "a", "z"]))
    let value = try json(#"{"a":1,"b":2,"c":3}"#)
    #expect(text(cellText.cell(value)) == #""c: 3\na: 1\nz: ""#)
    let list = try json(#"[{"a":1,"b":2},{"c":""}]"#)
    #expect(text(cellText.cell(list)) == #""c: \na: 1\nz: \n\nc: \na: \nz: ""#)
  }

  @Test("keys_from_nested applies in a grid built from a list of objects")
  func inGrid() throws {
    let rows = try gridRows(
      #"{"grid_id":"grid","context_path":"P","columns":"Name,Info","#
        + #""keys_from_nested":"k"}"#,
      context: #"{"P":[{"name":"a","info":{"k":"v","other":1}},{"name":"b","info":[]}]}"#)
    #expect(rows == #"[{"name":"a","info":"k: v"},{"name":"b","info":""}]"#)
  }

  @Test(
    "plain text of scalars",
    arguments: [
      ("5", "5"), ("-7", "-7"), ("1.5", "1.5"), ("2.0", "2.0"), ("1e300", "1e+300"),
      ("true", "true"), ("false", "false"), ("null", ""), (#""a\"b""#, #"a"b"#),
      ("123456789012345678901234", "123456789012345678901234"),
    ])
  func plainText(value: String, expected: String) throws {
    #expect(try json(value).plainText == expected)
  }
}
