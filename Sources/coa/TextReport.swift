import CoaJSON
import PlaybookHost

/// The report of one run as text an analyst reads like XSOAR's war room: who ran what, the
/// timeline, the manual tasks to do, what changed in the incident, and the final status.
///
/// Plain text without colours, so it reads the same in a terminal, a pager or a ticket.
struct TextReport {
  /// The playbook that ran.
  let playbook: Playbook
  /// The run's report.
  let report: RunReport
  /// The incident file, as given.
  let incidentPath: String
  /// The incident document as read, to show what changed.
  let incidentBefore: JSONValue
  /// Where the incident after the run was written, if anywhere.
  let writtenTo: String?

  /// The whole text, ending with a newline.
  func render() -> String {
    var lines = header()
    lines += [""] + timeline()
    lines += [""] + manualTasks()
    lines += [""] + changes()
    lines += [""] + status()
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Sections

  private func header() -> [String] {
    guard let header = playbook.header else {
      return ["Ad-hoc script \(playbook.path)", "  incident    \(incidentLabel)"]
    }
    return [
      header.name,
      "  playbook    \(header.id) (\(playbook.path))",
      "  techniques  \(header.techniques.joined(separator: ", "))",
      "  incident    \(incidentLabel)",
    ]
  }

  /// "4711 PsExec service created on FIN-WS-042 (incident.json)", from the fields it has.
  private var incidentLabel: String {
    let fields = incidentBefore.objectValue ?? JSONObject()
    let parts = ["id", "name"].compactMap { fields[$0].map(\.plainText) }.filter { !$0.isEmpty }
    guard !parts.isEmpty else { return incidentPath }
    return "\(parts.joined(separator: " ")) (\(incidentPath))"
  }

  private func manualTasks() -> [String] {
    let tasks = report.manualTasks
    guard !tasks.isEmpty else { return ["Manual tasks to do: none"] }
    var lines = ["Manual tasks to do (\(tasks.count))"]
    for (number, task) in tasks.enumerated() {
      let marker = "  \(number + 1). "
      lines.append(marker + task.name)
      let indent = String(repeating: " ", count: marker.count)
      lines += TextStyle.wrap(task.description, width: 88, indent: indent)
    }
    return lines
  }

  private func status() -> [String] {
    var lines: [String] = []
    if report.status == .failed {
      let failure = report.failure ?? RunFailure(message: "the run failed")
      lines.append("Status: failed — \(failure.located)")
      if !failure.traceback.isEmpty {
        lines.append("  stack traceback:")
        lines += failure.traceback.map { "    " + $0 }
      }
    } else {
      var line = "Status: completed"
      if let duration = report.duration { line += " in \(TextStyle.duration(duration))" }
      let continued = report.entries.filter { entry in
        if case .stepFailed(_, _, true) = entry.kind { return true }
        return false
      }.count
      if continued > 0 {
        let steps = continued == 1 ? "1 step" : "\(continued) steps"
        line += "; \(steps) failed and continued on error"
      }
      lines.append(line)
    }

    if let writtenTo {
      lines.append("Incident written to \(writtenTo)")
    } else {
      lines.append("Incident not written (use --output FILE or --in-place)")
    }
    return lines
  }
}
