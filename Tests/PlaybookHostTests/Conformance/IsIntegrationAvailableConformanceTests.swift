import Testing

@testable import PlaybookHost

/// IsIntegrationAvailable, run from Lua: brand matching, the "active" state, brand lists,
/// the brandInstances merge, both integrations file shapes, the return values and the entry
/// (semantics.md, "IsIntegrationAvailable" and "Integration instances").
@Suite("IsIntegrationAvailable conformance, through Lua")
struct IsIntegrationAvailableConformanceTests {
  /// An integrations file in the array shape, with instances of every kind.
  static let instances = """
    [{"name":"xdr_1","brand":"Cortex XDR - IR","state":"active"},
     {"name":"vt","brand":"VirusTotal","state":"Active"},
     {"name":"xdr_off","brand":"Cortex XDR - IR","state":"disabled"},
     {"name":"no_brand","state":"active"},
     {"name":"null_brand","brand":null,"state":"active"},
     {"name":"sn","brand":"ServiceNow v2","state":"active","category":"Case Management"},
     {"name":"xdr_2","brand":"cortex xdr - ir","state":"active"},
     {"name":"no_state","brand":"Splunk"}]
    """

  /// A case asking from `lua` with `integrations`, on an incident whose context is `before`.
  static func ask(
    _ name: String, _ lua: String, integrations: String = instances, before: String? = nil,
    after: String, returns: [String], entries: [String]
  ) -> LuaCase {
    let incident = before.map { #"{"id":"1","context":\#($0)}"# } ?? #"{"id":"1"}"#
    return LuaCase(
      name, lua: lua, incident: incident, integrations: integrations, context: after,
      returns: returns, entries: entries)
  }

  static let brands: [LuaCase] = [
    ask(
      "an active instance of the brand: true, the brand table, and its instances",
      #"out(IsIntegrationAvailable{brandname = "Cortex XDR - IR"})"#,
      after: #"{"brandInstances":["xdr_1","xdr_2"]}"#,
      returns: [#"[true,{"Cortex XDR - IR":true}]"#],
      entries: ["IsIntegrationAvailable: yes"]),
    ask(
      "the brand compares ignoring letter case; the table keeps the brand as asked",
      #"out(IsIntegrationAvailable{brandname = "CORTEX xdr - Ir"})"#,
      after: #"{"brandInstances":["xdr_1","xdr_2"]}"#,
      returns: [#"[true,{"CORTEX xdr - Ir":true}]"#],
      entries: ["IsIntegrationAvailable: yes"]),
    ask(
      "the brand compares as a whole string: a prefix is not the brand",
      #"out(IsIntegrationAvailable{brandname = "Cortex XDR"})"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"Cortex XDR":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
    ask(
      #"the state must be exactly "active": "Active" is not available"#,
      #"out(IsIntegrationAvailable{brandname = "VirusTotal"})"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"VirusTotal":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
    ask(
      "a disabled instance is not available",
      #"out(IsIntegrationAvailable{brandname = "Cortex XDR - IR"})"#,
      integrations: #"[{"name":"x","brand":"Cortex XDR - IR","state":"disabled"}]"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"Cortex XDR - IR":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
    ask(
      "an instance without a state is not available",
      #"out(IsIntegrationAvailable{brandname = "Splunk"})"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"Splunk":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
    ask(
      "instances without a brand are skipped; instance names are not brands",
      #"out(IsIntegrationAvailable{brandname = "no_brand, null_brand"})"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"no_brand":false,"null_brand":false}]"#],
      entries: ["IsIntegrationAvailable: no_brand: no\nnull_brand: no"]),
    ask(
      "a brand with white space around it is trimmed",
      #"out(IsIntegrationAvailable(" ServiceNow v2 "))"#,
      after: #"{"brandInstances":["sn"]}"#,
      returns: [#"[true,{"ServiceNow v2":true}]"#],
      entries: ["IsIntegrationAvailable: yes"]),
    ask(
      "no integrations file: nothing is available",
      #"out(IsIntegrationAvailable{brandname = "Cortex XDR - IR"})"#,
      integrations: "[]",
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"Cortex XDR - IR":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
  ]

  static let lists: [LuaCase] = [
    ask(
      "a comma-separated list with spaces: true when any is available, yes or no per brand",
      #"out(IsIntegrationAvailable{brandname = "VirusTotal , ServiceNow v2"})"#,
      after: #"{"brandInstances":["sn"]}"#,
      returns: [#"[true,{"ServiceNow v2":true,"VirusTotal":false}]"#],
      entries: ["IsIntegrationAvailable: VirusTotal: no\nServiceNow v2: yes"]),
    ask(
      "a list as a Lua table; brandInstances follow the file's order, not the question's",
      #"out(IsIntegrationAvailable{brandname = {"ServiceNow v2", "Cortex XDR - IR"}})"#,
      after: #"{"brandInstances":["xdr_1","sn","xdr_2"]}"#,
      returns: [#"[true,{"Cortex XDR - IR":true,"ServiceNow v2":true}]"#],
      entries: ["IsIntegrationAvailable: ServiceNow v2: yes\nCortex XDR - IR: yes"]),
    ask(
      "a list as a JSON array in a string",
      #"out(IsIntegrationAvailable{brandname = '["VirusTotal","Splunk"]'})"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"Splunk":false,"VirusTotal":false}]"#],
      entries: ["IsIntegrationAvailable: VirusTotal: no\nSplunk: no"]),
  ]

  static let merging: [LuaCase] = [
    ask(
      "brandInstances merges with what is there: present names are not added again",
      #"IsIntegrationAvailable{brandname = "Cortex XDR - IR"}"#,
      before: #"{"brandInstances":["old","xdr_2"],"Other":1}"#,
      after: #"{"brandInstances":["old","xdr_2","xdr_1"],"Other":1}"#,
      returns: [], entries: ["IsIntegrationAvailable: yes"]),
    ask(
      "brandInstances holding one name becomes a list when merged",
      #"IsIntegrationAvailable{brandname = "ServiceNow v2"}"#,
      before: #"{"brandInstances":"old"}"#,
      after: #"{"brandInstances":["old","sn"]}"#,
      returns: [], entries: ["IsIntegrationAvailable: yes"]),
    ask(
      "no matching instance merges an empty list: what is there stays",
      #"IsIntegrationAvailable{brandname = "Nope"}"#,
      before: #"{"brandInstances":["old"]}"#,
      after: #"{"brandInstances":["old"]}"#,
      returns: [], entries: ["IsIntegrationAvailable: no"]),
    ask(
      "asking twice leaves each name once",
      #"""
      IsIntegrationAvailable{brandname = "Cortex XDR - IR"}
      out(IsIntegrationAvailable{brandname = "cortex xdr - ir"})
      """#,
      after: #"{"brandInstances":["xdr_1","xdr_2"]}"#,
      returns: [#"[true,{"cortex xdr - ir":true}]"#],
      entries: ["IsIntegrationAvailable: yes", "IsIntegrationAvailable: yes"]),
  ]

  static let fileShapes: [LuaCase] = [
    ask(
      "the getModules map: instance names are the keys, in file order; other fields ignored",
      #"out(IsIntegrationAvailable{brandname = "Cortex XDR - IR"})"#,
      integrations: """
        {"xdr_b":{"brand":"Cortex XDR - IR","state":"active","category":"Endpoint"},
         "xdr_off":{"brand":"Cortex XDR - IR","state":"disabled"},
         "no_brand":{"state":"active"},
         "xdr_a":{"brand":"CORTEX XDR - IR","state":"active","defaultIgnored":"false"}}
        """,
      after: #"{"brandInstances":["xdr_b","xdr_a"]}"#,
      returns: [#"[true,{"Cortex XDR - IR":true}]"#],
      entries: ["IsIntegrationAvailable: yes"]),
    ask(
      "the getModules map with no active instance of the brand",
      #"out(IsIntegrationAvailable{brandname = "VirusTotal"})"#,
      integrations: #"{"vt":{"brand":"VirusTotal","state":"error"}}"#,
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"VirusTotal":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
    ask(
      "an empty getModules map means no integrations",
      #"out(IsIntegrationAvailable{brandname = "VirusTotal"})"#,
      integrations: "{}",
      after: #"{"brandInstances":[]}"#,
      returns: [#"[false,{"VirusTotal":false}]"#],
      entries: ["IsIntegrationAvailable: no"]),
  ]

  static let errors: [LuaCase] = [
    ask(
      "a missing brandname is an error, caught by pcall and recorded",
      #"out(pcall(IsIntegrationAvailable, {}))"#,
      after: "<absent>",
      returns: [
        #"[false,"bad argument 'brandname' to 'IsIntegrationAvailable'"#
          + #" (list expected, got no value)"]"#
      ],
      entries: [
        "IsIntegrationAvailable failed at 1: bad argument 'brandname' to"
          + " 'IsIntegrationAvailable' (list expected, got no value)"
      ]),
    ask(
      "a brandname of only commas and spaces is missing too",
      #"out(pcall(IsIntegrationAvailable, {brandname = " , "}))"#,
      after: "<absent>",
      returns: [
        #"[false,"bad argument 'brandname' to 'IsIntegrationAvailable'"#
          + #" (list expected, got no value)"]"#
      ],
      entries: [
        "IsIntegrationAvailable failed at 1: bad argument 'brandname' to"
          + " 'IsIntegrationAvailable' (list expected, got no value)"
      ]),
    ask(
      "a brand list holding a table is an error",
      #"out(pcall(IsIntegrationAvailable, {brandname = {"a", {"b"}}}))"#,
      after: "<absent>",
      returns: [
        #"[false,"bad argument 'brandname' to 'IsIntegrationAvailable'"#
          + #" (list of strings expected, got array)"]"#
      ],
      entries: [
        "IsIntegrationAvailable failed at 1: bad argument 'brandname' to"
          + " 'IsIntegrationAvailable' (list of strings expected, got array)"
      ]),
  ]

  @Test("brand matching and state", arguments: brands)
  func brand(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("brand lists", arguments: lists)
  func list(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("brandInstances merge", arguments: merging)
  func merge(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("integrations file shapes", arguments: fileShapes)
  func fileShape(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }

  @Test("errors", arguments: errors)
  func error(_ testCase: LuaCase) throws {
    try Conformance.check(testCase)
  }
}
