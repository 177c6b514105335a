import CoaJSON

extension ReportEntry {
  /// About how many bytes the host holds for this entry, counting for a native call the
  /// values it wrote into the incident as well as the entry's own copy of its arguments.
  var footprint: Int {
    let overhead = 64
    switch kind {
    case .nativeCall(let call):
      let arguments = JSONValue.object(call.arguments).footprint
      let outcome: String
      switch call.outcome {
      case .ok(let text), .error(let text): outcome = text
      }
      return overhead + 2 * arguments + outcome.utf8.count
    case .warning(let function, let message):
      return overhead + (function?.utf8.count ?? 0) + message.utf8.count
    case .log(_, let message):
      return overhead + message.utf8.count
    case .stepStarted(let step), .stepFinished(let step):
      return overhead + step.utf8.count
    case .stepFailed(let step, let message, _):
      return overhead + step.utf8.count + message.utf8.count
    case .manualTask(let task):
      return overhead + task.name.utf8.count + task.description.utf8.count
    }
  }
}

extension JSONValue {
  /// About how many bytes the value takes in memory: its text plus a node's overhead.
  var footprint: Int {
    let node = 16
    switch self {
    case .null, .bool, .int, .double: return node
    case .bigInt(let digits): return node + digits.utf8.count
    case .string(let text): return node + text.utf8.count
    case .bytes(let bytes): return node + bytes.count
    case .array(let elements): return elements.reduce(node) { $0 + $1.footprint }
    case .object(let members):
      return members.reduce(node) { $0 + node + $1.0.utf8.count + $1.1.footprint }
    }
  }
}
