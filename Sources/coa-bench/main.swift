#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CoaJSON
import LuaVM
import PlaybookHost

// coa-bench: the in-process figures of scripts/bench.sh, each with its ratio against a
// reference measured in the same run. Run it from the repository root, release build:
//   coa-bench [--incident FILE] [--integrations FILE] [--playbook FILE]
//             [--python-json-seconds S] [SECTION...]
// The incident (default: the 5 KB fixture of the JSON tests) is also the JSON round trip's
// file; --python-json-seconds gives CPython's json.loads + json.dumps time for it.

struct BenchOptions {
  var incident = "Tests/CoaJSONTests/Fixtures/incident-5k.json"
  var integrations = "examples/integrations.json"
  var playbook = "playbooks/T1569.002.lua"
  var pythonJSONSeconds: Double?
  /// The sections to run (all when empty): natives, limits, state, json, calls, run.
  var sections: Set<String> = []

  init(_ arguments: [String]) {
    var index = 0
    while index < arguments.count {
      let option = arguments[index]
      guard option.hasPrefix("--") else {
        sections.insert(option)
        index += 1
        continue
      }
      guard index + 1 < arguments.count else { fail("option \(option) needs a value") }
      let value = arguments[index + 1]
      switch option {
      case "--incident": incident = value
      case "--integrations": integrations = value
      case "--playbook": playbook = value
      case "--python-json-seconds": pythonJSONSeconds = Double(value)
      default: fail("unknown option \(option)")
      }
      index += 2
    }
  }
}

func fail(_ message: String) -> Never {
  let line = "coa-bench: error: \(message)\n"
  _ = line.withCString { write(2, $0, strlen($0)) }
  exit(2)
}

func main() {
  let options = BenchOptions(Array(CommandLine.arguments.dropFirst()))
  let incidentBytes: [UInt8]
  let incident: Incident
  let integrations: Integrations
  let playbook: Playbook
  do {
    incidentBytes = try FileSystem.read(options.incident)
    incident = try Incident(document: try JSONParser.parse(incidentBytes))
    integrations = try Integrations(fileBytes: try FileSystem.read(options.integrations))
    playbook = try Playbook.load(path: options.playbook)
  } catch {
    fail("\(error)")
  }

  do {
    let wanted = { (name: String) in options.sections.isEmpty || options.sections.contains(name) }
    if wanted("natives") { try CoreBenchmarks.nativeCall() }
    if wanted("limits") { try CoreBenchmarks.limits() }
    if wanted("state") { CoreBenchmarks.freshState() }
    if wanted("json") {
      CoreBenchmarks.jsonRoundTrip(incidentBytes, pythonSeconds: options.pythonJSONSeconds)
    }
    if wanted("calls") {
      try NativeBenchmarks.perCall(incident: incident, integrations: integrations)
    }
    if wanted("run") {
      NativeBenchmarks.playbookRun(playbook, incident: incident, integrations: integrations)
    }
  } catch {
    fail("\(error)")
  }
}

main()
