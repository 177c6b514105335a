import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Argument coercions")
struct NativeArgumentsTests {
  func arguments(_ text: String) throws -> NativeArguments {
    NativeArguments(function: "F", values: try object(text))
  }

  @Test(
    "list arguments",
    arguments: [
      (#"{"l":["a"," b ",3]}"#, #"["a"," b ",3]"#),
      (#"{"l":"[\"T1035\",\"T1569.002\"]"}"#, #"["T1035","T1569.002"]"#),
      (#"{"l":"  [1, 2]  "}"#, "[1,2]"),
      (#"{"l":"a, b ,c"}"#, #"["a","b","c"]"#),
      (#"{"l":"a,,b, "}"#, #"["a","b"]"#),
      (#"{"l":"single"}"#, #"["single"]"#),
      (#"{"l":"[not json"}"#, #"["[not json"]"#),
      (#"{"l":"[a,b]"}"#, #"["[a","b]"]"#),
      (#"{"l":"{\"a\":1}"}"#, #"["{\"a\":1}"]"#),
      (#"{"l":5}"#, "[5]"),
      (#"{"l":true}"#, "[true]"),
      (#"{"l":""}"#, "<nothing>"),
      (#"{"l":" , "}"#, "<nothing>"),
      (#"{"l":[]}"#, "<nothing>"),
      (#"{"l":"[]"}"#, "<nothing>"),
      (#"{"l":null}"#, "<nothing>"),
      ("{}", "<nothing>"),
    ])
  func lists(values: String, expected: String) throws {
    let list = try arguments(values).list("l")
    #expect(text(list.map(JSONValue.array)) == expected)
  }

  @Test(
    "name lists trim, turn scalars into text and drop blanks",
    arguments: [
      (#"{"l":[" a ",5,true,null,""]}"#, ["a", "5", "true"]),
      (#"{"l":"Cortex XDR - IR , Other"}"#, ["Cortex XDR - IR", "Other"]),
      (#"{"l":"[\" x \", 1.5]"}"#, ["x", "1.5"]),
    ])
  func names(values: String, expected: [String]) throws {
    #expect(try arguments(values).names("l") == expected)
  }

  @Test("a list argument refuses objects, and names refuse nested lists")
  func listErrors() throws {
    let objectArgument = try arguments(#"{"l":{"a":1}}"#)
    #expect(
      hostErrorMessage { _ = try objectArgument.list("l") }
        == "bad argument 'l' to 'F' (list expected, got object)")
    let nested = try arguments(#"{"l":["a",["b"]]}"#)
    #expect(
      hostErrorMessage { _ = try nested.names("l") }
        == "bad argument 'l' to 'F' (list of strings expected, got array)")
    let nestedObject = try arguments(#"{"l":[{"a":1}]}"#)
    #expect(
      hostErrorMessage { _ = try nestedObject.names("l") }
        == "bad argument 'l' to 'F' (list of strings expected, got object)")
  }

  @Test(
    "boolean arguments",
    arguments: [
      (#"{"b":true}"#, true),
      (#"{"b":false}"#, false),
      (#"{"b":"true"}"#, true),
      (#"{"b":"TRUE"}"#, true),
      (#"{"b":"Yes"}"#, true),
      (#"{"b":" no "}"#, false),
      (#"{"b":"False"}"#, false),
      (#"{"b":"NO"}"#, false),
    ])
  func booleans(values: String, expected: Bool) throws {
    #expect(try arguments(values).boolean("b", default: !expected) == expected)
  }

  @Test(
    "missing or empty booleans take the default",
    arguments: ["{}", #"{"b":null}"#, #"{"b":""}"#, #"{"b":"  "}"#, #"{"b":[]}"#])
  func booleanDefaults(values: String) throws {
    #expect(try arguments(values).boolean("b", default: true))
    #expect(try !arguments(values).boolean("b", default: false))
  }

  @Test(
    "anything else is an error naming the argument",
    arguments: [
      (#"{"b":"maybe"}"#, #"got string "maybe""#),
      (#"{"b":1}"#, "got number 1"),
      (#"{"b":0}"#, "got number 0"),
      (#"{"b":"1"}"#, #"got string "1""#),
      (#"{"b":"t"}"#, #"got string "t""#),
      (#"{"b":["true"]}"#, "got array"),
      (#"{"b":{"a":1}}"#, "got object"),
    ])
  func booleanErrors(values: String, found: String) throws {
    let arguments = try arguments(values)
    #expect(
      hostErrorMessage { _ = try arguments.boolean("b", default: false) }
        == "bad argument 'b' to 'F' (true, yes, false or no expected, \(found))")
  }

  @Test(
    "missing or empty",
    arguments: [
      ("{}", true), (#"{"a":null}"#, true), (#"{"a":""}"#, true), (#"{"a":" \t"}"#, true),
      (#"{"a":[]}"#, true), (#"{"a":{}}"#, true), (#"{"a":0}"#, false),
      (#"{"a":false}"#, false), (#"{"a":"x"}"#, false), (#"{"a":[null]}"#, false),
    ])
  func missingOrEmpty(values: String, expected: Bool) throws {
    #expect(try arguments(values).isMissingOrEmpty("a") == expected)
  }

  @Test("required values and strings")
  func required() throws {
    let values = try arguments(#"{"s":" x ","e":"","n":5,"z":null}"#)
    #expect(try values.requiredString("s") == " x ")
    #expect(try values.requiredValue("e") == "")
    #expect(try values.requiredValue("n") == 5)
    #expect(
      hostErrorMessage { _ = try values.requiredValue("z") }
        == "bad argument 'z' to 'F' (value expected, got no value)")
    #expect(
      hostErrorMessage { _ = try values.requiredString("e") }
        == "bad argument 'e' to 'F' (string expected, got no value)")
    #expect(
      hostErrorMessage { _ = try values.requiredString("missing") }
        == "bad argument 'missing' to 'F' (string expected, got no value)")
    #expect(
      hostErrorMessage { _ = try values.requiredString("n") }
        == "bad argument 'n' to 'F' (string expected, got number 5)")
  }
}
