import CoaJSON
import LuaVM

/// What every incident of a batch runs with: the playbook compiled once, the integrations
/// and the limits.
struct BatchJob: Sendable {
  let playbook: Playbook
  /// The playbook's chunk, compiled once and loaded into each fresh state.
  let bytecode: LuaBytecode?
  let integrations: Integrations
  let limits: LuaLimits

  /// Runs the incident on line `number` of the input, whose text is `line`, in a fresh
  /// sandboxed state, and renders its record.
  func run(line: [UInt8], number: Int) -> BatchResult {
    let document: JSONValue
    do {
      document = try JSONParser.parse(line)
    } catch {
      return BatchRecord.invalid(
        line: number, message: "line \(number), column \(error.column): \(error.message)")
    }
    let incident: Incident
    do {
      incident = try Incident(document: document)
    } catch {
      return BatchRecord.invalid(line: number, message: "line \(number): \(error.message)")
    }

    let report = PlaybookRunner.run(
      playbook, bytecode: bytecode, incident: incident, integrations: integrations,
      limits: limits)
    let status: BatchStatus = report.status == .completed ? .completed : .failed
    let record = BatchRecord.record(of: report, playbook: playbook, line: number)
    return BatchResult(status: status, record: record)
  }
}

/// The JSON lines a batch writes, one per incident.
///
/// A run's record is the document `coa run --format json` prints, with "line" (the input
/// line number) as its first member. A line that is not an incident document gives
/// `{"line": n, "status": "invalid", "error": {"message": "line n, column c: ..."}}`.
enum BatchRecord {
  /// The record of a run, ending with a newline.
  static func record(of report: RunReport, playbook: Playbook, line: Int) -> [UInt8] {
    // The document is an object: its "{" is replaced by the line's member.
    let document = JSONWriter.write(report.runDocument(playbook: playbook))
    var record: [UInt8] = []
    record.reserveCapacity(document.count + 24)
    record.append(contentsOf: #"{"line":"#.utf8)
    record.append(contentsOf: String(line).utf8)
    if document.count > 2 { record.append(UInt8(ascii: ",")) }
    record.append(contentsOf: document.dropFirst())
    record.append(UInt8(ascii: "\n"))
    return record
  }

  /// The record of a line that is not an incident document.
  static func invalid(line: Int, message: String) -> BatchResult {
    var object = JSONObject()
    object["line"] = .int(Int64(line))
    object["status"] = .string(BatchStatus.invalid.rawValue)
    object["error"] = ["message": .string(message)]
    var record = JSONWriter.write(.object(object))
    record.append(UInt8(ascii: "\n"))
    return BatchResult(status: .invalid, record: record)
  }
}
