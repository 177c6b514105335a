import CoaJSON
import LuaVM

/// The mutable state of one run that the natives work on: the incident, the integrations
/// and the report. It lives exactly as long as the run's `LuaVM`.
final class RunSession {
  /// What the natives may do now.
  enum Phase {
    /// The playbook's top level is being run to read its header: natives are refused.
    case header
    /// The body runs: natives work.
    case body
  }

  var incident: Incident
  let integrations: Integrations
  var report: RunReport
  var phase: Phase
  /// The failures of steps that did not continue, innermost first, so a failed run reports
  /// where it began (a step re-raises its body's error as text, losing the traceback).
  var stepFailures: [LuaError] = []
  /// Bytes of report entries (and of the values they wrote) charged to the memory limit.
  private var chargedBytes = 0
  private var chargedEntries = 0

  init(incident: Incident, integrations: Integrations, report: RunReport, phase: Phase) {
    self.incident = incident
    self.integrations = integrations
    self.report = report
    self.phase = phase
  }

  /// The error to report for a run that ended with `error`: the innermost step failure that
  /// `error` is the re-raised form of, with its traceback, or `error` itself. A step failure
  /// that Lua code caught, or a limit breach, is never mistaken for the cause.
  func origin(of error: LuaError) -> LuaError {
    if case .limit = error.kind { return error }
    return stepFailures.first { $0.description == error.description } ?? error
  }

  /// Registers every native and helper of the registry into `vm`, bound to this session.
  ///
  /// What the report and the incident keep for the run lives in Swift, out of the Lua
  /// allocator's sight: after each call, the entries it added are charged to the run's
  /// memory limit, so a playbook cannot grow the host without bound through print, log or
  /// Set.
  func install(into vm: LuaVM) {
    for var native in NativeRegistry.natives(for: self) {
      let body = native.body
      native.body = { [unowned self, unowned vm] arguments in
        let result = body(arguments)
        self.charge(vm)
        return result
      }
      vm.register(native)
    }
    vm.printHandler = { [unowned self, unowned vm] line in
      self.report.record(.log(level: .info, message: line))
      self.charge(vm)
    }
  }

  // Charges the entries recorded since the last charge. Overwritten context values are not
  // given back: the charge is what the run wrote, an upper bound of what it holds.
  private func charge(_ vm: LuaVM) {
    let entries = report.entries
    guard chargedEntries < entries.count else { return }
    for entry in entries[chargedEntries...] { chargedBytes += entry.footprint }
    chargedEntries = entries.count
    vm.hostBytes = chargedBytes
  }
}

/// The one list of what playbooks can call: the XSOAR natives and the playbook helpers.
///
/// Editor stubs, the luacheck configuration and the authors' guide are generated from
/// `docs`; the binding to a run is `natives(for:)`. Nothing else lists them.
enum NativeRegistry {
  /// The documentation of every function a playbook can call, in order.
  static var docs: [NativeDoc] {
    NativeFunction.allCases.map(\.doc) + PlaybookHelpers.docs
  }

  /// The Lua-callable functions, bound to `session`.
  static func natives(for session: RunSession) -> [LuaNative] {
    NativeFunction.allCases.map { HostNatives.native($0, session: session) }
      + PlaybookHelpers.natives(for: session)
  }
}
