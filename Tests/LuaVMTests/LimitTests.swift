import CoaJSON
import Foundation
import Synchronization
import Testing

@testable import LuaVM

// Adversarial tests of the run limits (coa_limits.c, the sandbox's coroutine functions and
// xpcall, the step-counted matcher, the loops of coa_loops.c) and of the bridge's nesting limits.

/// How a guarded run ended.
struct GuardedRun: Sendable {
  var error: LuaError?
  var values: [JSONValue] = []
  var printed: [String] = []
  var elapsed: Duration = .zero
  /// Whether the same VM could run a new chunk after the failure (with its limits restarted).
  var usableAfterwards = false
}

private final class GuardedOutcome: Sendable {
  let run = Mutex<GuardedRun?>(nil)
}

/// Runs `source` as test.lua in a fresh VM on a thread of its own and waits at most
/// `patience` seconds. A run still going by then has escaped its limits: the issue is recorded
/// and nil is returned, and the thread is left behind so that one escape cannot hang the suite.
func guardedRun(
  _ source: String, limits: LuaLimits, patience: Double = 10,
  sourceLocation: SourceLocation = #_sourceLocation
) -> GuardedRun? {
  let outcome = GuardedOutcome()
  let done = DispatchSemaphore(value: 0)
  let worker = Thread {
    let clock = ContinuousClock()
    let start = clock.now
    var run = GuardedRun()
    do throws(LuaError) {
      let vm = try LuaVM(limits: limits)
      do throws(LuaError) {
        run.values = try vm.run(source, chunkName: "test.lua")
      } catch {
        run.error = error
      }
      run.elapsed = clock.now - start
      run.printed = vm.printedLines
      vm.restartLimits()
      run.usableAfterwards = (try? vm.run("return 1 + 1", chunkName: "after.lua")) == [2]
    } catch {
      run.error = error
    }
    outcome.run.withLock { $0 = run }
    done.signal()
  }
  worker.stackSize = 8 << 20
  worker.start()
  guard done.wait(timeout: .now() + patience) == .success else {
    Issue.record(
      "the run did not end within \(patience) s: it escaped its limits",
      sourceLocation: sourceLocation)
    return nil
  }
  return outcome.run.withLock { $0 }
}

/// Checks that `run` ended with the limit `limit` and `message`, at test.lua:`line` when a line
/// is given.
private func expectLimit(
  _ run: GuardedRun?, _ limit: LuaLimit, _ message: String, line: Int? = nil,
  within seconds: Double? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let run else { return }
  guard let error = run.error else {
    Issue.record("expected a limit error, got \(run.values)", sourceLocation: sourceLocation)
    return
  }
  #expect(error.kind == .limit(limit), "\(error)", sourceLocation: sourceLocation)
  #expect(error.message == message, sourceLocation: sourceLocation)
  if let line {
    #expect(error.chunk == "test.lua", sourceLocation: sourceLocation)
    #expect(error.line == line, sourceLocation: sourceLocation)
  }
  if let seconds {
    #expect(
      run.elapsed < .seconds(seconds), "took \(run.elapsed)", sourceLocation: sourceLocation)
  }
  // After a memory breach the garbage of the failed run still counts against the cap (see
  // garbageBelowTheCapDoesNotBreach), so only the other limits promise a usable state.
  if limit != .memory {
    #expect(run.usableAfterwards, sourceLocation: sourceLocation)
  }
}

/// A script and the line its limit error points at.
struct LimitCase: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  var line: Int? = nil

  var testDescription: String { name }
}

@Suite struct LimitTests {
  static let fast = LuaLimits(wallTime: 0.2, memory: 64 << 20)
  static let timeMessage = "time limit exceeded (0.2 s)"
  static let small = LuaLimits(wallTime: 10, memory: 8 << 20)
  static let memoryMessage = "memory limit exceeded (8 MiB)"

  // MARK: - Wall time: nothing swallows it

  static let timeCases: [LimitCase] = [
    LimitCase(name: "infinite loop", source: "while true do end", line: 1),
    LimitCase(
      name: "numeric for", source: "local x = 0\nfor i = 1, math.huge do x = x + i end", line: 2),
    LimitCase(
      name: "pcall in a loop",
      source: "while true do pcall(function() while true do end end) end", line: 1),
    LimitCase(
      name: "pcall of error in a loop",
      source: "while true do pcall(error, 'x') end", line: 1),
    LimitCase(
      name: "xpcall with a looping handler",
      source: "xpcall(function() while true do end end, function() while true do end end)",
      line: 1),
    LimitCase(
      name: "xpcall in a loop",
      source: "while true do xpcall(function() while true do end end, print) end", line: 1),
    LimitCase(
      name: "tail-called pcall",
      source: "return pcall(function() while true do end end)"),
    LimitCase(
      name: "tail-called xpcall",
      source: "return xpcall(function() while true do end end, function(m) return m end)"),
    LimitCase(
      name: "coroutine.resume",
      source: "coroutine.resume(coroutine.create(function() while true do end end))", line: 1),
    LimitCase(
      name: "coroutine.wrap",
      source: "coroutine.wrap(function() while true do end end)()", line: 1),
    LimitCase(
      name: "pcall inside a coroutine",
      source: """
        local co = coroutine.wrap(function()
          while true do pcall(function() while true do end end) end
        end)
        co()
        """,
      line: 4),
    LimitCase(
      name: "coroutine resumed repeatedly",
      source: """
        local co = coroutine.create(function()
          while true do coroutine.yield() end
        end)
        while true do coroutine.resume(co) end
        """,
      line: 4),
    LimitCase(
      name: "coroutine resumed under pcall",
      source: """
        local co = coroutine.create(function()
          while true do pcall(coroutine.yield) end
        end)
        while true do pcall(coroutine.resume, co) end
        """,
      line: 4),
    LimitCase(
      name: "nested coroutines",
      source: """
        coroutine.wrap(function()
          coroutine.wrap(function() while true do end end)()
        end)()
        """,
      line: 1),
    LimitCase(
      name: "__close of a local",
      source: """
        do
          local guard <close> = setmetatable({}, {__close = function() while true do end end})
        end
        """,
      line: 2),
    LimitCase(
      name: "__close while unwinding",
      source: """
        local guard <close> = setmetatable({}, {__close = function()
          while true do pcall(function() while true do end end) end
        end})
        while true do end
        """,
      line: 2),
    LimitCase(
      name: "__close run by coroutine.close",
      source: """
        local co = coroutine.create(function()
          local guard <close> = setmetatable({}, {__close = function() while true do end end})
          coroutine.yield()
        end)
        coroutine.resume(co)
        coroutine.close(co)
        """,
      line: 6),
    LimitCase(
      name: "__close run when a wrapped coroutine fails",
      source: """
        local f = coroutine.wrap(function()
          local guard <close> = setmetatable({}, {__close = function() while true do end end})
          error("boom")
        end)
        pcall(f)
        """,
      line: 5),
    LimitCase(
      name: "table.move of a huge range",
      source: "table.move({}, 1, math.maxinteger - 1, 2)", line: 1),
    LimitCase(
      name: "table.insert below a huge border",
      source: "local u = {}\nfor k = 40, 0, -1 do u[1 << k] = true end\ntable.insert(u, 1, true)",
      line: 3),
    LimitCase(
      name: "table.remove below a huge border",
      source: "local u = {}\nfor k = 40, 0, -1 do u[1 << k] = true end\ntable.remove(u, 1)",
      line: 3),
    LimitCase(
      name: "gsub callback",
      source: "string.gsub('abc', '%w', function() while true do end end)", line: 1),
    LimitCase(
      name: "table.sort comparator",
      source: "table.sort({3, 2, 1}, function() while true do end end)", line: 1),
    LimitCase(
      name: "table.sort of a proxy whose __len is huge",
      source: """
        table.sort(setmetatable({}, {
          __len = function() return 2000000 end, __index = rawlen, __newindex = rawequal,
        }))
        """,
      line: 1),
    LimitCase(
      name: "load reader",
      source: "load(function() while true do end end)", line: 1),
    LimitCase(
      name: "__index metamethod",
      source: "local t = setmetatable({}, {__index = function() while true do end end})\n"
        + "return t.x"),
  ]

  @Test(arguments: timeCases)
  func timeLimitEndsTheRun(timeCase: LimitCase) {
    let run = guardedRun(timeCase.source, limits: Self.fast)
    expectLimit(run, .time, Self.timeMessage, line: timeCase.line, within: 2)
  }

  /// The stock string.rep copies an empty string n times, in one C call that no hook can end.
  @Test func repeatingAnEmptyStringIsImmediate() {
    let run = guardedRun(
      "return #string.rep('', math.maxinteger), #string.rep('', math.maxinteger, '')",
      limits: Self.fast)
    #expect(run?.error == nil)
    #expect(run?.values == [0, 0])
    #expect((run?.elapsed ?? .seconds(60)) < .seconds(1))
  }

  @Test func breachIsStickyWithinTheScript() {
    let run = guardedRun(
      """
      local first, message = pcall(function() while true do end end)
      print("after the first pcall", first, message)
      local second = pcall(function() return 1 end)
      print("after the second pcall", second)
      """, limits: Self.fast)
    expectLimit(run, .time, Self.timeMessage, within: 2)
    #expect(run?.printed == [])
  }

  @Test func breachIsStickyForLaterCallsIntoTheSameVM() throws {
    let vm = try LuaVM(limits: Self.fast)
    let first = #expect(throws: LuaError.self) {
      try vm.run("while true do end", chunkName: "test.lua")
    }
    #expect(first?.kind == .limit(.time))
    let second = #expect(throws: LuaError.self) {
      try vm.run("return 1", chunkName: "test.lua")
    }
    #expect(second?.kind == .limit(.time))
    #expect(second?.message == Self.timeMessage)
    let native = #expect(throws: LuaError.self) {
      try vm.callGlobal("tostring", [1])
    }
    #expect(native?.kind == .limit(.time))
    vm.restartLimits()
    #expect(try vm.run("return 1", chunkName: "test.lua") == [1])
  }

  @Test func runWithinItsLimitsIsNotDisturbed() throws {
    let vm = try LuaVM(limits: LuaLimits(wallTime: 5, memory: 64 << 20, instructions: 50_000_000))
    let values = try vm.run(
      """
      local sum = 0
      for i = 1, 100000 do sum = sum + i end
      local ok, message = pcall(error, "caught")
      local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
      local parts = {}
      for i = 1, 1000 do parts[i] = tostring(i) end
      return sum, ok, message, co(1), co(21), #table.concat(parts), ("x"):rep(3)
      """, chunkName: "test.lua")
    #expect(values == [5_000_050_000, false, "caught", 2, 42, 2893, "xxx"])
    #expect(vm.limitHit == nil)
  }

  // MARK: - Memory

  static let memoryCases: [LimitCase] = [
    LimitCase(name: "string.rep bomb", source: "local s = string.rep('x', 2^31 - 1)"),
    LimitCase(name: "string.rep method bomb", source: "local s = ('xy'):rep(2^29)"),
    LimitCase(name: "string.rep with a separator", source: "local s = ('x'):rep(2^28, 'sep')"),
    LimitCase(
      name: "growing table",
      source: "local t = {}\nlocal i = 0\nwhile true do i = i + 1 t[i] = i end"),
    LimitCase(name: "doubling string", source: "local s = 'x'\nwhile true do s = s .. s end"),
    LimitCase(
      name: "table of strings",
      source: "local t = {}\nfor i = 1, math.huge do t[i] = ('x'):rep(1000) .. i end"),
    LimitCase(
      name: "table.concat bomb",
      source: "local t = {}\nfor i = 1, 64 do t[i] = ('x'):rep(1 << 20) end\n"
        + "local s = table.concat(t)"),
    LimitCase(
      name: "string.rep bomb under pcall in a loop",
      source: "while true do pcall(string.rep, 'x', 2^31 - 1) end", line: 1),
    LimitCase(
      name: "growing table under pcall",
      source: """
        local ok = pcall(function() local t = {} while true do t[#t + 1] = {} end end)
        return ok, "swallowed"
        """,
      line: 2),
    LimitCase(name: "tail-called pcall", source: "return pcall(string.rep, 'x', 2^31 - 1)"),
    LimitCase(
      name: "inside a coroutine",
      source: "coroutine.wrap(function() local s = string.rep('x', 2^31 - 1) end)()", line: 1),
    LimitCase(
      name: "coroutine under pcall",
      source: """
        local co = coroutine.create(function() local s = string.rep('x', 2^31 - 1) end)
        while true do pcall(coroutine.resume, co) end
        """,
      line: 2),
  ]

  @Test(arguments: memoryCases)
  func memoryLimitEndsTheRun(memoryCase: LimitCase) {
    let run = guardedRun(memoryCase.source, limits: Self.small)
    expectLimit(run, .memory, Self.memoryMessage, line: memoryCase.line, within: 5)
  }

  @Test func memoryLimitMessageInBytes() {
    let run = guardedRun(
      "local s = string.rep('x', 2^31 - 1)", limits: LuaLimits(wallTime: 10, memory: 5_000_000))
    expectLimit(run, .memory, "memory limit exceeded (5000000 bytes)")
  }

  @Test func memoryLimitHoldsAtTheDefault() {
    let run = guardedRun("local s = string.rep('x', 2^31 - 1)", limits: LuaLimits())
    expectLimit(run, .memory, "memory limit exceeded (64 MiB)")
  }

  /// string.rep refuses results of 2^31 bytes or more before allocating anything.
  @Test func stringRepOfTwoGigabytesIsRefusedByLua() throws {
    let error = try failure("local ok = true\nlocal s = string.rep('x', 2^31)")
    #expect(error.kind == .runtime)
    #expect(error.message == "resulting string too large")
    #expect(error.chunk == "test.lua")
    #expect(error.line == 2)
  }

  /// Garbage does not count against the cap: a refusal that Lua's emergency collection
  /// resolves is not a breach.
  @Test func garbageBelowTheCapDoesNotBreach() throws {
    let values = try results(
      """
      local keep = {}
      for i = 1, 40 do keep[i] = ("k"):rep(100000) .. i end
      for i = 1, 2000 do local garbage = ("g"):rep(100000) .. i end
      return #keep
      """, limits: Self.small)
    #expect(values == [40])
  }

  // MARK: - Instructions

  static let budget = LuaLimits(wallTime: 10, memory: 64 << 20, instructions: 100_000)
  static let budgetMessage = "instruction limit exceeded (100000 instructions)"

  static let instructionCases: [LimitCase] = [
    LimitCase(name: "infinite loop", source: "while true do end", line: 1),
    LimitCase(
      name: "pcall in a loop",
      source: "while true do pcall(function() while true do end end) end", line: 1),
    LimitCase(
      name: "coroutine",
      source: "coroutine.wrap(function() while true do end end)()", line: 1),
    LimitCase(
      name: "tail-called pcall", source: "return pcall(function() while true do end end)"),
  ]

  @Test(arguments: instructionCases)
  func instructionBudgetEndsTheRun(instructionCase: LimitCase) {
    let run = guardedRun(instructionCase.source, limits: Self.budget)
    expectLimit(run, .instructions, Self.budgetMessage, line: instructionCase.line, within: 5)
  }

  @Test func runWithinTheBudgetCompletes() throws {
    let values = try results(
      "local s = 0\nfor i = 1, 1000 do s = s + i end\nreturn s", limits: Self.budget)
    #expect(values == [500_500])
  }

  // MARK: - Recursion

  /// Lua's stack limit (LUAI_MAXSTACK, a million slots) needs more than the default 64 MiB.
  @Test func deepRecursionIsAStackOverflowAndTheVMStaysUsable() throws {
    let vm = try LuaVM(limits: LuaLimits(memory: 256 << 20))
    let error = #expect(throws: LuaError.self) {
      try vm.run("local function f() return 1 + f() end\nf()", chunkName: "test.lua")
    }
    #expect(error?.kind == .runtime)
    #expect(error?.message == "stack overflow")
    #expect(error?.chunk == "test.lua")
    #expect(error?.line == 1)
    #expect(try vm.run("return 1 + 1", chunkName: "test.lua") == [2])
  }

  /// Under the default limits the same recursion reaches the memory cap first.
  @Test func deepRecursionUnderTheDefaultLimits() {
    let run = guardedRun("local function f() return 1 + f() end\nf()", limits: LuaLimits())
    expectLimit(run, .memory, "memory limit exceeded (64 MiB)", within: 5)
  }

  // MARK: - Patterns that backtrack

  static let patternCases: [LimitCase] = [
    LimitCase(
      name: "string.find",
      source: "return string.find(string.rep('a', 30000), '.-.-.-.-.-.-b')", line: 1),
    LimitCase(
      name: "method match",
      source: "return (string.rep('a', 30000)):match('.-.-.-.-.-.-b')", line: 1),
    LimitCase(
      name: "gmatch",
      source: "for m in string.rep('a', 30000):gmatch('.-.-.-.-.-.-b') do end", line: 1),
    LimitCase(
      name: "gsub",
      source: "return (string.gsub(string.rep('a', 30000), '.-.-.-.-.-.-b', ''))", line: 1),
    LimitCase(
      name: "find under pcall",
      source: "while true do pcall(string.find, string.rep('a', 30000), '.-.-.-.-.-.-b') end",
      line: 1),
  ]

  @Test(arguments: patternCases)
  func backtrackingPatternEndsWithTheTimeLimit(patternCase: LimitCase) {
    let run = guardedRun(patternCase.source, limits: Self.fast)
    expectLimit(run, .time, Self.timeMessage, line: patternCase.line, within: 1.2)
  }

  // MARK: - The bridge's limits

  @Test(arguments: [512, 600])
  func deepTableNesting(depth: Int) throws {
    let source = """
      local root = {}
      local current = root
      for i = 2, \(depth) do current.a = {} current = current.a end
      return root
      """
    if depth <= JSONValue.maxDepth {
      #expect(try results(source).count == 1)
      return
    }
    let error = try failure(source)
    #expect(error.kind == .runtime)
    #expect(
      error.message
        == "result #1" + String(repeating: ".a", count: 512) + ": nesting deeper than 512 levels")
  }

  @Test func deepArrayNestingNamesThePath() throws {
    let error = try failure(
      "local t = {}\nfor i = 1, 600 do t = {t} end\nreturn 1, t")
    #expect(error.kind == .runtime)
    #expect(
      error.message
        == "result #2" + String(repeating: "[1]", count: 512) + ": nesting deeper than 512 levels")
  }

  @Test func cyclicTableNamesThePath() throws {
    let error = try failure(
      "local t = {items = {{name = 'x'}}}\nt.items[1].owner = t\nreturn t")
    #expect(error.kind == .runtime)
    #expect(error.message == "result #1.items[1].owner: table contains itself (a cycle)")
  }

  @Test func sharedTableIsNotACycle() throws {
    #expect(
      try results("local s = {1}\nreturn {a = s, b = s}")
        == [["a": [1], "b": [1]]])
  }

  @Test func jsonEncodeReportsCyclesAndDepth() throws {
    let cycle = try failure("local t = {}\nt[1] = t\nreturn json.encode(t)")
    #expect(
      cycle.message == "bad argument #1 to 'encode' (value[1]: table contains itself (a cycle))")
    #expect(cycle.line == 3)
    let deep = try failure("local t = {}\nfor i = 1, 600 do t = {t} end\nreturn json.encode(t)")
    #expect(
      deep.message
        == "bad argument #1 to 'encode' (value" + String(repeating: "[1]", count: 512)
        + ": nesting deeper than 512 levels)")
  }
}
