#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PlaybookHost

/// `coa batch`: one playbook over many incidents, JSON lines in, one record per incident
/// out, in input order (the work is PlaybookHost's `BatchRunner`).
///
/// The playbook and the integrations are read and checked before any incident runs: a
/// problem there is bad usage (exit 2), as is an input that cannot be read. Bad incidents
/// and failed runs are records, and make the exit code 1. The summary goes to stderr, and
/// while stderr is a terminal a progress line is rewritten in place.
struct BatchCommand {
  /// The validated options.
  let options: BatchOptions

  /// Runs the command and returns the exit code.
  func execute() throws(CommandLineError) -> ExitCode {
    let playbook = try PlaybookLocator.playbook(
      options.playbook, directory: options.playbooks, limits: options.limits)
    let integrations = try readIntegrations()
    let input = try openInput()
    defer { if input != STDIN_FILENO { close(input) } }
    let output = try openOutput()
    defer { if output != STDOUT_FILENO { close(output) } }

    let runner = BatchRunner(
      playbook: playbook, integrations: integrations, limits: options.limits,
      jobs: options.jobs)
    let showsProgress = isatty(STDERR_FILENO) == 1
    let summary: BatchSummary
    do {
      summary = try runner.run(
        input: input, output: output, inputName: options.input ?? "standard input",
        outputName: options.output ?? "standard output",
        progress: showsProgress ? Self.showProgress : nil)
    } catch {
      if showsProgress { Self.writeError(Self.clearLine) }
      throw .file(error)
    }

    if showsProgress { Self.writeError(Self.clearLine) }
    Console.errorLine(Self.summaryLine(summary))
    return ExitCode(summary)
  }

  /// "coa batch: 10000 incidents: 9998 completed, 1 failed, 1 invalid in 1.23 s (8130/s)".
  static func summaryLine(_ summary: BatchSummary) -> String {
    let counts = summary.counts
    let noun = summary.total == 1 ? "incident" : "incidents"
    return "coa batch: \(summary.total) \(noun): \(counts.completed) completed, "
      + "\(counts.failed) failed, \(counts.invalid) invalid in "
      + "\(decimal(summary.elapsed, places: 2)) s (\(Int(summary.rate.rounded()))/s)"
  }

  /// "coa batch: 1200 done, 8130/s, 2 errors", rewritten in place.
  static func progressLine(_ progress: BatchProgress) -> String {
    let errors = progress.errors == 1 ? "1 error" : "\(progress.errors) errors"
    return "\rcoa batch: \(progress.done) done, \(Int(progress.rate.rounded()))/s, \(errors)"
      + "\u{1B}[K"
  }

  // MARK: - Steps

  /// Back to the start of the line, and the line erased.
  private static let clearLine = "\r\u{1B}[K"

  @Sendable private static func showProgress(_ progress: BatchProgress) {
    writeError(progressLine(progress))
  }

  private func readIntegrations() throws(CommandLineError) -> Integrations {
    guard let path = options.integrations else { return .none }
    let document = try RunCommand.readJSON(path)
    do {
      return try Integrations(document: document)
    } catch {
      throw .badIntegrations(path: path, error: error)
    }
  }

  private func openInput() throws(CommandLineError) -> Int32 {
    guard let path = options.input else { return STDIN_FILENO }
    do {
      return try FileSystem.openForReading(path)
    } catch {
      throw .file(error)
    }
  }

  /// The --output file, created or emptied; never the --input file.
  private func openOutput() throws(CommandLineError) -> Int32 {
    guard let path = options.output else { return STDOUT_FILENO }
    if let input = options.input, input == path || PlaybookLocator.sameFile(input, path) {
      throw .cannotWrite(path: path, reason: "it is the --input file")
    }
    do {
      return try FileSystem.openForWriting(path)
    } catch {
      throw .file(error)
    }
  }

  /// Writes `text` to stderr as it is (the progress line has no newline).
  private static func writeError(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = write(
          STDERR_FILENO, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return }
        offset += count
      }
    }
  }

  private static func decimal(_ value: Double, places: Int) -> String {
    var scale = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * Double(scale)).rounded())
    let fraction = String(scaled % scale)
    return "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count)
      + fraction
  }
}

extension ExitCode {
  /// The status of a batch: a failure when any incident failed or was invalid.
  init(_ summary: BatchSummary) {
    self = summary.allCompleted ? .success : .failure
  }
}
