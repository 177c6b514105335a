import CoaJSON
import PlaybookHost

/// `coa list`: the playbooks of a folder with their id, name and techniques.
///
/// Files that fail to load are reported on stderr, one line each, and make the exit code 1.
struct ListCommand {
  /// The --playbooks folder; nil for the shipped one.
  let directory: String?
  /// How the listing is printed.
  let format: OutputFormat

  /// Runs the command and returns the exit code.
  func execute() throws(CommandLineError) -> ExitCode {
    let folder = directory ?? PlaybookLocator.defaultDirectory()
    let library: PlaybookLibrary
    do {
      library = try PlaybookLibrary(directory: folder)
    } catch {
      throw .playbook(error)
    }

    switch format {
    case .json:
      var bytes = JSONWriter.write(json(library), pretty: true)
      bytes.append(UInt8(ascii: "\n"))
      Console.out(bytes: bytes)
    case .text:
      Console.out(text(library))
    }
    for problem in library.problems {
      Console.errorLine(problem.description)
    }
    return ExitCode(problemsFound: !library.problems.isEmpty)
  }

  // MARK: - Renderings

  /// {"directory", "playbooks": [{"id", "name", "path", "techniques", "phases"}],
  /// "problems": [{"file", "message"}]}.
  private func json(_ library: PlaybookLibrary) -> JSONValue {
    let playbooks = library.playbooks.map { playbook -> JSONValue in
      var object = playbook.identity.objectValue ?? JSONObject()
      object["phases"] = .array(playbook.header?.phases.map(JSONValue.string) ?? [])
      return .object(object)
    }
    let problems = library.problems.map { problem -> JSONValue in
      [
        "file": problem.path.map(JSONValue.string) ?? .null,
        "message": .string(problem.description),
      ]
    }
    return [
      "directory": .string(library.directory),
      "playbooks": .array(playbooks),
      "problems": .array(problems),
    ]
  }

  /// A table: id, techniques, path, name.
  private func text(_ library: PlaybookLibrary) -> String {
    guard !library.playbooks.isEmpty else { return "no playbooks in \(library.directory)\n" }
    var rows = [["ID", "TECHNIQUES", "PATH", "NAME"]]
    for playbook in library.playbooks {
      guard let header = playbook.header else { continue }
      rows.append([
        header.id, header.techniques.joined(separator: ", "), playbook.path, header.name,
      ])
    }

    let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      let padded = (0..<3).map {
        row[$0] + String(repeating: " ", count: widths[$0] - row[$0].count)
      }
      return (padded + [row[3]]).joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}
