#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One incident's output: its status and its record, a JSON line.
struct BatchResult: Sendable {
  let status: BatchStatus
  let record: [UInt8]
}

/// The shared middle of a batch: workers take lines from the input in turn and hand back
/// records, which are written in input order.
///
/// Two locks, always taken input before output. The input lock guards the reader and the
/// sequence numbers: taking a line is the only thing done under it, so one worker at a time
/// reads. The output lock guards the reorder window: `window` slots, one per line taken but
/// not yet written. A worker whose line would not fit waits, so memory stays bounded
/// whatever the input's length. Records are written by whichever worker holds the writing
/// token (one at a time, outside the lock), in 64 KiB writes; but everything finished before
/// a read of the input, or while a read waits, is written out at once, so the records of a
/// slow producer's lines come as they complete.
final class BatchPipeline: @unchecked Sendable {
  let window: Int
  private let output: Int32
  private let outputName: String
  private let progress: (@Sendable (BatchProgress) -> Void)?
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant

  // Input side, under `inputLock`.
  private let inputLock = BatchLock()
  private var reader: BatchLineReader
  private var taken = 0

  // Output side, under `outputLock`.
  private let outputLock = BatchLock()
  private var slots: [BatchResult?]
  private var written = 0
  private var writing = false
  private var flushWanted = false
  private var readerWaits = false
  private var pending: [UInt8] = []
  private var counts = BatchCounts()
  private var failure: FileError?
  private var lastProgress: ContinuousClock.Instant

  private static let flushSize = 64 * 1024
  private static let progressInterval = Duration.milliseconds(100)

  init(
    reader: BatchLineReader, output: Int32, outputName: String, window: Int,
    progress: (@Sendable (BatchProgress) -> Void)?
  ) {
    self.reader = reader
    self.output = output
    self.outputName = outputName
    self.window = window
    self.progress = progress
    slots = Array(repeating: nil, count: window)
    pending.reserveCapacity(Self.flushSize * 2)
    started = clock.now
    lastProgress = started
  }

  /// Takes the next incident line into `line`: its sequence number and line number, or nil
  /// when the input has ended or the batch has stopped on an error.
  func take(into line: inout [UInt8]) -> (sequence: Int, line: Int)? {
    inputLock.lock()
    defer { inputLock.unlock() }
    if stopped { return nil }

    let number: Int?
    do {
      number = try reader.next(into: &line) { waiting in self.waitingForInput(waiting) }
    } catch {
      stop(error)
      return nil
    }
    guard let number else { return nil }
    let sequence = taken
    taken += 1

    outputLock.lock()
    defer { outputLock.unlock() }
    while sequence - written >= window && failure == nil { outputLock.wait() }
    return failure == nil ? (sequence, number) : nil
  }

  /// Hands back the result of the line taken as `sequence`, and writes what is in order.
  func deliver(_ result: BatchResult, sequence: Int) {
    outputLock.lock()
    slots[sequence % window] = result
    outputLock.unlock()
    drain(flushing: false)
  }

  /// Writes out everything delivered in order so far; call once every worker has finished.
  /// Returns the summary, or throws the first read or write error of the batch.
  func finish(jobs: Int) throws(FileError) -> BatchSummary {
    drain(flushing: true)
    return try outputLock.withLock { () throws(FileError) -> BatchSummary in
      if let failure { throw failure }
      return BatchSummary(counts: counts, elapsed: seconds(since: started), jobs: jobs)
    }
  }

  // MARK: - Writing

  private var stopped: Bool {
    outputLock.lock()
    defer { outputLock.unlock() }
    return failure != nil
  }

  private func stop(_ error: FileError) {
    outputLock.lock()
    if failure == nil { failure = error }
    outputLock.broadcast()
    outputLock.unlock()
  }

  /// Around each read of the input, which may wait for it: what is finished before, or
  /// while the read waits, is written out at once.
  private func waitingForInput(_ waiting: Bool) {
    outputLock.lock()
    readerWaits = waiting
    outputLock.unlock()
    if waiting { drain(flushing: true) }
  }

  /// Moves the records that are next in order into the output buffer, and writes it when
  /// it is full or a flush is wanted. Only the holder of the writing token writes; a caller
  /// that finds it taken leaves its records (and its wish to flush) to the holder, which
  /// looks again before giving the token back.
  private func drain(flushing: Bool) {
    outputLock.lock()
    if flushing { flushWanted = true }
    guard !writing else {
      outputLock.unlock()
      return
    }
    writing = true

    while true {
      writeReadyRecords()
      if let report = progressDue(), let progress {
        outputLock.unlock()
        progress(report)
        outputLock.lock()
      }
      let wanted = flushWanted || readerWaits
      let ready = slots[written % window] != nil || (wanted && !pending.isEmpty)
      guard failure == nil, ready else { break }
    }
    writing = false
    outputLock.unlock()
  }

  /// With the lock held and the token taken: moves ready records to `pending` and writes it
  /// out, unlocking around each write, until nothing more is ready or due.
  private func writeReadyRecords() {
    while failure == nil {
      if moveReadyRecords() > 0 { outputLock.broadcast() }
      let wanted = flushWanted || readerWaits
      let due = pending.count >= Self.flushSize || (wanted && !pending.isEmpty)
      guard due else { break }
      flushWanted = false
      var bytes = pending
      pending = []
      outputLock.unlock()
      let error = writeAll(bytes)
      bytes.removeAll(keepingCapacity: true)
      outputLock.lock()
      pending = bytes
      if let error {
        failure = error
        outputLock.broadcast()
      }
    }
    if pending.isEmpty { flushWanted = false }
  }

  /// Appends the records that are next in order to `pending`; returns how many.
  private func moveReadyRecords() -> Int {
    var moved = 0
    while let result = slots[written % window] {
      slots[written % window] = nil
      pending.append(contentsOf: result.record)
      counts[result.status] += 1
      written += 1
      moved += 1
    }
    return moved
  }

  private func progressDue() -> BatchProgress? {
    guard progress != nil else { return nil }
    let now = clock.now
    guard now - lastProgress >= Self.progressInterval else { return nil }
    lastProgress = now
    return BatchProgress(counts: counts, elapsed: seconds(since: started))
  }

  private func writeAll(_ bytes: [UInt8]) -> FileError? {
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes { raw in
        write(output, raw.baseAddress.map { $0 + offset }, raw.count - offset)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        return FileError(
          path: outputName, operation: "write", reason: String(cString: strerror(errno)))
      }
      offset += count
    }
    return nil
  }

  private func seconds(since start: ContinuousClock.Instant) -> Double {
    let parts = (clock.now - start).components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }
}
