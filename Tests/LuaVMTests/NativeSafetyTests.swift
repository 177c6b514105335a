import CoaJSON
import Testing

@testable import LuaVM

/// Counts live instances, to show that no Swift frame was skipped by a longjmp.
final class LiveCounter {
  var live = 0
  var made = 0
}

final class Tracked {
  let counter: LiveCounter
  let payload: [String]

  init(_ counter: LiveCounter) {
    self.counter = counter
    counter.live += 1
    counter.made += 1
    payload = ["allocated", "in", "swift"]
  }

  deinit { counter.live -= 1 }
}

@Suite struct NativeSafetyTests {
  @Test func failingNativeUnderPcallLeaksNothing() throws {
    let counter = LiveCounter()
    let vm = try LuaVM(limits: LuaLimits(wallTime: 60))
    vm.register(
      LuaNative("fail") { _ in
        let tracked = Tracked(counter)
        return .error("failed with \(tracked.payload.count) pieces")
      })

    let values = try vm.run(
      """
      local last
      for i = 1, 100000 do
        local ok, message = pcall(function() fail() end)
        assert(not ok)
        last = message
      end
      return last, 1 + 1
      """, chunkName: "loop.lua")

    #expect(values == ["loop.lua:3: failed with 3 pieces", 2])
    #expect(counter.made == 100_000)
    #expect(counter.live == 0)
    #expect(try vm.run("return 'still works'", chunkName: "after.lua") == ["still works"])
  }

  @Test func badArgumentIsInLuasVoice() throws {
    let vm = try LuaVM()
    vm.register(
      LuaNative("Set") { arguments in
        .badArgument(1, arguments.typeMismatch(1, expected: "table"))
      })
    let error = #expect(throws: LuaError.self) {
      try vm.run("\n\nSet()", chunkName: "playbook.lua")
    }
    #expect(
      error?.description
        == "playbook.lua:3: bad argument #1 to 'Set' (table expected, got no value)")
    #expect(error?.kind == .runtime)
  }

  @Test func pushesPastTheMemoryCapEndTheRunAfterTheSwiftFrame() throws {
    let counter = LiveCounter()
    let vm = try LuaVM(limits: LuaLimits(wallTime: 60, memory: 4 << 20))
    vm.register(
      LuaNative("big") { _ in
        let tracked = Tracked(counter)
        let piece = [UInt8](repeating: 120, count: 64 * 1024 + tracked.payload.count)
        return .values([.bytes(piece)])
      })

    let error = #expect(throws: LuaError.self) {
      try vm.run(
        """
        local kept = {}
        for i = 1, 100000 do
          local ok, value = pcall(big)
          kept[#kept + 1] = value
        end
        """, chunkName: "hoard.lua")
    }

    #expect(error?.kind == .limit(.memory))
    #expect(error?.message == "memory limit exceeded (4 MiB)")
    #expect(counter.made > 10)
    #expect(counter.made < 100_000)
    #expect(counter.live == 0)
  }

  @Test func manyStatesHittingTheCapLeakNothing() throws {
    let counter = LiveCounter()
    for _ in 0..<200 {
      let vm = try LuaVM(limits: LuaLimits(wallTime: 60, memory: 1 << 20))
      vm.register(
        LuaNative("grow") { _ in
          _ = Tracked(counter)
          return .values([.bytes([UInt8](repeating: 121, count: 100_000))])
        })
      #expect(throws: LuaError.self) {
        try vm.run("local t = {} while true do t[#t + 1] = grow() end", chunkName: "grow.lua")
      }
    }
    #expect(counter.live == 0)
  }

  @Test func nativeCanCallBackIntoLuaProtected() throws {
    let vm = try LuaVM()
    vm.register(
      LuaNative("try") { arguments in
        if let error = arguments.callFunction(1) {
          return .values([false, .string(error.message)])
        }
        return .values([true])
      })
    let values = try vm.run(
      """
      local ok, message = try(function() error('inner') end)
      return ok, message, try(function() end)
      """, chunkName: "cb.lua")
    #expect(values == [false, "inner", true])
  }

  @Test func limitBreachInsideCallbackIsNotSwallowed() throws {
    let vm = try LuaVM(limits: LuaLimits(wallTime: 0.2))
    vm.register(
      LuaNative("try") { arguments in
        _ = arguments.callFunction(1)
        return .values([true])
      })
    let error = #expect(throws: LuaError.self) {
      try vm.run("try(function() while true do end end) return 'escaped'", chunkName: "cb.lua")
    }
    #expect(error?.kind == .limit(.time))
    #expect(error?.message == "time limit exceeded (0.2 s)")
  }
}
