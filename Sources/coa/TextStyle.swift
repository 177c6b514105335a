import CoaJSON

/// The small text helpers of the human output: compact values, one-line messages,
/// wrapping and durations.
enum TextStyle {
  /// `value` as compact JSON, cut to `limit` characters with "…".
  static func compact(_ value: JSONValue, limit: Int) -> String {
    truncated(JSONWriter.writeString(value), limit: limit)
  }

  /// `text` cut to `limit` characters, ending with "…" when it was cut.
  static func truncated(_ text: String, limit: Int) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(max(limit - 1, 0))) + "…"
  }

  /// `text` on one line: line breaks become "; ".
  static func oneLine(_ text: String) -> String {
    guard text.contains(where: \.isNewline) else { return text }
    return text.split(whereSeparator: \.isNewline).joined(separator: "; ")
  }

  /// `text` wrapped at word boundaries to lines of at most `width` characters (a longer
  /// word keeps its own line), each line starting with `indent`.
  static func wrap(_ text: String, width: Int, indent: String) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
          lines.append(indent + line)
          line = ""
        }
        line += line.isEmpty ? String(word) : " " + word
      }
      lines.append(indent + line)
    }
    return lines
  }

  /// "0.8 ms", "12.3 ms", "1.25 s".
  static func duration(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    if micros < 1_000_000 {
      let tenths = (micros + 50) / 100
      return "\(tenths / 10).\(tenths % 10) ms"
    }
    let hundredths = (micros + 5_000) / 10_000
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
  }
}
