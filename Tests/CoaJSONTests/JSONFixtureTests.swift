import CoaJSON
import Foundation
import Testing

@Suite struct JSONFixtureTests {
  /// The fixture with the whitespace outside strings removed.
  static func minified(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var inString = false
    var escaped = false
    for byte in bytes {
      if inString {
        output.append(byte)
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
        output.append(byte)
      } else if ![0x20, 0x0A, 0x0D, 0x09].contains(byte) {
        output.append(byte)
      }
    }
    return output
  }

  @Test func incidentReadsWithEveryKind() throws {
    let incident = try #require(try JSONParser.parse(fixture("incident-5k.json")).objectValue)
    #expect(incident.keys.prefix(4) == ["id", "version", "name", "type"])
    #expect(incident["severity"] == 3)
    let fields = try #require(incident["CustomFields"]?.objectValue)
    #expect(fields["handledtechniques"] == [])
    #expect(fields["riskscore"] == 87.5)
    #expect(fields["sequencenumber"] == .bigInt("12345678901234567890"))
    #expect(fields["geolocation"]?.objectValue?["city"] == "München")
    #expect(incident["labels"]?.arrayValue?.count == 6)
    #expect(incident["context"]?.objectValue?["Ticket"]?.objectValue?["Priority"] == 2)
  }

  @Test func compactOutputIsTheFixtureWithoutWhitespace() throws {
    let bytes = try fixture("incident-5k.json")
    let value = try JSONParser.parse(bytes)
    #expect(JSONWriter.write(value) == Self.minified(bytes))
  }

  @Test func prettyOutputIsTheFixtureItself() throws {
    // The fixture was written by Python's json.dumps(indent=2, ensure_ascii=False), whose
    // layout the pretty writer shares; the file ends with a newline the writer leaves out.
    let bytes = try fixture("incident-5k.json")
    let value = try JSONParser.parse(bytes)
    #expect(JSONWriter.write(value, pretty: true) + [0x0A] == bytes)
  }

  @Test func foundationAgreesOnTheStructure() throws {
    let bytes = try fixture("incident-5k.json")
    let value = try JSONParser.parse(bytes)
    let reference = try JSONSerialization.jsonObject(with: Data(bytes))
    let referenceKeys = try #require(reference as? [String: Any]).keys.sorted()
    #expect(value.objectValue?.keys.sorted() == referenceKeys)
    let ours = try JSONSerialization.jsonObject(with: Data(JSONWriter.write(value)))
    // Foundation's NSNumber equality is unreliable for the big integers; compare what it
    // writes back instead.
    let options: JSONSerialization.WritingOptions = [.sortedKeys]
    let ourText = try JSONSerialization.data(withJSONObject: ours, options: options)
    let referenceText = try JSONSerialization.data(withJSONObject: reference, options: options)
    #expect(ourText == referenceText)
  }
}
