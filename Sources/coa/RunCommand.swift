import CoaJSON
import PlaybookHost

/// `coa run`: load, run, write the incident, print the report.
///
/// Every input is read and checked before the playbook runs, so bad input exits with
/// nothing written. The incident goes only where --output or --in-place says, atomically.
struct RunCommand {
  /// The validated options.
  let options: RunOptions

  /// Runs the command and returns the exit code.
  func execute() throws(CommandLineError) -> ExitCode {
    try checkDestination()
    let playbook = try PlaybookLocator.playbook(
      options.playbook, directory: options.playbooks, limits: options.limits)
    let document = try Self.readJSON(options.incident)
    let incident: Incident
    do {
      incident = try Incident(document: document)
    } catch {
      throw .badIncident(path: options.incident, error: error)
    }
    let integrations = try readIntegrations()

    let report = PlaybookRunner.run(
      playbook, incident: incident, integrations: integrations, limits: options.limits)
    let written = try writeIncident(report)

    switch options.format {
    case .json:
      var bytes = JSONWriter.write(report.runDocument(playbook: playbook), pretty: true)
      bytes.append(UInt8(ascii: "\n"))
      Console.out(bytes: bytes)
    case .text:
      let text = TextReport(
        playbook: playbook, report: report, incidentPath: options.incident,
        incidentBefore: document, writtenTo: written)
      Console.out(text.render())
    }
    return ExitCode(report.status)
  }

  // MARK: - Steps

  /// --output must not be the incident file (only --in-place may replace it), and its
  /// folder must exist, so that a run is not lost for want of a place to write it.
  private func checkDestination() throws(CommandLineError) {
    guard case .file(let output) = options.destination else { return }
    if output == options.incident || PlaybookLocator.sameFile(output, options.incident) {
      throw .outputIsInput(path: output)
    }
    guard FileSystem.isDirectory(FileSystem.directory(of: output)) else {
      throw .cannotWrite(path: output, reason: "its folder does not exist")
    }
  }

  private func readIntegrations() throws(CommandLineError) -> Integrations {
    guard let path = options.integrations else { return .none }
    let document = try Self.readJSON(path)
    do {
      return try Integrations(document: document)
    } catch {
      throw .badIntegrations(path: path, error: error)
    }
  }

  /// Writes the incident after the run where the options say; returns the path written.
  private func writeIncident(_ report: RunReport) throws(CommandLineError) -> String? {
    let path: String
    switch options.destination {
    case .none: return nil
    case .file(let output): path = output
    case .inPlace: path = options.incident
    }

    var bytes = JSONWriter.write(report.incident ?? .null, pretty: true)
    bytes.append(UInt8(ascii: "\n"))
    do {
      try FileSystem.writeAtomically(bytes, to: path)
    } catch {
      throw .file(error)
    }
    return path
  }

  /// The JSON document in the file at `path`.
  static func readJSON(_ path: String) throws(CommandLineError) -> JSONValue {
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.read(path)
    } catch {
      throw .file(error)
    }
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw .malformedJSON(path: path, error: error)
    }
  }
}
