import CoaJSON
import Foundation

/// Parses `text`, failing the test on error.
func parse(_ text: String) throws -> JSONValue {
  try JSONParser.parse(text)
}

/// Parses raw `bytes`.
func parse(bytes: [UInt8]) throws -> JSONValue {
  try JSONParser.parse(bytes)
}

/// The error parsing `bytes` throws, or nil when it succeeds.
func parseError(_ bytes: [UInt8]) -> JSONParseError? {
  do {
    _ = try JSONParser.parse(bytes)
    return nil
  } catch {
    return error
  }
}

/// The error parsing `text` throws, or nil when it succeeds.
func parseError(_ text: String) -> JSONParseError? {
  parseError(Array(text.utf8))
}

/// The compact JSON text of `value`.
func compact(_ value: JSONValue) -> String {
  JSONWriter.writeString(value)
}

/// The pretty JSON text of `value`.
func pretty(_ value: JSONValue) -> String {
  JSONWriter.writeString(value, pretty: true)
}

/// `depth` nested arrays around `inner`: "[[...inner...]]".
func nestedArrays(_ depth: Int, inner: String = "") -> String {
  String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
}

/// The bytes of a fixture file next to this source file.
func fixture(_ name: String) throws -> [UInt8] {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
    .appendingPathComponent(name)
  return Array(try Data(contentsOf: url))
}

/// A small deterministic random number generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
