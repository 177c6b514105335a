import CoaJSON
import Testing

@testable import PlaybookHost

/// Parses JSON text written in a test; a typo in a test's JSON fails the test.
func json(_ text: String) throws -> JSONValue {
  try JSONParser.parse(text)
}

/// Parses JSON text that must be an object.
func object(_ text: String) throws -> JSONObject {
  try #require(try json(text).objectValue)
}

/// The compact JSON text of `value`, for readable expectations.
func text(_ value: JSONValue?) -> String {
  guard let value else { return "<nothing>" }
  return JSONWriter.writeString(value)
}

/// The compact JSON text of rows.
func text(_ rows: [JSONObject]) -> String {
  JSONWriter.writeString(.array(rows.map(JSONValue.object)))
}

/// The message of the HostError `body` throws, or nil when it throws nothing.
func hostErrorMessage(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch let error as HostError {
    return error.message
  } catch {
    return "not a HostError: \(error)"
  }
}

/// A context holding the JSON object `text`.
func context(_ text: String) throws -> Context {
  Context(try object(text))
}

/// The members of an object literal, such as `members(["brandname": "X"])`.
func members(_ value: JSONValue) -> JSONObject {
  value.objectValue ?? JSONObject()
}
