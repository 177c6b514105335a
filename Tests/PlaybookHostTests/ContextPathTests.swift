import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Context keys")
struct ContextPathTests {
  @Test(
    "dotted keys split into segments",
    arguments: [
      ("Handled.Techniques", ["Handled", "Techniques"]),
      ("brandInstances", ["brandInstances"]),
      ("Handled Techniques.List", ["Handled Techniques", "List"]),
      ("A.B.C.D", ["A", "B", "C", "D"]),
    ])
  func segments(key: String, expected: [String]) throws {
    let path = try ContextPath(key)
    #expect(path.segments == expected)
    #expect(path.selector == nil)
    #expect(path.key == key)
    #expect(path.plainKey == key)
  }

  @Test("a trailing selector keeps its dots and is parsed")
  func selector() throws {
    let path = try ContextPath("Data.Items(val.ID == obj.ID)")
    #expect(path.segments == ["Data", "Items"])
    #expect(path.plainKey == "Data.Items")
    #expect(path.description == "Data.Items(val.ID == obj.ID)")
    let condition = ContextSelector.Condition(existingField: ["ID"], incomingField: ["ID"])
    #expect(path.selector == ContextSelector(conditions: [condition]))
  }

  @Test(
    "selector forms coa understands",
    arguments: [
      ("A(val.ID==obj.ID)", [(["ID"], ["ID"])]),
      ("A( val.ID == obj.Key )", [(["ID"], ["Key"])]),
      ("A(obj.Key == val.ID)", [(["ID"], ["Key"])]),
      ("A(val.Host.ID == obj.Host.ID)", [(["Host", "ID"], ["Host", "ID"])]),
      ("A(val.ID == obj.ID && val.Type == obj.Kind)", [(["ID"], ["ID"]), (["Type"], ["Kind"])]),
    ])
  func selectorForms(key: String, expected: [([String], [String])]) throws {
    let selector = try #require(try ContextPath(key).selector)
    #expect(selector.conditions.map(\.existingField) == expected.map(\.0))
    #expect(selector.conditions.map(\.incomingField) == expected.map(\.1))
  }

  @Test(
    "bad keys are errors naming the key",
    arguments: [
      ("", "bad context key \"\": the key is empty"),
      ("A..B", "bad context key \"A..B\": segment 2 is empty"),
      (".A", "bad context key \".A\": segment 1 is empty"),
      ("A.", "bad context key \"A.\": segment 2 is empty"),
      ("(val.ID == obj.ID)", "bad context key \"(val.ID == obj.ID)\": segment 1 is empty"),
      ("A(val.ID == obj.ID", "bad context key \"A(val.ID == obj.ID\": unbalanced parentheses"),
      ("A)", "bad context key \"A)\": unbalanced parentheses"),
      (
        "A(val.ID == obj.ID).B",
        "bad context key \"A(val.ID == obj.ID).B\": a selector in parentheses must end the key"
      ),
      (
        "A(val.ID == obj.ID)x",
        "bad context key \"A(val.ID == obj.ID)x\": a selector in parentheses must end the key"
      ),
      (
        "A(val.ID > obj.ID)",
        "bad context key \"A(val.ID > obj.ID)\": unsupported selector \"val.ID > obj.ID\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
      (
        "A(val.ID === obj.ID)",
        "bad context key \"A(val.ID === obj.ID)\": unsupported selector \"val.ID === obj.ID\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
      (
        "A(val.ID == val.ID)",
        "bad context key \"A(val.ID == val.ID)\": unsupported selector \"val.ID == val.ID\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
      (
        "A(val.ID == obj.ID || val.x == obj.x)",
        "bad context key \"A(val.ID == obj.ID || val.x == obj.x)\": unsupported selector"
          + " \"val.ID == obj.ID || val.x == obj.x\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
      (
        "A(true)",
        "bad context key \"A(true)\": unsupported selector \"true\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
      (
        "A()",
        "bad context key \"A()\": unsupported selector \"\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
      (
        "A(val. == obj.ID)",
        "bad context key \"A(val. == obj.ID)\": unsupported selector \"val. == obj.ID\""
          + " (coa understands val.X == obj.Y, several joined by &&)"
      ),
    ])
  func badKeys(key: String, message: String) {
    #expect(hostErrorMessage { _ = try ContextPath(key) } == message)
  }

  @Test("selector matching needs every condition, present on both sides")
  func matching() throws {
    let selector = try #require(try ContextPath("A(val.ID == obj.ID && val.T == obj.T)").selector)
    #expect(
      selector.matches(
        existing: try json(#"{"ID":1,"T":"x"}"#), incoming: try json(#"{"T":"x","ID":1.0}"#)))
    #expect(
      !selector.matches(
        existing: try json(#"{"ID":1,"T":"x"}"#), incoming: try json(#"{"ID":1,"T":"y"}"#)))
    #expect(!selector.matches(existing: try json(#"{"ID":1}"#), incoming: try json(#"{"ID":1}"#)))
    #expect(
      !selector.matches(
        existing: try json(#"{"ID":null,"T":null}"#), incoming: try json(#"{"ID":null,"T":null}"#)))
    #expect(!selector.matches(existing: "scalar", incoming: try json(#"{"ID":1,"T":"x"}"#)))
  }
}
