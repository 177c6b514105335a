import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Integrations file")
struct IntegrationsTests {
  func load(_ text: String) throws -> Integrations {
    try Integrations(fileBytes: Array(text.utf8))
  }

  @Test("the array shape, in file order, other fields kept")
  func arrayShape() throws {
    let integrations = try load(
      #"""
      [{"name": "xdr1", "brand": "Cortex XDR - IR", "state": "active", "category": "EDR"},
       {"name": "nobrand", "state": "active"},
       {"name": "xdr2", "brand": "cortex xdr - ir", "state": "disabled", "brand2": null}]
      """#)
    #expect(integrations.instances.map(\.name) == ["xdr1", "nobrand", "xdr2"])
    #expect(integrations.instances.map(\.brand) == ["Cortex XDR - IR", nil, "cortex xdr - ir"])
    #expect(integrations.instances.map(\.state) == ["active", "active", "disabled"])
    #expect(integrations.instances[0].fields["category"] == "EDR")
  }

  @Test("XSOAR's getModules shape: instance name to fields")
  func mapShape() throws {
    let integrations = try load(
      #"""
      {"b-instance": {"brand": "B", "state": "active", "defaultIgnored": "false"},
       "a-instance": {"brand": "A", "state": null},
       "c-instance": {}}
      """#)
    #expect(integrations.instances.map(\.name) == ["b-instance", "a-instance", "c-instance"])
    #expect(integrations.instances.map(\.brand) == ["B", "A", nil])
    #expect(integrations.instances.map(\.state) == ["active", nil, nil])
    #expect(try load("{}").instances.isEmpty)
    #expect(try load("[]").instances.isEmpty)
    #expect(Integrations.none.instances.isEmpty)
  }

  @Test(
    "malformed files are errors saying what is wrong",
    arguments: [
      (
        #""x""#,
        #"integrations file: expected an array of instances or an object of instances"#
          + #" by name (found string "x")"#
      ),
      ("[1]", "integrations file: entry 1 is not an object (found number 1)"),
      (#"[{"name":"a"},{"brand":"b"},{"name":"c"}]"#, #"integrations file: entry 2 has no "name""#),
      (#"[{"name":null}]"#, #"integrations file: entry 1 has no "name""#),
      (#"[{"name":5}]"#, #"integrations file: entry 1: "name" is not a string (found number 5)"#),
      (
        #"[{"name":"a","brand":["b"]}]"#,
        #"integrations file: entry 1: "brand" is not a string (found array)"#
      ),
      (
        #"[{"name":"a","state":true}]"#,
        #"integrations file: entry 1: "state" is not a string (found boolean true)"#
      ),
      (
        #"{"i1":"active"}"#,
        #"integrations file: instance "i1" is not an object (found string "active")"#
      ),
      (
        #"{"i1":{"brand":1}}"#,
        #"integrations file: instance "i1": "brand" is not a string (found number 1)"#
      ),
    ])
  func errors(file: String, message: String) {
    #expect(hostErrorMessage { _ = try load(file) } == message)
  }

  @Test("error messages are pinned")
  func pinned() throws {
    #expect(
      hostErrorMessage { _ = try load(#"[{"name":"a"},{"brand":"b"},{"name":"c"}]"#) }
        == #"integrations file: entry 2 has no "name""#)
    #expect(
      hostErrorMessage { _ = try load(#"{"i1":{"brand":1}}"#) }
        == #"integrations file: instance "i1": "brand" is not a string (found number 1)"#)
    let notJSON = hostErrorMessage { _ = try load("[1,]") }
    #expect(notJSON == "integrations file: not JSON: line 1, column 3: trailing comma in array")
  }

  @Test(
    "available: brand equal ignoring case, state exactly active",
    arguments: [
      ("Cortex XDR - IR", "active", "Cortex XDR - IR", true),
      ("Cortex XDR - IR", "active", "cortex xdr - ir", true),
      ("CORTEX XDR - IR", "active", "Cortex XDR - ir", true),
      ("Cortex XDR - IR", "Active", "Cortex XDR - IR", false),
      ("Cortex XDR - IR", "disabled", "Cortex XDR - IR", false),
      ("Cortex XDR - IR", "active", "Cortex XDR", false),
      ("Cortex XDR", "active", "Cortex XDR - IR", false),
      ("Cortex XDR - IR", "active", " Cortex XDR - IR", false),
    ])
  func availability(brand: String, state: String, asked: String, available: Bool) {
    let instance = IntegrationInstance(name: "i", brand: brand, state: state)
    #expect(instance.isActive(brand: asked) == available)
  }

  @Test("an instance without a brand or state is never active")
  func incomplete() {
    #expect(!IntegrationInstance(name: "i", brand: nil, state: "active").isActive(brand: ""))
    #expect(!IntegrationInstance(name: "i", brand: "B", state: nil).isActive(brand: "B"))
  }
}
