import CoaJSON
import Testing

@testable import LuaVM

// Adversarial tests of the sandbox policy (LuaSandbox.swift, coa_sandbox.c): each test
// attempts an escape and pins the exact error the playbook gets.

/// An escape attempt and the error it must end with.
struct SandboxEscape: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  let message: String
  let line: Int

  var testDescription: String { name }
}

/// A script run through a sandbox replacement and what the stock function would return.
struct StockBehaviour: Sendable, CustomTestStringConvertible {
  let name: String
  let source: String
  let values: [JSONValue]

  var testDescription: String { name }
}

/// Checks an error raised by a playbook named test.lua.
private func expectError(
  _ error: LuaError, kind: LuaError.Kind = .runtime, message: String, line: Int,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(error.kind == kind, sourceLocation: sourceLocation)
  #expect(error.message == message, sourceLocation: sourceLocation)
  #expect(error.chunk == "test.lua", sourceLocation: sourceLocation)
  #expect(error.line == line, sourceLocation: sourceLocation)
}

/// The first bytes of a real Lua 5.4 binary chunk (LUA_SIGNATURE, version, format, LUAC_DATA,
/// sizes, LUAC_INT, LUAC_NUM), built by hand since string.dump is gone. As Lua source.
private let binaryHeader = """
  local header = "\\27Lua" .. string.char(0x54, 0) .. "\\x19\\x93\\r\\n\\x1a\\n"
    .. string.char(4, 8, 8) .. string.pack("<i8", 0x5678) .. string.pack("<d", 370.5)
  """

@Suite struct SandboxTests {
  // MARK: - Absent libraries and functions

  static let absentGlobals: [SandboxEscape] = [
    SandboxEscape(
      name: "io", source: "local ok = true\nlocal f = io.open('/etc/passwd')",
      message: "undefined global 'io'", line: 2),
    SandboxEscape(
      name: "os", source: "local ok = true\nos.execute('id')",
      message: "undefined global 'os'", line: 2),
    SandboxEscape(
      name: "package", source: "local ok = true\nlocal f = package.loadlib('libc.so.6', 'system')",
      message: "undefined global 'package'", line: 2),
    SandboxEscape(
      name: "require", source: "local ok = true\nlocal os = require('os')",
      message: "undefined global 'require'", line: 2),
    SandboxEscape(
      name: "debug", source: "local ok = true\nlocal registry = debug.getregistry()",
      message: "undefined global 'debug'", line: 2),
    SandboxEscape(
      name: "dofile", source: "local ok = true\ndofile('/etc/passwd')",
      message: "undefined global 'dofile'", line: 2),
    SandboxEscape(
      name: "loadfile", source: "local ok = true\nlocal f = loadfile('/etc/passwd')",
      message: "undefined global 'loadfile'", line: 2),
    SandboxEscape(
      name: "_G.io", source: "local ok = true\n\nlocal lib = _G.io",
      message: "undefined global 'io'", line: 3),
    SandboxEscape(
      name: "_ENV.os", source: "local ok = true\n\nlocal lib = _ENV['os']",
      message: "undefined global 'os'", line: 3),
    SandboxEscape(
      name: "string.dump", source: "local ok = true\nlocal bytes = string.dump(print)",
      message: "attempt to call a nil value (field 'dump')", line: 2),
  ]

  @Test(arguments: absentGlobals)
  func absentLibraryIsAnErrorNamingIt(escape: SandboxEscape) throws {
    expectError(try failure(escape.source), message: escape.message, line: escape.line)
  }

  @Test func globalsAreExactlyTheAllowList() throws {
    let names = try result(
      """
      local names = {}
      for name in pairs(_G) do names[#names + 1] = name end
      table.sort(names)
      return table.concat(names, " ")
      """)
    let expected = [
      "_G", "_VERSION", "assert", "collectgarbage", "coroutine", "error", "getmetatable",
      "ipairs", "json", "load", "math", "next", "pairs", "pcall", "print", "rawequal",
      "rawget", "rawlen", "rawset", "select", "setmetatable", "string", "table", "tonumber",
      "tostring", "type", "utf8", "xpcall",
    ]
    #expect(names == .string(expected.joined(separator: " ")))
  }

  /// Walks every table reachable from _G (and every readable metatable) looking for the
  /// functions that would open a hole: none may be reachable under any name.
  @Test func noDangerousFunctionIsReachable() throws {
    let found = try result(
      """
      local dangerous = {}
      for name in ("loadlib searchpath searchers preload loaded dump execute getenv popen "
        .. "open rename exit tmpname lines output input getregistry sethook gethook "
        .. "getupvalue setupvalue upvaluejoin getlocal setlocal setuservalue getuservalue "
        .. "dofile loadfile require loadstring setfenv getfenv newproxy"):gmatch("%S+") do
        dangerous[name] = true
      end
      local seen, found = {}, {}
      local function walk(value, path)
        if type(value) ~= "table" or seen[value] then return end
        seen[value] = true
        local meta = getmetatable(value)
        if type(meta) == "table" then walk(meta, path .. "<meta>") end
        for key, inner in pairs(value) do
          local name = path .. "." .. tostring(key)
          if dangerous[key] then found[#found + 1] = name end
          walk(inner, name)
        end
      end
      walk(_G, "_G")
      local values = {
        "", 1, true, print, json.null, coroutine.create(print), json.object(), json.array(),
        json.decode('{"a": [1]}'), json.decode('{"a": [1]}').a,
      }
      for _, value in ipairs(values) do
        local meta = getmetatable(value)
        if meta ~= nil and meta ~= false then found[#found + 1] = type(value) .. " metatable" end
      end
      table.sort(found)
      return table.concat(found, ", ")
      """)
    #expect(found == "")
  }

  @Test func stringDumpIsNilEverywhere() throws {
    #expect(try results("return string.dump == nil, ('').dump == nil") == [true, true])
  }

  // MARK: - load: text only, sandbox environment

  @Test(arguments: ["nil", "'b'", "'bt'", "'t'", "'tb'"])
  func loadRefusesBinaryChunksWhateverTheMode(mode: String) throws {
    let values = try results(
      """
      \(binaryHeader)
      local f, message = load(header, "=bytes", \(mode))
      return f == nil, message
      """)
    #expect(values == [true, "attempt to load a binary chunk (mode is 't')"])
  }

  @Test func loadRefusesBinaryChunksFromAReaderAndWithAnEnvironment() throws {
    let values = try results(
      """
      \(binaryHeader)
      local given = false
      local function reader()
        if given then return nil end
        given = true
        return header
      end
      local f1, m1 = load(reader, "=reader", "b")
      local f2, m2 = load(header, "=env", "b", {})
      return f1 == nil, m1, f2 == nil, m2
      """)
    let refused: JSONValue = "attempt to load a binary chunk (mode is 't')"
    #expect(values == [true, refused, true, refused])
  }

  @Test func hostLoadRefusesBinaryChunks() throws {
    let vm = try LuaVM()
    let bytes: [UInt8] = [27, 76, 117, 97, 0x54, 0, 0x19, 0x93, 13, 10, 0x1a, 10, 4, 8, 8]
    let error = #expect(throws: LuaError.self) {
      _ = try vm.load(bytes, chunkName: "test.lua")
    }
    #expect(error?.kind == .syntax)
    #expect(error?.message == "attempt to load a binary chunk (mode is 't')")
  }

  @Test func loadedTextSeesTheSandboxGlobals() throws {
    let values = try results(
      """
      local f = assert(load("return string.rep('ab', 2), _G, type(print), rawget(_G, 'io')"))
      local text, globals, printType, io = f()
      return text, globals == _G, printType, io == nil
      """)
    #expect(values == ["abab", true, "function", true])
  }

  @Test func loadedTextIsStrictToo() throws {
    let error = try failure(
      """
      local f = assert(load("local x = 1\\nreturn io", "=inner"))
      return f()
      """)
    #expect(error.kind == .runtime)
    #expect(error.message == "undefined global 'io'")
    #expect(error.chunk == "inner")
    #expect(error.line == 2)
  }

  @Test func loadWithAnExplicitEnvironment() throws {
    let values = try results(
      """
      local env = {x = 41}
      local f = assert(load("x = x + 1 return x, string", "=inner", "t", env))
      local x, lib = f()
      return x, lib == nil, env.x, rawget(_G, "x") == nil
      """)
    #expect(values == [42, true, 42, true])
  }

  // MARK: - The string metatable

  @Test func stringMetatableIsHidden() throws {
    #expect(try results("return getmetatable(''), getmetatable('abc')") == [false, false])
  }

  @Test func stringMethodsStillWork() throws {
    let values = try results(
      "return ('ab'):rep(3), ('x').rep == string.rep, ('a,b'):find(',', 1, true), #('')")
    #expect(values == ["ababab", true, 2, 0])
  }

  @Test func stringMethodsAreTheSandboxStringTable() throws {
    let values = try results(
      "return ('x').find == string.find, ('x').gsub == string.gsub, ('').dump == nil")
    #expect(values == [true, true, true])
  }

  static let stringMetatableEscapes: [SandboxEscape] = [
    SandboxEscape(
      name: "setmetatable on a string", source: "setmetatable('', {})",
      message: "bad argument #1 to 'setmetatable' (table expected, got string)", line: 1),
    SandboxEscape(
      name: "index the hidden metatable", source: "local index = getmetatable('').__index",
      message: "attempt to index a boolean value", line: 1),
    SandboxEscape(
      name: "replace __index", source: "getmetatable('').__index = {}",
      message: "attempt to index a boolean value", line: 1),
    SandboxEscape(
      name: "rawget the metatable", source: "local index = rawget(getmetatable(''), '__index')",
      message: "bad argument #1 to 'rawget' (table expected, got boolean)", line: 1),
    SandboxEscape(
      name: "rawset the metatable", source: "rawset(getmetatable('x'), '__index', {})",
      message: "bad argument #1 to 'rawset' (table expected, got boolean)", line: 1),
    SandboxEscape(
      name: "setmetatable on the metatable", source: "setmetatable(getmetatable(''), nil)",
      message: "bad argument #1 to 'setmetatable' (table expected, got boolean)", line: 1),
    SandboxEscape(
      name: "__index through a string", source: "local mt = ('').__index\nreturn mt.upper",
      message: "attempt to index a nil value (local 'mt')", line: 2),
  ]

  @Test(arguments: stringMetatableEscapes)
  func stringMetatableCannotBeReached(escape: SandboxEscape) throws {
    expectError(try failure(escape.source), message: escape.message, line: escape.line)
  }

  // MARK: - Poisoning: a fresh state per run

  @Test func poisonedLibrariesDoNotReachTheNextVM() throws {
    let poisoned = try LuaVM()
    let seen = try poisoned.run(
      """
      string.rep = nil
      string.upper = function() return "pwned" end
      math.floor = nil
      table.insert = error
      _G.x = 1
      rawset(_G, "y", 2)
      return ("a"):upper(), string.rep == nil, math.floor == nil, table.insert == error, x, y
      """, chunkName: "test.lua")
    #expect(seen == ["pwned", true, true, true, 1, 2])
    // Within one state the poison stays: isolation comes from a fresh state per run.
    #expect(try poisoned.run("return ('b'):upper()", chunkName: "test.lua") == ["pwned"])

    let fresh = try results(
      """
      local t = {}
      table.insert(t, "ok")
      return string.rep("ab", 2), ("a"):upper(), string.upper("b"), math.floor(2.5), t[1],
        rawget(_G, "x") == nil, rawget(_G, "y") == nil
      """)
    #expect(fresh == ["abab", "A", "B", 2, "ok", true, true])
  }

  @Test(arguments: ["x", "y"])
  func globalsSetByAnEarlierVMAreUndefined(name: String) throws {
    _ = try LuaVM().run("_G.x = 1\nrawset(_G, 'y', 2)", chunkName: "test.lua")
    expectError(try failure("return \(name)"), message: "undefined global '\(name)'", line: 1)
  }

  @Test func globalsMetatableIsLocked() throws {
    #expect(try result("return getmetatable(_G)") == false)
    expectError(
      try failure("local ok = true\nsetmetatable(_G, nil)"),
      message: "cannot change a protected metatable", line: 2)
    let caught = try results(
      """
      local ok, message = pcall(function() setmetatable(_G, {}) end)
      return ok, message
      """)
    #expect(caught == [false, "test.lua:1: cannot change a protected metatable"])
  }

  // MARK: - collectgarbage and setmetatable

  @Test func collectgarbageCountWorks() throws {
    #expect(
      try results("local kb = collectgarbage('count') return math.type(kb), kb > 0")
        == ["float", true])
  }

  @Test(arguments: [
    "collectgarbage()", "collectgarbage('collect')", "collectgarbage('stop')",
    "collectgarbage('restart')", "collectgarbage('step', 100)", "collectgarbage('isrunning')",
    "collectgarbage('incremental')", "collectgarbage('generational')",
    "collectgarbage('setpause', 1000)", "collectgarbage(nil)",
  ])
  func collectgarbageRefusesAllButCount(call: String) throws {
    expectError(
      try failure("local ok = true\n\(call)"),
      message: "bad argument #1 to 'collectgarbage' (only \"count\" is allowed in the sandbox)",
      line: 2)
  }

  @Test(arguments: ["function() end", "true", "false", "print"])
  func setmetatableRefusesGC(handler: String) throws {
    expectError(
      try failure("local t = {}\nsetmetatable(t, {__gc = \(handler)})"),
      message:
        "bad argument #2 to 'setmetatable' (__gc metamethods are not allowed in the sandbox)",
      line: 2)
  }

  @Test func setmetatableStillWorksWithoutGC() throws {
    let values = try results(
      """
      local t = setmetatable({}, {__index = function(_, key) return key .. "!" end})
      local locked = setmetatable({}, {__metatable = "locked"})
      return t.hi, getmetatable(locked), setmetatable(t, nil) == t, t.hi
      """)
    #expect(values == ["hi!", "locked", true, .null])
  }

  // MARK: - The replaced functions still behave like Lua's own

  static let stockBehaviours: [StockBehaviour] = [
    StockBehaviour(
      name: "xpcall calls its handler",
      source: """
        return xpcall(function() error("x") end, function(m) return "handled: " .. m end)
        """,
      values: [false, "handled: test.lua:1: x"]),
    StockBehaviour(
      name: "xpcall passes arguments and returns results",
      source: "return xpcall(function(a, b) return a + b, 'ok' end, print, 20, 22)",
      values: [true, 42, "ok"]),
    StockBehaviour(
      name: "xpcall body may yield",
      source: """
        local co = coroutine.wrap(function()
          return xpcall(function(a) local b = coroutine.yield(a) return b * 2 end, print, 21)
        end)
        local first = co()
        return first, co(21)
        """,
      values: [21, true, 42]),
    StockBehaviour(
      name: "coroutine.close runs __close",
      source: """
        local log = {}
        local co = coroutine.create(function()
          local guard <close> = setmetatable({}, {__close = function() log[1] = "closed" end})
          coroutine.yield()
        end)
        coroutine.resume(co)
        return coroutine.close(co), log[1], coroutine.status(co)
        """,
      values: [true, "closed", "dead"]),
    StockBehaviour(
      name: "coroutine.close reports a failing __close",
      source: """
        local co = coroutine.create(function()
          local guard <close> = setmetatable({}, {__close = function() error("boom") end})
          coroutine.yield()
        end)
        coroutine.resume(co)
        return coroutine.close(co)
        """,
      values: [false, "test.lua:2: boom"]),
    StockBehaviour(
      name: "coroutine.close refuses the running coroutine",
      source: """
        return pcall(coroutine.wrap(function() coroutine.close(coroutine.running()) end))
        """,
      values: [false, "test.lua:1: cannot close a running coroutine"]),
    StockBehaviour(
      name: "a failed wrapped coroutine runs __close",
      source: """
        local log = {}
        local f = coroutine.wrap(function()
          local guard <close> = setmetatable({}, {__close = function() log[1] = "closed" end})
          error("boom")
        end)
        local ok, message = pcall(f)
        return ok, message, log[1]
        """,
      values: [false, "test.lua:4: boom", "closed"]),
    StockBehaviour(
      name: "load names its bad arguments",
      source: "local ok, message = pcall(function() load(nil) end)\nreturn message",
      values: ["test.lua:1: bad argument #1 to 'load' (function expected, got nil)"]),
    StockBehaviour(
      name: "load checks its chunk name",
      source: "local ok, message = pcall(function() load('x', {}) end)\nreturn message",
      values: ["test.lua:1: bad argument #2 to 'load' (string expected, got table)"]),
    StockBehaviour(
      name: "setmetatable checks its metatable",
      source: "local ok, message = pcall(function() setmetatable({}, 5) end)\nreturn message",
      values: [
        "test.lua:1: bad argument #2 to 'setmetatable' (nil or table expected, got number)"
      ]),
    StockBehaviour(
      name: "table.insert, remove and move",
      source: """
        local t = {1, 2, 3}
        table.insert(t, 4)
        table.insert(t, 1, 0)
        local last = table.remove(t)
        local first = table.remove(t, 1)
        table.move(t, 1, 3, 2)
        return last, first, table.concat(t, ","), table.move({1, 2, 3}, 1, 3, 1, {})[3]
        """,
      values: [4, 0, "1,1,2,3", 3]),
    StockBehaviour(
      name: "table.insert through metamethods",
      source: """
        local log = {}
        local proxy = setmetatable({}, {
          __index = function(_, k) return k * 10 end,
          __newindex = function(_, k, v) log[#log + 1] = k .. "=" .. v end,
          __len = function() return 3 end,
        })
        table.insert(proxy, 1, 5)
        return table.concat(log, " ")
        """,
      values: ["4=30 3=20 2=10 1=5"]),
    StockBehaviour(
      name: "table.insert and move check their arguments",
      source: """
        local _, a = pcall(function() table.insert({}, 5, 1) end)
        local _, b = pcall(function() table.insert({}, 1, 2, 3) end)
        local _, c = pcall(function() table.move({}, 1, math.maxinteger, 2) end)
        return a, b, c
        """,
      values: [
        "test.lua:1: bad argument #2 to 'insert' (position out of bounds)",
        "test.lua:2: wrong number of arguments to 'insert'",
        "test.lua:3: bad argument #4 to 'move' (destination wrap around)",
      ]),
    StockBehaviour(
      name: "string.rep",
      source: """
        local _, big = pcall(function() return string.rep("x", 2^31) end)
        return string.rep("ab", 3, ","), string.rep("x", -1), string.rep("", 3, "-"), big
        """,
      values: ["ab,ab,ab", "", "--", "test.lua:1: resulting string too large"]),
  ]

  @Test(arguments: stockBehaviours)
  func replacementBehavesLikeLuasOwn(behaviour: StockBehaviour) throws {
    let values = try results(behaviour.source)
    #expect(values == behaviour.values)
  }

  // MARK: - Strict globals

  @Test func typoInAFunctionNamesTheGlobalAndTheLine() throws {
    let error = try failure(
      """
      local function step(incident)
        local severity = incident.severity
        return severty + 1
      end
      local score = step({severity = 2})
      return score
      """)
    expectError(error, message: "undefined global 'severty'", line: 3)
    #expect(error.traceback.contains { $0.hasPrefix("test.lua:3: in ") })
    #expect(error.traceback.contains { $0.hasPrefix("test.lua:5: in ") })
  }

  @Test func typoInAGlobalFunctionCalledFromAnother() throws {
    let error = try failure(
      """
      function enrich(indicator)
        return lookpu(indicator)
      end

      function run()
        local verdict = enrich("1.2.3.4")
        return verdict
      end

      local result = run()
      return result
      """)
    expectError(error, message: "undefined global 'lookpu'", line: 2)
    let lines = error.traceback.filter { $0.hasPrefix("test.lua:") }
    #expect(
      lines.map { $0.prefix(while: { $0 != " " }) }
        == ["test.lua:2:", "test.lua:6:", "test.lua:10:"])
  }

  /// Natives (print, json.*) read their arguments from the thread that calls them.
  @Test func nativesWorkInsideCoroutines() throws {
    let vm = try LuaVM()
    let values = try vm.run(
      """
      local co = coroutine.wrap(function(a, b)
        print("inside", a, b)
        local text = json.encode({a, b})
        local again = coroutine.yield(text)
        return json.decode(again)[2]
      end)
      local first = co(1, 2)
      return first, co("[5, 6]")
      """, chunkName: "test.lua")
    #expect(values == ["[1,2]", 6])
    #expect(vm.printedLines == ["inside\t1\t2"])
  }

  @Test func assignedGlobalsAreDefined() throws {
    #expect(try results("counter = 1\ncounter = counter + 1\nreturn counter") == [2])
  }
}

/// The JSON marker metatables are the host's own: reaching one would let a playbook add a
/// finalizer to every table the host marks, and finalizers run with hooks off.
@Suite struct MarkerMetatableTests {
  @Test func aFinalizerCannotBeSmuggledOntoTheMarkers() throws {
    let error = try failure(
      """
      local mt = getmetatable(json.object())
      mt.__gc = function() while true do end end
      """, limits: LuaLimits(wallTime: 2))
    #expect(error.kind == .runtime)
    #expect(error.line == 2)
    #expect(error.message == "attempt to index a boolean value (local 'mt')")
  }
}
