import CoaJSON
import Testing

@testable import LuaVM

/// Sends a value into Lua as the argument of `identity` and reads it back.
private func roundTrip(_ value: JSONValue) throws -> JSONValue {
  let vm = try LuaVM()
  let function = try vm.load(Array("return ...".utf8), chunkName: "identity.lua")
  return try vm.call(function, [value]).first ?? .null
}

@Suite struct BridgeTests {
  @Test(arguments: [
    JSONValue.int(0), .int(-7), .int(Int64.max), .int(Int64.min), .double(5.0), .double(-0.5),
    .double(1e300), .string(""), .string("héllo wörld ✓ 😀"), .string("nul\u{0}inside"),
    .bytes([0xff, 0xfe, 0x00, 0x41]), .null, .bool(true), .bool(false),
    .array([]), .object(JSONObject()), [1, "two", 3.0, nil, [nil]],
    ["a": ["nested": [true, false]], "b": 1, "c": .object(JSONObject())],
  ])
  func valuesSurviveARoundTrip(_ value: JSONValue) throws {
    #expect(try roundTrip(value) == value)
  }

  @Test func integersAndFloatsKeepTheirKindInLua() throws {
    let vm = try LuaVM()
    let function = try vm.load(
      Array("local i, f = ... return math.type(i), math.type(f), i // 1, f".utf8),
      chunkName: "kinds.lua")
    #expect(try vm.call(function, [5, 5.0]) == ["integer", "float", 5, 5.0])
  }

  @Test func bigIntegersReachLuaAsFloats() throws {
    let vm = try LuaVM()
    let function = try vm.load(Array("local n = ... return math.type(n), n".utf8), chunkName: "b")
    let digits = "123456789012345678901234567890"
    #expect(try vm.call(function, [.bigInt(digits)]) == ["float", .double(1.2345678901234568e29)])
  }

  @Test func nullIsASentinelThatKeepsKeysAndPositions() throws {
    let values = try results(
      """
      local t = json.decode('{"a": null, "list": [1, null, 3]}')
      return t.a == json.null, #t.list, t.list[2] == json.null, tostring(json.null), type(json.null)
      """)
    #expect(values == [true, 3, true, "null", "userdata"])
  }

  @Test func tablesBuiltInLuaGetSortedKeysAndKinds() throws {
    #expect(
      try result("return {zeta = 1, alpha = 2, Mid = 3}") == ["Mid": 3, "alpha": 2, "zeta": 1])
    #expect(try result("return {}") == .array([]))
    #expect(try result("return json.object()") == .object(JSONObject()))
    #expect(try result("return json.array({})") == .array([]))
    #expect(try result("return json.object({x = json.array()})") == ["x": .array([])])
  }

  @Test func tenThousandElementArrays() throws {
    let big = JSONValue.array((0..<10_000).map { .int(Int64($0)) })
    #expect(try roundTrip(big) == big)
    let built = try result("local t = {} for i = 1, 10000 do t[i] = i * 2 end return t")
    #expect(built.arrayValue?.count == 10_000)
    #expect(built.arrayValue?.last == .int(20_000))
  }

  @Test(arguments: [
    ("return {1, 2, x = 3}", "result #1: table mixes sequence and string keys"),
    ("return {[1] = 1, [3] = 3}", "result #1: table has integer keys that are not a sequence 1..n"),
    ("return {a = {b = {print}}}", "result #1.a.b[1]: cannot convert a function to JSON"),
    ("return {n = 0/0}", "result #1.n: cannot convert NaN or infinity to JSON"),
    ("return {n = math.huge}", "result #1.n: cannot convert NaN or infinity to JSON"),
    ("return {[true] = 1}", "result #1: table has a boolean key (keys must be strings or 1..n)"),
    ("return {[1.5] = 1}", "result #1: table has a number key (keys must be strings or 1..n)"),
    ("local t = {} t.self = t return t", "result #1.self: table contains itself (a cycle)"),
    ("return {co = coroutine.create(print)}", "result #1.co: cannot convert a thread to JSON"),
    ("return json.object({1})", "result #1: table has a number key (keys must be strings or 1..n)"),
    ("local a = json.array() a.x = 1 return a", "result #1: table mixes sequence and string keys"),
  ])
  func conversionErrorsNameThePath(_ source: String, _ message: String) throws {
    let error = try failure(source)
    #expect(error.message == message)
  }

  @Test func nestingDeeperThanTheLimitIsAnError() throws {
    let error = try failure(
      "local t = {} local c = t for i = 1, 600 do c.x = {} c = c.x end return t")
    #expect(error.message.hasSuffix(": nesting deeper than 512 levels"))
    #expect(error.message.hasPrefix("result #1.x.x.x"))
  }

  @Test func jsonEncodeAndDecode() throws {
    let values = try results(
      """
      local v = json.decode('{"b": [1, 2.5, "x"], "a": {}}')
      return json.encode(v), json.encode({k = true}), json.encode(v.a)
      """)
    #expect(values == [#"{"a":{},"b":[1,2.5,"x"]}"#, #"{"k":true}"#, "{}"])
    let error = try failure("json.decode('{\"a\": }')")
    #expect(
      error.message
        == "bad argument #1 to 'decode' (invalid JSON: line 1, column 7: expected a value)")
  }

  @Test func markingATableWithItsOwnMetatableIsRefused() throws {
    let error = try failure("json.object(setmetatable({}, {}))")
    #expect(
      error.description == "test.lua:1: bad argument #1 to 'object' (table already has a metatable)"
    )
    let strict = try failure("json.object(_G)")
    #expect(strict.message == "bad argument #1 to 'object' (table already has a metatable)")
  }
}
