#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import CoaJSON
import LuaVM

/// Runs one playbook over many incidents: JSON lines in, one JSON record per incident out,
/// in input order, across worker threads.
///
/// Each incident runs in its own fresh sandboxed state, exactly as `PlaybookRunner.run`
/// does, so nothing from one incident can reach another. The playbook is compiled once and
/// each state loads the host's own bytecode of it. Input is read as it comes and records are
/// written as they complete, reordered within a window of `4 × jobs` incidents, so memory
/// does not grow with the input. A line that is not an incident, or a run that fails or hits
/// a limit, gives an error record and the batch goes on (see `BatchRecord`).
public struct BatchRunner: Sendable {
  /// The playbook every incident runs.
  public let playbook: Playbook
  /// The integration instances IsIntegrationAvailable answers from.
  public let integrations: Integrations
  /// The limits of each incident's run.
  public let limits: LuaLimits
  /// The worker threads.
  public let jobs: Int

  /// A runner with `jobs` workers (at least 1; by default one per online core).
  public init(
    playbook: Playbook, integrations: Integrations = .none, limits: LuaLimits = LuaLimits(),
    jobs: Int? = nil
  ) {
    self.playbook = playbook
    self.integrations = integrations
    self.limits = limits
    self.jobs = max(1, jobs ?? BatchRunner.defaultJobs)
  }

  /// The number of online cores.
  public static var defaultJobs: Int {
    max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }

  /// Reads incident documents as JSON lines from `input` until its end and writes one record
  /// per incident to `output`, in input order. Blank lines are skipped; line numbers count
  /// them. `progress`, when given, is called from a worker thread about every 100 ms while
  /// records are written.
  ///
  /// Throws only when reading the input or writing the output fails; `inputName` and
  /// `outputName` name them in the error. Bad incidents and failed runs are records.
  public func run(
    input: Int32, output: Int32, inputName: String = "standard input",
    outputName: String = "standard output",
    progress: (@Sendable (BatchProgress) -> Void)? = nil
  ) throws(FileError) -> BatchSummary {
    let job = BatchJob(
      playbook: playbook, bytecode: compile(), integrations: integrations, limits: limits)
    let pipeline = BatchPipeline(
      reader: BatchLineReader(descriptor: input, name: inputName), output: output,
      outputName: outputName, window: 4 * jobs, progress: progress)

    BatchThreads.run(extra: jobs - 1) {
      var line: [UInt8] = []
      line.reserveCapacity(16 * 1024)
      while let taken = pipeline.take(into: &line) {
        pipeline.deliver(job.run(line: line, number: taken.line), sequence: taken.sequence)
      }
    }
    return try pipeline.finish(jobs: jobs)
  }

  /// The playbook's chunk compiled once, for every state to load; nil when it does not
  /// compile (each run then reports the syntax error itself).
  private func compile() -> LuaBytecode? {
    guard let vm = try? LuaVM(limits: .none),
      let chunk = try? vm.load(playbook.source, chunkName: playbook.path)
    else { return nil }
    return vm.dump(chunk, chunkName: playbook.path)
  }
}
