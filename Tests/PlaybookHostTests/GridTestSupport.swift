import CoaJSON
import Testing

@testable import PlaybookHost

/// An incident whose CustomFields hold `customFields` and whose context is `context`.
func makeIncident(customFields: String = #"{"grid":[]}"#, context: String = "{}") throws -> Incident
{
  try Incident(
    document: try json(#"{"id":"1","CustomFields":\#(customFields),"context":\#(context)}"#))
}

/// SetGridField's outcome for `arguments` on an incident with `context` and `customFields`.
func gridOutcome(
  _ arguments: String, context: String, customFields: String = #"{"grid":[]}"#
) throws -> GridFieldOutcome {
  let native = try SetGridFieldNative(arguments: try object(arguments))
  return try native.grid(for: try makeIncident(customFields: customFields, context: context))
}

/// The rows SetGridField builds, as compact JSON.
func gridRows(
  _ arguments: String, context: String, customFields: String = #"{"grid":[]}"#
) throws -> String {
  text(try gridOutcome(arguments, context: context, customFields: customFields).rows)
}

/// The message of the error SetGridField raises, from parsing arguments or building.
func gridError(
  _ arguments: String, context: String = "{}", customFields: String = #"{"grid":[]}"#
) throws -> String? {
  let values = try object(arguments)
  let incident = try makeIncident(customFields: customFields, context: context)
  return hostErrorMessage {
    _ = try SetGridFieldNative(arguments: values).grid(for: incident)
  }
}
