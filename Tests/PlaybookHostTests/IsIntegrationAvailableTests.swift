import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("IsIntegrationAvailable")
struct IsIntegrationAvailableTests {
  static let file = #"""
    [{"name": "xdr-main", "brand": "Cortex XDR - IR", "state": "active"},
     {"name": "vt", "brand": "VirusTotal", "state": "active"},
     {"name": "xdr-old", "brand": "cortex xdr - ir", "state": "disabled"},
     {"name": "nobrand", "state": "active"},
     {"name": "xdr-lab", "brand": "CORTEX XDR - IR", "state": "active"}]
    """#

  func ask(
    _ brandname: JSONValue, context: inout Context, file: String = Self.file
  ) throws -> AvailabilityOutcome {
    let integrations = try Integrations(fileBytes: Array(file.utf8))
    let native = try IsIntegrationAvailableNative(arguments: members(["brandname": brandname]))
    return try native.run(integrations: integrations, context: &context)
  }

  @Test("an available brand: yes, and its active instances in file order")
  func available() throws {
    var context = Context()
    let outcome = try ask("Cortex XDR - IR", context: &context)
    #expect(outcome.anyAvailable)
    #expect(outcome.answers == [BrandAvailability(brand: "Cortex XDR - IR", isAvailable: true)])
    #expect(outcome.instanceNames == ["xdr-main", "xdr-lab"])
    #expect(outcome.entryText == "yes")
    #expect(text(.object(outcome.byBrand)) == #"{"Cortex XDR - IR":true}"#)
    #expect(text(context.value) == #"{"brandInstances":["xdr-main","xdr-lab"]}"#)
  }

  @Test("an unavailable brand: no, and an empty list of instances")
  func unavailable() throws {
    var context = Context()
    let outcome = try ask("Cortex XDR - IR", context: &context, file: "[]")
    #expect(!outcome.anyAvailable)
    #expect(outcome.entryText == "no")
    #expect(text(.object(outcome.byBrand)) == #"{"Cortex XDR - IR":false}"#)
    #expect(text(context.value) == #"{"brandInstances":[]}"#)
  }

  @Test("no integrations at all")
  func none() throws {
    var context = Context()
    let native = try IsIntegrationAvailableNative(arguments: members(["brandname": "X"]))
    let outcome = try native.run(integrations: .none, context: &context)
    #expect(!outcome.anyAvailable)
    #expect(text(context.value) == #"{"brandInstances":[]}"#)
  }

  @Test(
    "several brands, as a comma list trimmed or a list",
    arguments: [
      JSONValue.string("VirusTotal , Cortex XDR - IR,Nope"),
      JSONValue.string(#"["VirusTotal","Cortex XDR - IR","Nope"]"#),
      JSONValue.array(["VirusTotal", " Cortex XDR - IR ", "Nope"]),
    ])
  func several(brandname: JSONValue) throws {
    var context = Context()
    let outcome = try ask(brandname, context: &context)
    #expect(outcome.anyAvailable)
    #expect(outcome.answers.map(\.brand) == ["VirusTotal", "Cortex XDR - IR", "Nope"])
    #expect(outcome.answers.map(\.isAvailable) == [true, true, false])
    #expect(outcome.entryText == "VirusTotal: yes\nCortex XDR - IR: yes\nNope: no")
    #expect(text(context.value) == #"{"brandInstances":["xdr-main","vt","xdr-lab"]}"#)
  }

  @Test("brandInstances merges with what the context holds")
  func merges() throws {
    var context = try context(#"{"brandInstances":["xdr-main","other"]}"#)
    _ = try ask("Cortex XDR - IR", context: &context)
    #expect(text(context.value) == #"{"brandInstances":["xdr-main","other","xdr-lab"]}"#)

    var single = try PlaybookHostTests.context(#"{"brandInstances":"vt"}"#)
    _ = try ask("nothing here", context: &single)
    #expect(text(single.value) == #"{"brandInstances":["vt"]}"#)
  }

  @Test(
    "brandname is required",
    arguments: [[:], ["brandname": ""], ["brandname": " , "], ["brandname": []]] as [JSONValue])
  func missing(arguments: JSONValue) {
    #expect(
      hostErrorMessage { _ = try IsIntegrationAvailableNative(arguments: members(arguments)) }
        == "bad argument 'brandname' to 'IsIntegrationAvailable' (list expected, got no value)")
  }

  @Test("brandname refuses objects and nested lists")
  func badBrandname() {
    #expect(
      hostErrorMessage {
        _ = try IsIntegrationAvailableNative(arguments: members(["brandname": ["a": 1]]))
      } == "bad argument 'brandname' to 'IsIntegrationAvailable' (list expected, got object)")
    #expect(
      hostErrorMessage {
        _ = try IsIntegrationAvailableNative(arguments: members(["brandname": [["a"]]]))
      }
        == "bad argument 'brandname' to 'IsIntegrationAvailable'"
        + " (list of strings expected, got array)")
  }

  @Test("a lone object in brandInstances counts as one item")
  func loneObject() throws {
    var context = try context(#"{"brandInstances":{"x":1}}"#)
    let outcome = try ask("VirusTotal", context: &context)
    #expect(text(context.value) == #"{"brandInstances":[{"x":1},"vt"]}"#)
    #expect(outcome.instanceNames == ["vt"])
  }
}
