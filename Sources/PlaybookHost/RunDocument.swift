import CoaJSON

extension RunReport {
  /// The run as the one JSON object `coa run --format json` prints, and `coa batch` prints
  /// once per incident.
  ///
  /// Keys, in this order:
  /// - "status": "completed" or "failed";
  /// - "hasErrors": true when a native call or a step failed, even if the run went on;
  /// - "playbook": {"id", "name", "path", "techniques"}; id and name are null for an ad-hoc
  ///   script without a header;
  /// - "durationMs": how long the run took, when known;
  /// - "error": {"kind", "message", "file", "line", "traceback"}, only when the run failed;
  ///   kind is "syntax", "runtime", "memory", "time" or "instructions", file and line are
  ///   null when unknown, and traceback lists frames innermost first;
  /// - "entries": every entry in order, as `ReportEntry.json` writes them;
  /// - "manualTasks": the tasks left to the analyst, {"name", "description"};
  /// - "incident": the incident document after the run, context included (null if unknown).
  public func runDocument(playbook: Playbook) -> JSONValue {
    var object = JSONObject()
    object["status"] = status == .failed ? "failed" : "completed"
    object["hasErrors"] = .bool(hasErrors)
    object["playbook"] = playbook.identity
    if let duration { object["durationMs"] = .double(duration.milliseconds) }

    if status == .failed {
      object["error"] = (failure ?? RunFailure(message: "the run failed")).json
    }
    object["entries"] = .array(entries.map(\.json))
    object["manualTasks"] = .array(manualTasks.map(\.json))
    object["incident"] = incident ?? .null
    return .object(object)
  }
}

extension Playbook {
  /// {"id", "name", "path", "techniques"}: how run documents name the playbook.
  public var identity: JSONValue {
    var object = JSONObject()
    object["id"] = header.map { .string($0.id) } ?? .null
    object["name"] = header.map { .string($0.name) } ?? .null
    object["path"] = .string(path)
    object["techniques"] = .array(techniques.map(JSONValue.string))
    return .object(object)
  }
}

extension RunFailure {
  /// {"kind", "message", "file", "line", "traceback"}; file and line are null when unknown.
  public var json: JSONValue {
    var object = JSONObject()
    object["kind"] = .string(kind)
    object["message"] = .string(message)
    object["file"] = file.map(JSONValue.string) ?? .null
    object["line"] = line.map { .int(Int64($0)) } ?? .null
    object["traceback"] = .array(traceback.map(JSONValue.string))
    return .object(object)
  }
}
