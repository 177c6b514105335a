import CLua
import CLuaShim
import CoaJSON

/// The `json` table every sandbox has: null, object, array, encode, decode.
enum LuaJSONLibrary {
  /// The natives, registered into the `json` namespace.
  static var natives: [LuaNative] {
    [
      LuaNative("object", in: "json") { mark($0, marker: 1, kind: "object") },
      LuaNative("array", in: "json") { mark($0, marker: 2, kind: "array") },
      LuaNative("encode", in: "json", body: encode),
      LuaNative("decode", in: "json", body: decode),
    ]
  }

  /// json.object([t]) / json.array([t]): marks a table (a new one when none is given) so
  /// that it converts to that JSON kind even when empty. Returns the table.
  private static func mark(_ arguments: LuaArguments, marker: Int32, kind: String)
    -> LuaNativeResult
  {
    let state = arguments.vm.state
    switch arguments.type(1) {
    case .none, .nil:
      lua_settop(state, 0)
      coa_newtable(state)  // t
    case .table:
      lua_settop(state, 1)  // t
      let current = coa_json_marker(state, 1)
      if current == 0, lua_getmetatable(state, 1) != 0 {
        coa_pop(state, 1)
        return .badArgument(1, "table already has a metatable")
      }
    default:
      return .badArgument(1, arguments.typeMismatch(1, expected: "table or nil"))
    }
    if marker == 1 { coa_pushobjectmeta(state) } else { coa_pusharraymeta(state) }  // t mt
    lua_setmetatable(state, 1)  // t
    return .stackTop(1)
  }

  /// json.encode(value [, pretty]): the value as JSON text.
  private static func encode(_ arguments: LuaArguments) -> LuaNativeResult {
    guard arguments.count >= 1 else { return .badArgument(1, "value expected") }
    do {
      let value = try arguments.value(1, name: "value")
      let pretty = arguments.type(2) == .boolean && lua_toboolean(arguments.vm.state, 2) != 0
      return .values([.bytesOrString(JSONWriter.write(value, pretty: pretty))])
    } catch {
      return .badArgument(1, error.description)
    }
  }

  /// json.decode(text): the value the JSON text holds; raises on malformed text.
  private static func decode(_ arguments: LuaArguments) -> LuaNativeResult {
    let state = arguments.vm.state
    guard arguments.type(1) == .string else {
      return .badArgument(1, arguments.typeMismatch(1, expected: "string"))
    }
    var length = 0
    guard let pointer = coa_tolstring(state, 1, &length) else { return .values([.null]) }
    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
    do {
      return .values([try JSONParser.parse(bytes)])
    } catch {
      return .badArgument(1, "invalid JSON: \(error.description)")
    }
  }

  /// How print shows argument `index`: strings as they are, numbers as Lua writes them,
  /// tables as compact JSON when they convert, other values by type and address.
  static func display(_ arguments: LuaArguments, _ index: Int) -> String {
    let state = arguments.vm.state
    let position = Int32(index)
    switch arguments.type(index) {
    case .nil: return "nil"
    case .boolean: return lua_toboolean(state, position) != 0 ? "true" : "false"
    case .string: return arguments.vm.string(at: position) ?? ""
    case .number:
      lua_pushvalue(state, position)  // copy, converted in place below
      defer { coa_pop(state, 1) }
      var length = 0
      guard let pointer = coa_tolstring(state, -1, &length) else { return "" }
      return decodeLossy(pointer, count: length)
    case .table:
      if let value = try? arguments.value(index) {
        return String(decoding: JSONWriter.write(value), as: UTF8.self)
      }
      fallthrough
    default:
      if coa_isnull(state, position) != 0 { return "null" }
      let address = lua_topointer(state, position).map { UInt(bitPattern: $0) } ?? 0
      return "\(arguments.type(index).rawValue): 0x\(String(address, radix: 16))"
    }
  }
}

extension JSONValue {
  /// A string value from bytes: `.string` when they are valid UTF-8, `.bytes` otherwise.
  static func bytesOrString(_ bytes: [UInt8]) -> JSONValue {
    let text = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
    if let text { return .string(text) }
    return .bytes(bytes)
  }
}
