import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Set")
struct SetNativeTests {
  /// Runs Set with `arguments` on `context` and returns the outcome.
  func set(_ arguments: String, on context: inout Context) throws -> SetOutcome {
    try SetNative(arguments: try object(arguments)).run(on: &context)
  }

  @Test(
    "string values are decoded as JSON when possible",
    arguments: [
      ("5", "5"),
      ("1.50", "1.5"),
      ("true", "true"),
      ("false", "false"),
      ("null", "null"),
      (#"["T1035","T1569.002"]"#, #"["T1035","T1569.002"]"#),
      (#"["5"]"#, #"["5"]"#),
      (#"{"a":1}"#, #"{"a":1}"#),
      (#""quoted""#, #""quoted""#),
      (" 7 ", "7"),
      ("-0", "0"),
      ("1e3", "1000.0"),
      ("12345678901234567890123", "12345678901234567890123"),
      ("007", #""007""#),
      ("0x1A", #""0x1A""#),
      ("a,b", #""a,b""#),
      ("", #""""#),
      ("T1035", #""T1035""#),
      ("NaN", #""NaN""#),
      ("[1,", #""[1,""#),
      ("True", #""True""#),
    ])
  func decoding(raw: String, expected: String) {
    #expect(text(SetNative.decode(.string(raw), stringify: false)) == expected)
  }

  @Test(
    "stringify keeps strings byte for byte and writes anything else as compact JSON",
    arguments: [
      (#""5""#, #""5""#),
      (#"" a,b ""#, #"" a,b ""#),
      (#""[1, 2]""#, #""[1, 2]""#),
      ("5", #""5""#),
      ("1.5", #""1.5""#),
      ("true", #""true""#),
      (#"["T1035", "T1569.002"]"#, #""[\"T1035\",\"T1569.002\"]""#),
      (#"{"b": 1, "a": [true]}"#, #""{\"b\":1,\"a\":[true]}""#),
      ("12345678901234567890123", #""12345678901234567890123""#),
    ])
  func stringify(raw: String, expected: String) throws {
    #expect(text(SetNative.decode(try json(raw), stringify: true)) == expected)
  }

  @Test("typed values are stored as they are without stringify")
  func typedValues() throws {
    for raw in ["5", "1.5", "true", #"["5"]"#, #"{"a":"1"}"#, "123456789012345678901234"] {
      let value = try json(raw)
      #expect(SetNative.decode(value, stringify: false) == value)
    }
    let bytes = JSONValue.bytes([0xFF, 0x31])
    #expect(SetNative.decode(bytes, stringify: false) == bytes)
    #expect(SetNative.decode(bytes, stringify: true) == bytes)
  }

  @Test("overwrite when append is missing, empty or false")
  func overwrites() throws {
    for append in [
      "", #","append":false"#, #","append":"false""#, #","append":"No""#,
      #","append":"""#,
    ] {
      var context = try context(#"{"Handled":{"Techniques":["T1"],"Other":1}}"#)
      let outcome = try set(
        #"{"key":"Handled.Techniques","value":"[\"T2\"]"\#(append)}"#, on: &context)
      #expect(text(context.value) == #"{"Handled":{"Techniques":["T2"],"Other":1}}"#)
      #expect(!outcome.merged)
    }
  }

  @Test("merge when append is true, yes or a boolean")
  func appends() throws {
    for append in ["true", #""true""#, #""YES""#, #"" yes""#] {
      var context = try context(#"{"Handled":{"Techniques":["T1035"]}}"#)
      let outcome = try set(
        #"{"key":"Handled.Techniques","value":["T1035","T1569.002"],"append":\#(append)}"#,
        on: &context)
      #expect(text(outcome.stored) == #"["T1035","T1569.002"]"#)
      #expect(text(outcome.value) == #"["T1035","T1569.002"]"#)
      #expect(outcome.merged)
    }
  }

  @Test("the playbook's Set on a fresh context stores the list as it is")
  func freshAppend() throws {
    var context = Context()
    let outcome = try set(
      #"{"key":"Handled.Techniques","value":"[\"T1035\",\"T1569.002\"]","append":"true"}"#,
      on: &context)
    #expect(text(context.value) == #"{"Handled":{"Techniques":["T1035","T1569.002"]}}"#)
    #expect(outcome.entryText == "Key Handled.Techniques set")
  }

  @Test("appending a single string to nothing stores a string; to a string makes a list")
  func appendScalars() throws {
    var context = Context()
    _ = try set(#"{"key":"A","value":"x","append":true}"#, on: &context)
    #expect(text(context.value) == #"{"A":"x"}"#)
    _ = try set(#"{"key":"A","value":"y","append":true}"#, on: &context)
    #expect(text(context.value) == #"{"A":["x","y"]}"#)
    _ = try set(#"{"key":"A","value":"x","append":true}"#, on: &context)
    #expect(text(context.value) == #"{"A":["x","y"]}"#)
  }

  @Test("a key with a selector merges when appending")
  func selectorKey() throws {
    var context = try context(#"{"D":[{"ID":1,"A":1}]}"#)
    let outcome = try set(
      #"{"key":"D(val.ID == obj.ID)","value":"{\"ID\":1,\"B\":2}","append":true}"#,
      on: &context)
    #expect(outcome.merged)
    #expect(text(context.value) == #"{"D":[{"ID":1,"A":1,"B":2}]}"#)
    #expect(outcome.entryText == "Key D(val.ID == obj.ID) set")
  }

  @Test("big integers keep their exact digits in the context")
  func bigIntegers() throws {
    var context = Context()
    _ = try set(#"{"key":"N","value":"123456789012345678901234567890"}"#, on: &context)
    #expect(context.root["N"] == .bigInt("123456789012345678901234567890"))
    _ = try set(#"{"key":"M","value":9007199254740993}"#, on: &context)
    #expect(context.root["M"] == .int(9_007_199_254_740_993))
  }

  @Test(
    "argument errors",
    arguments: [
      (#"{"value":1}"#, "bad argument 'key' to 'Set' (string expected, got no value)"),
      (#"{"key":"","value":1}"#, "bad argument 'key' to 'Set' (string expected, got no value)"),
      (#"{"key":5,"value":1}"#, "bad argument 'key' to 'Set' (string expected, got number 5)"),
      (#"{"key":"A"}"#, "bad argument 'value' to 'Set' (value expected, got no value)"),
      (
        #"{"key":"A","value":null}"#,
        "bad argument 'value' to 'Set' (value expected, got no value)"
      ),
      (
        #"{"key":"A","value":1,"append":"maybe"}"#,
        #"bad argument 'append' to 'Set' (true, yes, false or no expected, got string "maybe")"#
      ),
      (
        #"{"key":"A","value":1,"stringify":2}"#,
        "bad argument 'stringify' to 'Set' (true, yes, false or no expected, got number 2)"
      ),
      (#"{"key":"A..B","value":1}"#, #"bad context key "A..B": segment 2 is empty"#),
    ])
  func argumentErrors(arguments: String, message: String) throws {
    let values = try object(arguments)
    #expect(hostErrorMessage { _ = try SetNative(arguments: values) } == message)
  }

  @Test("writing through a list is an error")
  func blocked() throws {
    var context = try context(#"{"A":[1]}"#)
    let native = try SetNative(arguments: try object(#"{"key":"A.B","value":1}"#))
    #expect(
      hostErrorMessage { _ = try native.run(on: &context) }
        == #"cannot write "A.B": "A" is not an object (found array)"#)
  }
}
