import CoaJSON
import LuaVM

/// Runs a playbook against an incident, each run in a fresh sandboxed state.
public enum PlaybookRunner {
  /// Runs `playbook` on `incident` with `integrations` and returns the report: its entries,
  /// manual tasks, status, the failure if any and the incident document after the run.
  ///
  /// The run never throws: a playbook that fails or hits a limit gives a failed report that
  /// still holds every entry recorded before the failure.
  public static func run(
    _ playbook: Playbook, incident: Incident, integrations: Integrations,
    limits: LuaLimits = LuaLimits()
  ) -> RunReport {
    run(playbook, bytecode: nil, incident: incident, integrations: integrations, limits: limits)
  }

  /// `run(_:incident:integrations:limits:)`, loading the chunk from `bytecode` (the
  /// playbook's source compiled once by the host) instead of compiling it again.
  static func run(
    _ playbook: Playbook, bytecode: LuaBytecode?, incident: Incident,
    integrations: Integrations, limits: LuaLimits
  ) -> RunReport {
    let clock = ContinuousClock()
    let start = clock.now
    var report = RunReport(playbook: playbook.header?.id)
    let session = RunSession(
      incident: incident, integrations: integrations, report: report, phase: .header)

    do {
      let vm = try LuaVM(limits: limits)
      session.install(into: vm)
      try execute(playbook, bytecode: bytecode, in: vm, session: session)
      report = session.report
      report.status = .completed
    } catch {
      report = session.report
      report.status = .failed
      report.failure = RunFailure(error: session.origin(of: error), playbook: playbook)
    }

    report.incident = session.incident.document
    report.duration = clock.now - start
    return report
  }

  // The header playbook's top level defines the header and run(); an ad-hoc script's top
  // level is its body.
  private static func execute(
    _ playbook: Playbook, bytecode: LuaBytecode?, in vm: LuaVM, session: RunSession
  ) throws(LuaError) {
    let chunk: LuaFunction
    if let bytecode {
      chunk = try vm.load(bytecode)
    } else {
      chunk = try vm.load(playbook.source, chunkName: playbook.path)
    }
    if playbook.header == nil {
      session.phase = .body
      _ = try vm.call(chunk)
    } else {
      _ = try vm.call(chunk)
      session.phase = .body
      _ = try vm.callGlobal("run")
    }
  }
}
