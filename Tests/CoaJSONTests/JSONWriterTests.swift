import CoaJSON
import Testing

@Suite struct JSONWriterTests {
  static let sample: JSONValue = [
    "name": "ransomware",
    "tags": ["a", "b"],
    "empty": [],
    "none": [:],
    "score": 7.5,
    "nested": ["ok": true, "n": nil, "list": [1, [2, 3], [:]]],
  ]

  @Test func compactHasNoWhitespace() {
    #expect(compact(["a": 1, "b": [1, 2]]) == #"{"a":1,"b":[1,2]}"#)
    #expect(
      compact(Self.sample)
        == #"{"name":"ransomware","tags":["a","b"],"empty":[],"none":{},"score":7.5,"#
        + #""nested":{"ok":true,"n":null,"list":[1,[2,3],{}]}}"#)
  }

  @Test func prettyIsPinned() {
    let expected = """
      {
        "name": "ransomware",
        "tags": [
          "a",
          "b"
        ],
        "empty": [],
        "none": {},
        "score": 7.5,
        "nested": {
          "ok": true,
          "n": null,
          "list": [
            1,
            [
              2,
              3
            ],
            {}
          ]
        }
      }
      """
    #expect(pretty(Self.sample) == expected)
    #expect(pretty([]) == "[]")
    #expect(pretty(5) == "5")
  }

  @Test func scalars() {
    #expect(compact(nil) == "null")
    #expect(compact(true) == "true")
    #expect(compact(false) == "false")
    #expect(compact(.int(0)) == "0")
    #expect(compact(.int(-42)) == "-42")
    #expect(compact(.int(.max)) == "9223372036854775807")
    #expect(compact(.int(.min)) == "-9223372036854775808")
    #expect(compact(.bigInt("-123456789012345678901234")) == "-123456789012345678901234")
  }

  @Test func doublesUseTheShortestRoundTrippingForm() {
    #expect(compact(.double(5)) == "5.0")
    #expect(compact(.double(0.1)) == "0.1")
    #expect(compact(.double(1e29)) == "1e+29")
    #expect(compact(.double(-0.0)) == "-0.0")
    #expect(compact(.double(1e-7)) == "1e-07")
    #expect(compact(.double(.leastNonzeroMagnitude)) == "5e-324")
    #expect(compact(.double(.greatestFiniteMagnitude)) == "1.7976931348623157e+308")
  }

  @Test func nonFiniteDoublesAreNull() {
    #expect(
      compact([.double(.infinity), .double(-.infinity), .double(.nan)]) == "[null,null,null]")
  }

  @Test func randomDoublesRoundTripBitForBit() throws {
    var random = SplitMix64(seed: 7)
    for _ in 0..<20_000 {
      let number = Double(bitPattern: random.next())
      guard number.isFinite else { continue }
      let text = compact(.double(number))
      guard case .double(let back) = try parse(text) else {
        Issue.record("\(text) did not read back as a double")
        continue
      }
      #expect(back.bitPattern == number.bitPattern, "\(text)")
    }
  }

  @Test func stringEscapes() throws {
    let text = "q\" b\\ s/ \n\r\t\u{8}\u{C} \u{0}\u{1}\u{1F}\u{7F} é 😀"
    #expect(
      compact(.string(text))
        == #""q\" b\\ s/ \n\r\t\b\f \u0000\u0001\u001f"# + "\u{7F} é 😀\"")
    #expect(try parse(compact(.string(text))) == .string(text))
  }

  @Test func longStringsEscapeAtEveryOffset() throws {
    for length in 0..<40 {
      let plain = String(repeating: "x", count: length)
      let text = plain + "\"" + plain + "\u{1}" + plain
      #expect(compact(.string(text)) == "\"\(plain)\\\"\(plain)\\u0001\(plain)\"")
    }
  }

  @Test func bytesAreWrittenAsTheyAre() {
    let bytes: [UInt8] = [0x61, 0xFF, 0x22, 0x0A, 0xC3]
    #expect(
      JSONWriter.write(.bytes(bytes)) == [0x22, 0x61, 0xFF, 0x5C, 0x22, 0x5C, 0x6E, 0xC3, 0x22])
  }

  @Test func keysAreEscaped() {
    #expect(compact(["a\"b": 1]) == #"{"a\"b":1}"#)
  }

  @Test func everyKindRoundTrips() throws {
    let value: JSONValue = [
      "null": nil, "true": true, "false": false, "int": 42, "negative": -7,
      "max": .int(.max), "min": .int(.min), "double": 2.5, "tiny": 1e-300, "big": 1e300,
      "bigInt": .bigInt("99999999999999999999999"), "string": "héllo\n\"w\"",
      "bytes": .bytes([0x80, 0x81]), "array": [1, "two", [3.0]], "object": ["k": ["z": 1, "a": 2]],
      "emptyArray": [], "emptyObject": [:],
    ]
    // Through bytes: `writeString` would repair the invalid UTF-8 of `.bytes`.
    #expect(try JSONParser.parse(JSONWriter.write(value)) == value)
    #expect(try JSONParser.parse(JSONWriter.write(value, pretty: true)) == value)
  }

  @Test func tenThousandElementArraysRoundTrip() throws {
    let value = JSONValue.array(
      (0..<10_000).map { index -> JSONValue in ["i": .int(Int64(index))] })
    #expect(try parse(compact(value)) == value)
    #expect(try parse(pretty(value)) == value)
  }
}
