import CoaJSON
import LuaVM

/// The host core's figures (issue 2): native calls, the cost of limits, fresh states and the
/// JSON codec.
enum CoreBenchmarks {
  /// A Swift native that does nothing against a C function that does nothing, called from
  /// the same Lua loop in the same state; the empty loop's time is taken off both.
  static func nativeCall() throws(LuaError) {
    let vm = try LuaVM(limits: .none)
    vm.registerNoOpCFunction("c_noop")
    vm.register(LuaNative("swift_noop") { _ in .values([]) })
    let calls = 2_000_000

    let empty = try loopTime(vm, "local f = c_noop for i = 1, \(calls) do end", calls)
    let c = try loopTime(vm, "local f = c_noop for i = 1, \(calls) do f() end", calls) - empty
    let swift =
      try loopTime(vm, "local f = swift_noop for i = 1, \(calls) do f() end", calls) - empty
    Measure.report(
      "native call (Swift vs C no-op)",
      "Swift \(Measure.duration(swift))/call, C \(Measure.duration(c))/call",
      ratio: swift / c, goal: .atMost(2))
  }

  /// A loop-heavy script with the default limits armed against the same script with none.
  static func limits() throws(LuaError) {
    let script = """
      local s = 0
      for i = 1, 3000000 do s = (s + i * 7) % 1000003 end
      local t = {}
      for i = 1, 100000 do t[i] = tostring(i) end
      return s
      """
    let armed = try LuaVM(limits: LuaLimits())
    let bare = try LuaVM(limits: .none)
    let armedChunk = try armed.load(Array(script.utf8), chunkName: "limits.lua")
    let bareChunk = try bare.load(Array(script.utf8), chunkName: "limits.lua")

    // Interleaved rounds, best of each: on a shared machine noise only ever adds time.
    var armedTimes: [Double] = []
    var bareTimes: [Double] = []
    for _ in 0..<9 {
      armed.restartLimits()
      armedTimes.append(try time { () throws(LuaError) in _ = try armed.call(armedChunk) })
      bareTimes.append(try time { () throws(LuaError) in _ = try bare.call(bareChunk) })
    }
    let withLimits = armedTimes.min() ?? .nan
    let without = bareTimes.min() ?? .nan
    Measure.report(
      "run with limits armed vs none",
      "\(Measure.duration(withLimits)) vs \(Measure.duration(without))",
      ratio: withLimits / without, goal: .atMost(1.05))
  }

  /// Fresh sandboxed states, alone and with a small script, in runs per second; and the
  /// same script in one reused state, the figure against which fresh states were chosen.
  static func freshState() {
    let script = "local t = {} for i = 1, 10 do t[i] = i * i end return #t"
    let alone = Measure.perCall(iterations: 3000) { _ = try? LuaVM() }
    let withScript = Measure.perCall(iterations: 3000) {
      guard let vm = try? LuaVM() else { return }
      _ = try? vm.run(script, chunkName: "s")
    }
    guard let reused = try? LuaVM() else { return }
    let inReused = Measure.perCall(iterations: 3000) {
      reused.restartLimits()
      _ = try? reused.run(script, chunkName: "s")
    }
    Measure.report(
      "fresh sandboxed state", "\(Measure.duration(alone)) (\(rate(alone))/s)")
    Measure.report(
      "fresh state + small script",
      "\(Measure.duration(withScript)) (\(rate(withScript)) runs/s), reused state "
        + "\(Measure.duration(inReused))",
      ratio: withScript / inReused)
  }

  /// Parse and compact write of `bytes`, against CPython's json.loads and
  /// json.dumps of the same file when its time (in seconds) is given.
  static func jsonRoundTrip(_ bytes: [UInt8], pythonSeconds: Double?) {
    let seconds = Measure.perCall(iterations: 3000) {
      guard let value = try? JSONParser.parse(bytes) else { return }
      _ = JSONWriter.write(value)
    }
    let text = "\(Measure.duration(seconds)) for \(bytes.count) bytes"
    guard let pythonSeconds else {
      Measure.report("JSON round trip", text)
      return
    }
    Measure.report(
      "JSON round trip vs python3 json",
      text + ", python3 \(Measure.duration(pythonSeconds))",
      ratio: pythonSeconds / seconds, goal: .atLeast(1))
  }

  // MARK: - Helpers

  /// Seconds `body` takes.
  static func time(_ body: () throws(LuaError) -> Void) throws(LuaError) -> Double {
    let start = Measure.now()
    try body()
    return Measure.now() - start
  }

  /// The best of 5 runs of `script`'s time per iteration, for a loop of `count`.
  static func loopTime(_ vm: LuaVM, _ script: String, _ count: Int) throws(LuaError) -> Double {
    let chunk = try vm.load(Array(script.utf8), chunkName: "loop.lua")
    defer { vm.release(chunk) }
    var samples: [Double] = []
    for _ in 0..<5 {
      samples.append(try time { () throws(LuaError) in _ = try vm.call(chunk) })
    }
    return (samples.min() ?? .nan) / Double(count)
  }

  /// Operations per second for `seconds` per operation, rounded.
  static func rate(_ seconds: Double) -> String {
    String(Int((1 / seconds).rounded()))
  }
}
