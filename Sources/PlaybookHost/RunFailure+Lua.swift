import LuaVM

extension RunFailure {
  /// The failure a Lua error ended the run with.
  init(error: LuaError, playbook: Playbook) {
    let kind: String
    switch error.kind {
    case .syntax: kind = "syntax"
    case .runtime: kind = "runtime"
    case .limit(let limit): kind = limit.rawValue
    }
    self.init(
      kind: kind, message: error.message, file: error.chunk ?? playbook.path, line: error.line,
      traceback: error.traceback)
  }
}
