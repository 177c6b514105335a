import CoaJSON
import Testing

@Suite struct JSONParserNumberTests {
  @Test func integerFloatAndExponentStayDistinct() throws {
    #expect(try parse("5") == .int(5))
    #expect(try parse("5.0") == .double(5))
    #expect(try parse("5e0") == .double(5))
    #expect(try parse("5E+1") == .double(50))
    #expect(try parse("-12") == .int(-12))
    #expect(try parse("0") == .int(0))
    #expect(try parse("-0") == .int(0))
  }

  @Test func negativeZeroDoubleKeepsItsSign() throws {
    guard case .double(let value) = try parse("-0.0") else {
      Issue.record("not a double")
      return
    }
    #expect(value == 0 && value.sign == .minus)
  }

  @Test func int64Limits() throws {
    #expect(try parse("9223372036854775807") == .int(.max))
    #expect(try parse("-9223372036854775808") == .int(.min))
    #expect(try parse("9223372036854775808") == .bigInt("9223372036854775808"))
    #expect(try parse("-9223372036854775809") == .bigInt("-9223372036854775809"))
    #expect(try parse("18446744073709551616") == .bigInt("18446744073709551616"))
  }

  @Test func bigIntegersKeepTheirDigits() throws {
    let digits = "123456789012345678901234567890123456789"
    #expect(try parse(digits) == .bigInt(digits))
    #expect(try parse("-" + digits) == .bigInt("-" + digits))
    #expect(compact(try parse("[\(digits),-\(digits)]")) == "[\(digits),-\(digits)]")
  }

  @Test(arguments: [
    "0.1", "0.30000000000000004", "1.7976931348623157e308", "5e-324",
    "2.2250738585072014e-308", "4.9406564584124654e-324", "123456789012345678901234567890.5",
    "9007199254740993.0", "0.000001234", "1e22", "1e23", "8.98846567431158e307",
    "3.141592653589793238462643383279", "-2.5e-5", "1234567.125e-3", "100000000000000000000.0",
  ])
  func doublesAreCorrectlyRounded(text: String) throws {
    let expected = try #require(Double(text))
    #expect(try parse(text) == .double(expected))
  }

  @Test func randomDecimalsMatchTheStandardLibrary() throws {
    var random = SplitMix64(seed: 42)
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...20, using: &random)
      var text = Bool.random(using: &random) ? "-" : ""
      text += String(Int.random(in: 1...9, using: &random))
      for _ in 1..<digits { text += String(Int.random(in: 0...9, using: &random)) }
      let point = Int.random(in: 0..<digits, using: &random)
      if point > 0 {
        let index = text.index(text.endIndex, offsetBy: -point)
        text.insert(".", at: index)
      }
      if Bool.random(using: &random) {
        text += "e\(Int.random(in: -330...310, using: &random))"
      }
      guard text.contains(".") || text.contains("e") else { continue }
      let expected = try #require(Double(text))
      guard expected.isFinite else { continue }
      #expect(try parse(text) == .double(expected), "\(text)")
    }
  }

  @Test func tinyNumbersUnderflowToZero() throws {
    #expect(try parse("1e-400") == .double(0))
  }
}

@Suite struct JSONParserStringTests {
  @Test func shortEscapes() throws {
    #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
  }

  @Test func unicodeEscapes() throws {
    #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    #expect(try parse(#""a\u00e9b""#) == .string("a\u{E9}b"))
    #expect(try parse(#""\u20AC""#) == .string("\u{20AC}"))
    #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try parse(#""\uD83D\uDE00 x""#) == .string("😀 x"))
  }

  @Test func rawMultibyteUTF8() throws {
    let text = "Zugriff verweigert – Müller 日本語 😀"
    #expect(try parse("\"\(text)\"") == .string(text))
  }

  @Test func longStringsWithSpecialsAtEveryOffset() throws {
    for length in 0..<40 {
      let plain = String(repeating: "a", count: length)
      #expect(try parse("\"\(plain)\"") == .string(plain))
      #expect(try parse("\"\(plain)\\n\(plain)\"") == .string(plain + "\n" + plain))
      #expect(try parse("\"\(plain)é\(plain)\"") == .string(plain + "é" + plain))
      #expect(parseError("\"\(plain)\u{1}\"")?.column == length + 2)
    }
  }

  @Test func invalidUTF8InAValueBecomesBytes() throws {
    let quote = UInt8(ascii: "\"")
    #expect(try parse(bytes: [quote, 0x61, 0xFF, 0x62, quote]) == .bytes([0x61, 0xFF, 0x62]))
    // Escapes are unescaped into the bytes.
    let escaped: [UInt8] = [quote, 0x5C, 0x6E, 0xC3, quote]
    #expect(try parse(bytes: escaped) == .bytes([0x0A, 0xC3]))
    // Overlong encoding, encoded surrogate, truncated sequence.
    #expect(try parse(bytes: [quote, 0xC0, 0x80, quote]) == .bytes([0xC0, 0x80]))
    #expect(try parse(bytes: [quote, 0xED, 0xA0, 0x80, quote]) == .bytes([0xED, 0xA0, 0x80]))
    #expect(try parse(bytes: [quote, 0xE2, 0x82, quote]) == .bytes([0xE2, 0x82]))
  }

  @Test func randomBytesAreStringsExactlyWhenValidUTF8() throws {
    var random = SplitMix64(seed: 1234)
    let interesting: [UInt8] = [
      0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90,
      0xF4, 0x8F, 0xF5, 0xFF,
    ]
    for _ in 0..<20_000 {
      let length = Int.random(in: 1...6, using: &random)
      let content = (0..<length).map { _ in interesting.randomElement(using: &random) ?? 0x41 }
      let quote = UInt8(ascii: "\"")
      let value = try parse(bytes: [quote] + content + [quote])
      if let text = String(validating: content, as: UTF8.self) {
        #expect(value == .string(text), "\(content)")
      } else {
        #expect(value == .bytes(content), "\(content)")
      }
    }
  }

  @Test func invalidUTF8IsWrittenBackByteIdentical() throws {
    let input: [UInt8] = Array(#"{"k":"a"#.utf8) + [0xFF, 0xFE] + Array(#"\"b","n":1}"#.utf8)
    let value = try parse(bytes: input)
    #expect(value.objectValue?["k"] == .bytes([0x61, 0xFF, 0xFE, 0x22, 0x62]))
    #expect(JSONWriter.write(value) == input)
  }
}

@Suite struct JSONParserStructureTests {
  @Test func literalsAndWhitespace() throws {
    #expect(try parse(" \t\r\n null \n") == .null)
    #expect(try parse("true") == .bool(true))
    #expect(try parse("false") == .bool(false))
    #expect(try parse("[ ]") == .array([]))
    #expect(try parse("{ }") == .object(JSONObject()))
    #expect(try parse("[1 , \"a\" ,{ \"b\" : [ ] } ]") == [1, "a", ["b": []]])
  }

  @Test func byteOrderMarkIsSkipped() throws {
    #expect(try parse(bytes: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
  }

  @Test func everyInputFormReadsTheSame() throws {
    let text = #"{"a":[1,2.5,"é"]}"#
    let expected: JSONValue = ["a": [1, 2.5, "é"]]
    #expect(try JSONParser.parse(text) == expected)
    #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    #expect(try JSONParser.parse(text.utf8) == expected)
    // A collection without contiguous storage.
    #expect(try JSONParser.parse(text.utf8.lazy.map { $0 }) == expected)
    #expect(try JSONParser.parse(Array(text.utf8)[...]) == expected)
  }

  @Test func keyOrderIsPreserved() throws {
    let text = #"{"zeta":1,"alpha":2,"mid":3,"beta":4}"#
    let value = try parse(text)
    #expect(value.objectValue?.keys == ["zeta", "alpha", "mid", "beta"])
    #expect(compact(value) == text)
  }

  @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
    let value = try parse(#"{"a":1,"b":2,"a":3}"#)
    #expect(value.objectValue?.keys == ["a", "b"])
    #expect(value.objectValue?["a"] == .int(3))
    var members = (0..<30).map { "\"k\($0)\":\($0)" }
    members.append(#""k7":"again""#)
    let large = try parse("{" + members.joined(separator: ",") + "}")
    #expect(large.objectValue?.count == 30)
    #expect(large.objectValue?.index(forKey: "k7") == 7)
    #expect(large.objectValue?["k7"] == "again")
  }

  @Test func depthLimit() throws {
    #expect(JSONValue.maxDepth == 512)
    #expect(throws: Never.self) { try parse(nestedArrays(512, inner: "1")) }
    let error = parseError(nestedArrays(513))
    #expect(
      error == JSONParseError(line: 1, column: 513, message: "nesting is deeper than 512 levels"))
    let objects =
      String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512)
    #expect(throws: Never.self) { try parse(objects) }
    #expect(parseError("[" + objects + "]")?.message == "nesting is deeper than 512 levels")
  }

  @Test func deepInputFarBeyondTheLimitFailsCleanly() {
    #expect(parseError(String(repeating: "[", count: 100_000))?.column == 513)
  }

  @Test func tenThousandElementArrays() throws {
    let elements = (0..<10_000).map { JSONValue.int(Int64($0) * 7 - 5000) }
    let text = compact(.array(elements))
    #expect(try parse(text) == .array(elements))
    let strings = (0..<10_000).map { JSONValue.string("item \($0)") }
    #expect(try parse(compact(.array(strings))) == .array(strings))
  }
}
