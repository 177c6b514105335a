import CoaJSON
import PlaybookHost

extension TextReport {
  /// Every entry in order, with the playbook's line on the left; a step's entries are
  /// indented under it, and a step with nothing inside reads on one line.
  func timeline() -> [String] {
    let entries = report.entries
    guard !entries.isEmpty else { return ["Timeline: nothing happened"] }
    var lines = ["Timeline (playbook line: what happened)"]
    var depth = 0
    var index = 0

    while index < entries.count {
      let entry = entries[index]
      let text: String
      switch entry.kind {
      case .stepStarted(let step):
        guard let outcome = immediateEnd(of: step, at: index + 1) else {
          lines.append(Self.line(entry.line, depth: depth, "▸ \(step)"))
          depth += 1
          index += 1
          continue
        }
        text = "▸ \(step) … \(outcome)"
        index += 1
      case .stepFinished:
        depth = max(depth - 1, 0)
        text = "└ ok"
      case .stepFailed(_, let message, let continued):
        depth = max(depth - 1, 0)
        let shown = repeatsCallError(message, before: index) ? nil : message
        text = "└ " + stepOutcome(shown, failed: true, continued: continued)
      case .nativeCall(let call):
        let (head, outcome) = Self.describe(call)
        let line = Self.line(entry.line, depth: depth, "\(head) \(outcome)")
        if line.count <= Self.width {
          lines.append(line)
        } else {
          lines.append(Self.line(entry.line, depth: depth, head))
          lines.append(Self.line(nil, depth: depth + 1, outcome))
        }
        index += 1
        continue
      default:
        text = Self.describe(entry.kind)
      }
      lines.append(Self.line(entry.line, depth: depth, text))
      index += 1
    }
    return lines
  }

  // MARK: - Internals

  /// The outcome of the step named `step` when the entry at `index` ends it right away.
  private func immediateEnd(of step: String, at index: Int) -> String? {
    guard index < report.entries.count else { return nil }
    switch report.entries[index].kind {
    case .stepFinished(let name) where name == step:
      return stepOutcome(nil, failed: false, continued: false)
    case .stepFailed(let name, let message, let continued) where name == step:
      return stepOutcome(message, failed: true, continued: continued)
    default:
      return nil
    }
  }

  /// "ok"; or "failed", its message when there is one worth showing, and whether the run
  /// went on.
  private func stepOutcome(_ message: String?, failed: Bool, continued: Bool) -> String {
    guard failed else { return "ok" }
    let text = message.map { "failed: " + TextStyle.oneLine($0) } ?? "failed"
    return text + (continued ? " (continued on error)" : "")
  }

  /// Whether the entry before `index` is a native call whose error `message` repeats (the
  /// step failed because that call did): the timeline shows it once.
  private func repeatsCallError(_ message: String, before index: Int) -> Bool {
    guard index > 0, case .nativeCall(let call) = report.entries[index - 1].kind,
      case .error(let text) = call.outcome
    else { return false }
    return message.hasSuffix(text)
  }

  /// One timeline line: the playbook line right-aligned, a bar, the indented text.
  private static func line(_ number: Int?, depth: Int, _ text: String) -> String {
    let label = number.map(String.init) ?? ""
    let gutter = String(repeating: " ", count: max(5 - label.count, 0)) + label
    return gutter + " │ " + String(repeating: "  ", count: depth) + text
  }

  /// The widest a native call's line gets before its outcome goes to a line of its own.
  private static let width = 100

  /// A native call as its function and arguments, and its outcome ("→ ...").
  private static func describe(_ call: NativeCall) -> (head: String, outcome: String) {
    let arguments = call.arguments.map { name, value in
      "\(name)=\(TextStyle.compact(value, limit: 48))"
    }
    let head = ([call.function] + arguments).joined(separator: " ")
    switch call.outcome {
    case .ok(let text): return (head, "→ \(TextStyle.oneLine(text))")
    case .error(let text): return (head, "→ error: \(TextStyle.oneLine(text))")
    }
  }

  /// An entry that is not a step's start or end, as one line.
  private static func describe(_ kind: ReportEntry.Kind) -> String {
    switch kind {
    case .nativeCall(let call):
      let (head, outcome) = describe(call)
      return "\(head) \(outcome)"
    case .warning(let function, let message):
      let source = function.map { "\($0): " } ?? ""
      return "⚠ warning: \(source)\(TextStyle.oneLine(message))"
    case .log(let level, let message):
      return "· \(level.rawValue): \(TextStyle.oneLine(message))"
    case .manualTask(let task):
      return "☐ manual task: \(task.name)"
    case .stepStarted(let step):
      return "▸ \(step)"
    case .stepFinished:
      return "└ ok"
    case .stepFailed(_, let message, _):
      return "└ failed: \(TextStyle.oneLine(message))"
    }
  }
}
