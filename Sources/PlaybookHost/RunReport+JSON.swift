import CoaJSON

extension RunReport {
  /// The report as JSON, keys in a fixed order: playbook, status, durationMs, failure,
  /// entries, manualTasks, incident. Absent optional parts are left out.
  ///
  /// Each entry is an object whose "kind" is nativeCall, warning, log, stepStarted,
  /// stepFinished, stepFailed or manualTask, followed by its facts and its "line" when known.
  public var json: JSONValue {
    var object = JSONObject()
    if let playbook { object["playbook"] = .string(playbook) }
    object["status"] = .string(status.rawValue)
    if let duration { object["durationMs"] = .double(duration.milliseconds) }

    if let failure {
      object["failure"] = [
        "message": .string(failure.message),
        "traceback": .array(failure.traceback.map(JSONValue.string)),
      ]
    }
    object["entries"] = .array(entries.map(\.json))
    object["manualTasks"] = .array(manualTasks.map(\.json))
    if let incident { object["incident"] = incident }
    return .object(object)
  }
}

extension ReportEntry {
  /// The entry as a JSON object.
  public var json: JSONValue {
    var object = JSONObject()
    switch kind {
    case .nativeCall(let call):
      object["kind"] = "nativeCall"
      object["function"] = .string(call.function)
      object["arguments"] = .object(call.arguments)
      switch call.outcome {
      case .ok(let text):
        object["outcome"] = "ok"
        object["message"] = .string(text)
      case .error(let text):
        object["outcome"] = "error"
        object["message"] = .string(text)
      }
    case .warning(let function, let message):
      object["kind"] = "warning"
      if let function { object["function"] = .string(function) }
      object["message"] = .string(message)
    case .log(let level, let message):
      object["kind"] = "log"
      object["level"] = .string(level.rawValue)
      object["message"] = .string(message)
    case .stepStarted(let step):
      object["kind"] = "stepStarted"
      object["step"] = .string(step)
    case .stepFinished(let step):
      object["kind"] = "stepFinished"
      object["step"] = .string(step)
    case .stepFailed(let step, let message, let continued):
      object["kind"] = "stepFailed"
      object["step"] = .string(step)
      object["message"] = .string(message)
      object["continued"] = .bool(continued)
    case .manualTask(let task):
      object["kind"] = "manualTask"
      object["name"] = .string(task.name)
      object["description"] = .string(task.description)
    }
    if let line { object["line"] = .int(Int64(line)) }
    return .object(object)
  }
}

extension ManualTask {
  /// The task as a JSON object with "name" and "description".
  public var json: JSONValue {
    ["name": .string(name), "description": .string(description)]
  }
}

extension Duration {
  /// The duration in milliseconds.
  var milliseconds: Double {
    let parts = components
    return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
  }
}
