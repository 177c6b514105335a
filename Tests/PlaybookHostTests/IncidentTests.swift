import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Incident document")
struct IncidentTests {
  @Test("fields, CustomFields and context are read")
  func reads() throws {
    let incident = try Incident(
      document: try json(
        #"{"id":"7","name":"n","CustomFields":{"grid":null},"context":{"A":1}}"#))
    #expect(incident.field("id") == "7")
    #expect(incident.field("missing") == nil)
    #expect(incident.gridValue("grid") == .null)
    #expect(incident.gridValue("other") == nil)
    #expect(text(incident.context.value) == #"{"A":1}"#)
  }

  @Test("an untouched incident is written back exactly as read")
  func untouched() throws {
    for document in [
      #"{"id":"7","context":null,"CustomFields":{"g":[]},"z":[1,2.5]}"#,
      #"{"id":"7","context":{},"CustomFields":null}"#,
      #"{"id":"7","context":{"A":{"B":1}}}"#,
      #"{"id":"7"}"#,
      "{}",
    ] {
      let incident = try Incident(document: try json(document))
      #expect(text(incident.document) == document)
    }
  }

  @Test("a context key that was absent is added at the end, only when non-empty")
  func contextAdded() throws {
    var incident = try Incident(document: try json(#"{"id":"7","CustomFields":{}}"#))
    try incident.context.overwrite(try ContextPath("Handled.Techniques"), with: ["T1"])
    #expect(
      text(incident.document)
        == #"{"id":"7","CustomFields":{},"context":{"Handled":{"Techniques":["T1"]}}}"#)
  }

  @Test("a context key that was there keeps its place")
  func contextInPlace() throws {
    var incident = try Incident(document: try json(#"{"context":null,"id":"7"}"#))
    try incident.context.overwrite(try ContextPath("A"), with: 1)
    #expect(text(incident.document) == #"{"context":{"A":1},"id":"7"}"#)
  }

  @Test("setting a grid replaces its value in place, creating CustomFields if needed")
  func grids() throws {
    var incident = try Incident(
      document: try json(#"{"CustomFields":{"a":1,"g":"old","b":2},"id":"7"}"#))
    incident.setGrid("g", to: [["x": 1]])
    #expect(text(incident.document) == #"{"CustomFields":{"a":1,"g":[{"x":1}],"b":2},"id":"7"}"#)

    var bare = try Incident(document: try json(#"{"id":"7","CustomFields":null}"#))
    bare.setGrid("g", to: [])
    #expect(text(bare.document) == #"{"id":"7","CustomFields":{"g":[]}}"#)
  }

  @Test("an empty incident")
  func empty() {
    let incident = Incident()
    #expect(text(incident.document) == "{}")
    #expect(incident.customFields.isEmpty)
  }

  @Test(
    "malformed incidents are errors",
    arguments: [
      ("[]", "incident: expected a JSON object (found array)"),
      (#""x""#, #"incident: expected a JSON object (found string "x")"#),
      (#"{"CustomFields":[]}"#, #"incident: "CustomFields" is not an object (found array)"#),
      (#"{"context":"x"}"#, #"incident: "context" is not an object (found string "x")"#),
    ])
  func malformed(document: String, message: String) throws {
    let value = try json(document)
    #expect(hostErrorMessage { _ = try Incident(document: value) } == message)
  }
}
