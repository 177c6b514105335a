import CLua
import CLuaShim
import CoaJSON

// The one place where Lua values and JSON values cross. Rules:
// - integers stay integers, floats stay floats; a .bigInt reaches Lua as a float;
// - JSON null is the `json.null` sentinel, so keys and positions holding null survive;
// - arrays and objects reach Lua as tables marked json.array / json.object, so empty ones
//   keep their kind on the way back;
// - a table becomes an array when its keys are exactly 1..n, an object when they are all
//   strings (sorted by their bytes: Lua tables have no order), an empty unmarked table is an
//   empty array; anything else is a LuaBridgeError naming the path.
// Everything here runs on the host side: pushes cannot raise, reads use raw access only.

extension LuaVM {
  // MARK: - JSON to Lua

  /// Pushes `value`. [-0, +1] on success; on failure (nesting too deep) leaves the stack as
  /// it was and returns false.
  func push(_ value: JSONValue) -> Bool {
    let top = lua_gettop(state)
    if push(value, depth: 0) { return true }
    lua_settop(state, top)
    return false
  }

  private func push(_ value: JSONValue, depth: Int) -> Bool {
    switch value {
    case .null: coa_pushnull(state)
    case .bool(let flag): lua_pushboolean(state, flag ? 1 : 0)
    case .int(let number): lua_pushinteger(state, lua_Integer(number))
    case .double(let number): lua_pushnumber(state, number)
    case .bigInt(let digits): lua_pushnumber(state, Double(digits) ?? .nan)
    case .string(let text): pushString(text)
    case .bytes(let bytes): pushBytes(bytes)
    case .array(let elements): return pushArray(elements, depth: depth + 1)
    case .object(let members): return pushObject(members, depth: depth + 1)
    }
    return true
  }

  private func pushArray(_ elements: [JSONValue], depth: Int) -> Bool {
    guard depth <= JSONValue.maxDepth, lua_checkstack(state, 3) != 0 else { return false }
    lua_createtable(state, Int32(clamping: elements.count), 0)  // t
    for (offset, element) in elements.enumerated() {
      guard push(element, depth: depth) else { return false }  // t element
      lua_rawseti(state, -2, lua_Integer(offset + 1))  // t
    }
    coa_pusharraymeta(state)  // t mt
    lua_setmetatable(state, -2)  // t
    return true
  }

  private func pushObject(_ members: JSONObject, depth: Int) -> Bool {
    guard depth <= JSONValue.maxDepth, lua_checkstack(state, 4) != 0 else { return false }
    lua_createtable(state, 0, Int32(clamping: members.count))  // t
    for (key, member) in members {
      pushString(key)  // t key
      guard push(member, depth: depth) else { return false }  // t key value
      lua_rawset(state, -3)  // t
    }
    coa_pushobjectmeta(state)  // t mt
    lua_setmetatable(state, -2)  // t
    return true
  }

  /// Pushes a Swift string's UTF-8 bytes. [-0, +1]
  func pushString(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        _ = lua_pushlstring(state, chars.baseAddress, chars.count)
      }
    }
  }

  private func pushBytes(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        _ = lua_pushlstring(state, chars.baseAddress, chars.count)
      }
    }
  }

  // MARK: - Lua to JSON

  /// The value at `index` as JSON; `path` names it in errors ("value", "result #1").
  func value(
    at index: Int32, path: @autoclosure () -> String
  ) throws(LuaBridgeError) -> JSONValue {
    let top = lua_gettop(state)
    defer { lua_settop(state, top) }
    var reader = LuaValueReader(state: state)
    do {
      return try reader.read(at: lua_absindex(state, index), depth: 0)
    } catch {
      throw LuaBridgeError(path: path() + error.path, problem: error.problem)
    }
  }

  /// The string at `index` (not converting numbers), or nil. Invalid UTF-8 is repaired.
  func string(at index: Int32) -> String? {
    guard lua_type(state, index) == LUA_TSTRING else { return nil }
    var length = 0
    guard let pointer = coa_tolstring(state, index, &length) else { return nil }
    return decodeLossy(pointer, count: length)
  }
}

/// Reads Lua values into JSON. An error's path is relative to the value read: each table
/// level puts its key or position in front of it on the way out (".a[2]"), so that reading
/// keeps no path while nothing fails.
struct LuaValueReader {
  let state: OpaquePointer
  /// The tables being read, outermost first: few (nesting is limited), so an array is
  /// cheaper than a set.
  private var open: [UnsafeRawPointer] = []

  init(state: OpaquePointer) {
    self.state = state
  }

  private func failure(_ problem: LuaBridgeError.Problem) -> LuaBridgeError {
    LuaBridgeError(path: "", problem: problem)
  }

  mutating func read(at index: Int32, depth: Int) throws(LuaBridgeError) -> JSONValue {
    switch lua_type(state, index) {
    case LUA_TNIL: return .null
    case LUA_TBOOLEAN: return .bool(lua_toboolean(state, index) != 0)
    case LUA_TNUMBER: return try number(at: index)
    case LUA_TSTRING: return string(at: index)
    case LUA_TTABLE: return try table(at: index, depth: depth + 1)
    case LUA_TUSERDATA where coa_isnull(state, index) != 0: return .null
    case let code: throw failure(.unsupported(type: LuaType(code: code).rawValue))
    }
  }

  private func number(at index: Int32) throws(LuaBridgeError) -> JSONValue {
    if lua_isinteger(state, index) != 0 {
      return .int(Int64(coa_tointeger(state, index, nil)))
    }
    let number = coa_tonumber(state, index)
    guard number.isFinite else { throw failure(.nonFinite) }
    return .double(number)
  }

  private func bytes(at index: Int32) -> UnsafeBufferPointer<UInt8> {
    var length = 0
    let pointer = coa_tolstring(state, index, &length)
    return UnsafeBufferPointer(
      start: UnsafeRawPointer(pointer)?.assumingMemoryBound(to: UInt8.self), count: length)
  }

  private func string(at index: Int32) -> JSONValue {
    let raw = bytes(at: index)
    if let text = String(validUTF8: raw) { return .string(text) }
    return .bytes(Array(raw))
  }

  private mutating func table(at index: Int32, depth: Int) throws(LuaBridgeError) -> JSONValue {
    guard depth <= JSONValue.maxDepth else { throw failure(.tooDeep(limit: JSONValue.maxDepth)) }
    guard let identity = lua_topointer(state, index), !open.contains(identity) else {
      throw failure(.cycle)
    }
    guard lua_checkstack(state, 4) != 0 else { throw failure(.tooDeep(limit: depth)) }
    open.append(identity)
    defer { open.removeLast() }

    let marker = coa_json_marker(state, index)
    let length = Int(lua_rawlen(state, index))
    var elements: [JSONValue] = []
    var members: [(key: String, value: JSONValue)] = []
    var integerKeys = 0

    lua_pushnil(state)  // nil
    while lua_next(state, index) != 0 {  // key value
      defer { coa_pop(state, 1) }  // key
      switch lua_type(state, -2) {
      case LUA_TSTRING:
        guard marker != 2, integerKeys == 0 else { throw failure(.mixedKeys) }
        guard let key = String(validUTF8: bytes(at: -2)) else {
          throw failure(.invalidKey)
        }
        do {
          members.append((key, try read(at: lua_gettop(state), depth: depth)))
        } catch {
          throw LuaBridgeError(path: "." + key + error.path, problem: error.problem)
        }
      case LUA_TNUMBER where lua_isinteger(state, -2) != 0 && marker != 1:
        guard members.isEmpty else { throw failure(.mixedKeys) }
        let key = Int(coa_tointeger(state, -2, nil))
        guard key >= 1, key <= length else { throw failure(.notASequence) }
        integerKeys += 1
      case let code:
        throw failure(.badKey(type: LuaType(code: code).rawValue))
      }
    }

    if !members.isEmpty || (marker == 1 && integerKeys == 0) {
      members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      var object = JSONObject()
      for member in members { object.appendNew(key: member.key, value: member.value) }
      return .object(object)
    }

    guard integerKeys == length else { throw failure(.notASequence) }
    elements.reserveCapacity(length)
    for position in 0..<length {
      lua_rawgeti(state, index, lua_Integer(position + 1))  // element
      defer { coa_pop(state, 1) }
      do {
        elements.append(try read(at: lua_gettop(state), depth: depth))
      } catch {
        throw LuaBridgeError(path: "[\(position + 1)]" + error.path, problem: error.problem)
      }
    }
    return .array(elements)
  }
}
