import CoaJSON
import LuaVM
import PlaybookHost

/// The natives' figures (issue 3): ns per call of Set, SetGridField and
/// IsIntegrationAvailable on a realistic incident, next to a C no-op called the same way;
/// and the cost of one whole run of a playbook in a fresh state.
enum NativeBenchmarks {
  /// The calls measured, as T1569.002 makes them.
  static let calls: [(name: String, call: String)] = [
    ("Set", #"Set{key = "Handled.Techniques", value = {"T1035", "T1569.002"}, append = true}"#),
    (
      "SetGridField",
      #"SetGridField{grid_id = "handledtechniques", context_path = "Handled.Techniques", "#
        + #"columns = "technique"}"#
    ),
    ("IsIntegrationAvailable", #"IsIntegrationAvailable{brandname = "Cortex XDR - IR"}"#),
  ]

  /// ns per call of each native, each in its own run of an ad-hoc playbook that calls it in
  /// a loop (the same loop without the call is taken off), and of a C no-op given the same
  /// table argument.
  static func perCall(incident: Incident, integrations: Integrations) throws(LuaError) {
    let count = 20_000
    let setUp = "Set{key = \"Handled.Techniques\", value = {\"T1035\"}, append = true}\n"
    let empty = runTime(setUp + "for i = 1, \(count) do end", incident, integrations)

    let vm = try LuaVM(limits: .none)
    vm.registerNoOpCFunction("c_noop")
    for (name, call) in calls {
      let loop = setUp + "for i = 1, \(count) do \(call) end"
      let native = (runTime(loop, incident, integrations) - empty) / Double(count)
      let noopCall = "c_noop" + call.drop { $0 != "{" }
      let noop =
        try CoreBenchmarks.loopTime(vm, "for i = 1, \(count) do \(noopCall) end", count)
        - CoreBenchmarks.loopTime(vm, "for i = 1, \(count) do end", count)
      Measure.report(
        "native \(name)",
        "\(Measure.duration(native))/call, C no-op \(Measure.duration(noop))/call",
        ratio: native / noop)
    }
  }

  /// One run of `playbook` on `incident` through PlaybookRunner: a fresh sandboxed state,
  /// the natives, the playbook, the report; and a fresh state alone, which is the most that
  /// reusing states could save.
  static func playbookRun(_ playbook: Playbook, incident: Incident, integrations: Integrations)
  {
    let run = Measure.perCall(iterations: 2000) {
      _ = PlaybookRunner.run(playbook, incident: incident, integrations: integrations)
    }
    let state = Measure.perCall(iterations: 2000) { _ = try? LuaVM() }
    Measure.report(
      "run of \(playbook.header?.id ?? playbook.path)",
      "\(Measure.duration(run)) (\(CoreBenchmarks.rate(run)) runs/s), of which a fresh "
        + "state \(Measure.duration(state)) (\(Measure.fixed(100 * state / run, 0))%)")
  }

  /// The seconds one run of the ad-hoc playbook `source` takes (median of 5).
  private static func runTime(_ source: String, _ incident: Incident, _ integrations: Integrations)
    -> Double
  {
    guard let playbook = try? Playbook(path: "bench.lua", source: Array(source.utf8)) else {
      return .nan
    }
    return Measure.median {
      let start = Measure.now()
      let report = PlaybookRunner.run(
        playbook, incident: incident, integrations: integrations, limits: .none)
      let seconds = Measure.now() - start
      return report.status == .completed ? seconds : .nan
    }
  }
}
