import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Context reads and writes")
struct ContextTests {
  static let sample = #"""
    {"Handled": {"Techniques": ["T1035"]},
     "Hosts": [{"Name": "a", "IP": ["1.1.1.1", "1.1.1.2"]}, {"Name": "b", "IP": "2.2.2.2"},
               {"Other": 1}, "text", {"Name": null}],
     "Empty": [], "Null": null, "Text": "x"}
    """#

  @Test(
    "reading walks objects and maps over lists, flattening one level",
    arguments: [
      ("Handled.Techniques", #"["T1035"]"#),
      ("Handled", #"{"Techniques":["T1035"]}"#),
      ("Hosts.Name", #"["a","b",null]"#),
      ("Hosts.IP", #"["1.1.1.1","1.1.1.2","2.2.2.2"]"#),
      ("Hosts.Other", "[1]"),
      ("Hosts.Missing", "<nothing>"),
      ("Empty.Name", "<nothing>"),
      ("Null", "null"),
      ("Null.A", "<nothing>"),
      ("Text.A", "<nothing>"),
      ("Missing", "<nothing>"),
      ("Missing.Deeper", "<nothing>"),
      ("Handled.Techniques(val.ID == obj.ID)", #"["T1035"]"#),
    ])
  func reads(key: String, expected: String) throws {
    let context = try context(Self.sample)
    #expect(text(try context.read(key: key)) == expected)
  }

  @Test("overwrite replaces the value and leaves siblings alone")
  func overwriteKeepsSiblings() throws {
    var context = try context(#"{"A":{"B":1,"C":2},"D":3}"#)
    try context.overwrite(try ContextPath("A.B"), with: ["x"])
    #expect(text(context.value) == #"{"A":{"B":["x"],"C":2},"D":3}"#)
  }

  @Test("overwrite creates intermediate objects, appended after existing keys")
  func overwriteCreates() throws {
    var context = try context(#"{"Z":1}"#)
    try context.overwrite(try ContextPath("Handled.Techniques"), with: "T1")
    #expect(text(context.value) == #"{"Z":1,"Handled":{"Techniques":"T1"}}"#)
  }

  @Test("overwrite replaces an intermediate null with an object")
  func overwriteThroughNull() throws {
    var context = try context(#"{"A":null}"#)
    try context.overwrite(try ContextPath("A.B"), with: 1)
    #expect(text(context.value) == #"{"A":{"B":1}}"#)
  }

  @Test("overwrite with a selector writes the plain path")
  func overwriteIgnoresSelector() throws {
    var context = Context()
    try context.overwrite(try ContextPath("A(val.ID == obj.ID)"), with: 1)
    #expect(text(context.value) == #"{"A":1}"#)
  }

  @Test(
    "writing through a list or a scalar is an error and changes nothing",
    arguments: [
      ("L.B", #"cannot write "L.B": "L" is not an object (found array)"#),
      ("S.B", #"cannot write "S.B": "S" is not an object (found string "x")"#),
      ("O.N.B", #"cannot write "O.N.B": "O.N" is not an object (found number 5)"#),
      ("O.T.B", #"cannot write "O.T.B": "O.T" is not an object (found boolean true)"#),
    ])
  func blocked(key: String, message: String) throws {
    let original = try context(#"{"L":[{"B":1}],"S":"x","O":{"N":5,"T":true}}"#)
    var context = original
    #expect(hostErrorMessage { try context.overwrite(try ContextPath(key), with: 1) } == message)
    #expect(hostErrorMessage { try context.merge(try ContextPath(key), with: 1) } == message)
    #expect(context == original)
  }

  @Test("merge goes through the merge routine and returns what it stored")
  func mergeStores() throws {
    var context = try context(#"{"Handled":{"Techniques":"T1035"}}"#)
    let stored = try context.merge(try ContextPath("Handled.Techniques"), with: ["T1035", "T2"])
    #expect(text(stored) == #"["T1035","T2"]"#)
    #expect(text(context.value) == #"{"Handled":{"Techniques":["T1035","T2"]}}"#)
  }

  @Test("merge with a selector updates matching elements")
  func mergeSelector() throws {
    var context = try context(#"{"D":{"Items":[{"ID":1,"A":"old","B":"keep"}]}}"#)
    try context.merge(
      try ContextPath("D.Items(val.ID == obj.ID)"),
      with: try json(#"[{"ID":1,"A":"new"},{"ID":2}]"#))
    #expect(
      text(context.value) == #"{"D":{"Items":[{"ID":1,"A":"new","B":"keep"},{"ID":2}]}}"#)
  }

  @Test("merge reads the exact path, not through lists")
  func mergeDoesNotFlatten() throws {
    var context = try context(#"{"A":[{"B":1}]}"#)
    #expect(
      hostErrorMessage { try context.merge(try ContextPath("A.B"), with: 2) }
        == #"cannot write "A.B": "A" is not an object (found array)"#)
  }

  @Test("an empty context")
  func empty() {
    let context = Context()
    #expect(context.isEmpty)
    #expect(text(context.value) == "{}")
  }
}
