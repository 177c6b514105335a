import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("SetGridField sort_by")
struct GridSortTests {
  func sorted(_ rows: String, by columns: String, keys: String = "a,b") throws -> String {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","columns":"\#(keys)","sort_by":"\#(columns)"}"#
    return try gridRows(arguments, context: #"{"P":\#(rows)}"#)
  }

  @Test(
    "ascending, stable, by each column in order",
    arguments: [
      (#"[{"a":"b"},{"a":"a"},{"a":"c"}]"#, "a", #"[{"a":"a"},{"a":"b"},{"a":"c"}]"#),
      (#"[{"a":10},{"a":9},{"a":-1.5}]"#, "a", #"[{"a":-1.5},{"a":9},{"a":10}]"#),
      (
        #"[{"a":2,"b":"y"},{"a":1,"b":"z"},{"a":2,"b":"x"}]"#, "a,b",
        #"[{"a":1,"b":"z"},{"a":2,"b":"x"},{"a":2,"b":"y"}]"#
      ),
      (
        #"[{"a":2,"b":"y"},{"a":1,"b":"z"},{"a":2,"b":"x"}]"#, "b,a",
        #"[{"a":2,"b":"x"},{"a":2,"b":"y"},{"a":1,"b":"z"}]"#
      ),
      (
        #"[{"a":1,"b":"first"},{"a":0},{"a":1,"b":"second"}]"#, "a",
        #"[{"a":0},{"a":1,"b":"first"},{"a":1,"b":"second"}]"#
      ),
      (#"[{"a":"b"},{"b":1},{"a":"a"}]"#, "a", #"[{"a":"a"},{"a":"b"},{"b":1}]"#),
      (
        #"[{"a":"a"},{"a":"B"},{"a":"é"},{"a":"Z"}]"#, "a",
        #"[{"a":"B"},{"a":"Z"},{"a":"a"},{"a":"é"}]"#
      ),
      (#"[{"a":true},{"a":false}]"#, "a", #"[{"a":false},{"a":true}]"#),
      (
        #"[{"a":123456789012345678901234},{"a":-123456789012345678901234},{"a":5}]"#, "a",
        #"[{"a":-123456789012345678901234},{"a":5},{"a":123456789012345678901234}]"#
      ),
      (#"[{"a":2},{"a":1}]"#, "A", #"[{"a":1},{"a":2}]"#),
    ])
  func sorting(rows: String, columns: String, expected: String) throws {
    #expect(try sorted(rows, by: columns) == expected)
  }

  @Test("sort_by is normalised like columns")
  func normalised() throws {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","columns":"First Name","sort_by":"First Name"}"#
    let rows = try gridRows(arguments, context: #"{"P":[{"n":"b"},{"n":"a"}]}"#)
    #expect(rows == #"[{"firstname":"a"},{"firstname":"b"}]"#)
  }

  @Test("an unknown sort column sorts nothing and warns")
  func unknownColumn() throws {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","columns":"a","sort_by":"a,nope,Other"}"#
    let outcome = try gridOutcome(arguments, context: #"{"P":[{"a":2},{"a":1}]}"#)
    #expect(text(outcome.rows) == #"[{"a":2},{"a":1}]"#)
    #expect(outcome.warnings == [.unknownSortColumns(["nope", "other"])])
    #expect(
      outcome.warnings.map(\.message)
        == [#"sort_by names unknown columns "nope", "other"; the grid was not sorted"#])
    #expect(
      HostWarning.unknownSortColumns(["x"]).message
        == #"sort_by names unknown column "x"; the grid was not sorted"#)
  }

  @Test("a column of the old rows is known")
  func oldRowColumn() throws {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","columns":"a","sort_by":"z","overwrite":false}"#
    let outcome = try gridOutcome(
      arguments, context: #"{"P":[{"a":1}]}"#, customFields: #"{"grid":[{"z":2},{"z":1}]}"#)
    #expect(text(outcome.rows) == #"[{"z":1},{"z":2},{"a":1}]"#)
    #expect(outcome.warnings.isEmpty)
  }

  @Test(
    "sort columns mixing kinds or holding lists are errors",
    arguments: [
      (#"[{"a":1},{"a":"1"}]"#, #"cannot sort by column "a": it mixes numbers and strings"#),
      (
        #"[{"a":true},{"a":"x"},{"a":2}]"#,
        #"cannot sort by column "a": it mixes numbers, strings and booleans"#
      ),
      (#"[{"a":1},{"a":false}]"#, #"cannot sort by column "a": it mixes numbers and booleans"#),
    ])
  func sortErrors(rows: String, message: String) throws {
    let arguments = #"{"grid_id":"grid","context_path":"P","columns":"a","sort_by":"a"}"#
    #expect(try gridError(arguments, context: #"{"P":\#(rows)}"#) == message)
  }

  @Test("an old row holding a list in a sort column is an error")
  func unsortable() throws {
    let arguments =
      #"{"grid_id":"grid","context_path":"P","columns":"a","sort_by":"a","overwrite":"no"}"#
    #expect(
      try gridError(
        arguments, context: #"{"P":[{"a":1}]}"#, customFields: #"{"grid":[{"a":[1]}]}"#)
        == #"cannot sort by column "a": row 2 is not a string, number or boolean (found array)"#)
  }
}
