import CLua
import CLuaShim
import CoaJSON

/// A function written in Swift that Lua code can call.
///
/// The body never raises: it returns `.values` or a failure, and the C trampoline raises the
/// Lua error after the Swift frame has returned. While the body runs, pushes cannot fail (the
/// memory cap is enforced when control is back in Lua), so the body may allocate freely.
public struct LuaNative {
  /// The name Lua code calls it by, and the name errors use ("bad argument #1 to 'Set'").
  public var name: String
  /// The global table it lives in (e.g. "json"), or nil for a global function.
  public var namespace: String?
  /// The body.
  public var body: (LuaArguments) -> LuaNativeResult

  /// Makes a native named `name`, optionally inside the global table `namespace`.
  public init(
    _ name: String, in namespace: String? = nil,
    body: @escaping (LuaArguments) -> LuaNativeResult
  ) {
    self.name = name
    self.namespace = namespace
    self.body = body
  }
}

/// What a native returns to Lua.
public enum LuaNativeResult: Sendable {
  /// Return these values.
  case values([JSONValue])
  /// Raise "chunk:line: message" at the caller's line.
  case error(String)
  /// Raise "chunk:line: bad argument #index to 'name' (message)".
  case badArgument(Int, String)
  /// Raise the Lua error that failed inside a nested call, unchanged (e.g. a step's error).
  case rethrow(LuaError)
  /// Return the top `count` values the body left on the stack itself (C-level natives).
  case stackTop(Int)
}

/// The arguments of one native call; valid only during that call.
public struct LuaArguments {
  /// Unowned, like `box`: the arguments live only during the call, while the VM runs it,
  /// and a native call should cost little more than a C function's (see coa-bench).
  unowned(unsafe) let vm: LuaVM
  unowned(unsafe) let box: LuaNativeBox

  /// The native's name, for messages.
  public var functionName: String { box.native.name }

  /// How many arguments were passed.
  public var count: Int { Int(lua_gettop(vm.state)) }

  /// The Lua type of argument `index` (1-based); `.none` beyond the last.
  public func type(_ index: Int) -> LuaType {
    LuaType(code: lua_type(vm.state, Int32(index)))
  }

  /// Argument `index` as JSON; `name` roots the path in conversion errors.
  public func value(_ index: Int, name: String? = nil) throws(LuaBridgeError) -> JSONValue {
    try vm.value(at: Int32(index), path: name ?? "argument #\(index)")
  }

  /// Field `key` of the table at argument `index`, read raw, as JSON; nil when absent.
  public func field(_ index: Int, _ key: String) throws(LuaBridgeError) -> JSONValue? {
    let state = vm.state
    vm.pushString(key)  // key
    lua_rawget(state, Int32(index))  // value
    defer { coa_pop(state, 1) }
    if coa_isnil(state, -1) != 0 { return nil }
    return try vm.value(at: -1, path: key)
  }

  /// Element `position` of the table at argument `index`, read raw, as JSON; nil when absent.
  public func element(_ index: Int, _ position: Int) throws(LuaBridgeError) -> JSONValue? {
    let state = vm.state
    lua_rawgeti(state, Int32(index), lua_Integer(position))  // value
    defer { coa_pop(state, 1) }
    if coa_isnil(state, -1) != 0 { return nil }
    return try vm.value(at: -1, path: "[\(position)]")
  }

  /// Calls the function at argument `index` with no arguments, protected. The call runs on
  /// the Lua side: its errors, including limit breaches, come back as a `LuaError`.
  public func callFunction(_ index: Int) -> LuaError? {
    let state = vm.state
    let top = lua_gettop(state)
    defer { lua_settop(state, top) }
    lua_pushvalue(state, Int32(index))  // f
    let status = coa_pcall(state, 0, 0)
    return status == LUA_OK ? nil : vm.popError(status: status)
  }

  /// Argument `index` when it is a string (numbers are not converted), or nil.
  public func string(_ index: Int) -> String? {
    vm.string(at: Int32(index))
  }

  /// Argument `index` as print shows it: strings as they are, numbers as Lua writes them,
  /// tables as compact JSON when they convert.
  public func display(_ index: Int) -> String {
    LuaJSONLibrary.display(self, index)
  }

  /// The message Lua's own checks would give for a wrong type: "table expected, got nil".
  public func typeMismatch(_ index: Int, expected: String) -> String {
    let found = type(index)
    return "\(expected) expected, got \(found == .none ? "no value" : found.rawValue)"
  }
}

/// A native and its VM, kept alive while the state can call it.
///
/// The VM is held `unowned(unsafe)`, not weak: a weak reference gives the VM a side table,
/// which made making and freeing one VM per incident measurably slower in batch runs. The
/// VM owns its boxes, and its deinit clears `isOpen` before closing the state.
final class LuaNativeBox {
  let native: LuaNative
  unowned(unsafe) let vm: LuaVM
  /// False from the moment the VM starts closing its state.
  var isOpen = true

  init(native: LuaNative, vm: LuaVM) {
    self.native = native
    self.vm = vm
  }
}

extension LuaVM {
  /// Makes `native` callable from Lua, replacing any global (or namespace field) of that name.
  public func register(_ native: LuaNative) {
    let box = LuaNativeBox(native: native, vm: self)
    natives.append(box)

    coa_pushglobaltable(state)  // _G
    if let namespace = native.namespace {
      pushString(namespace)  // _G ns
      if lua_rawget(state, -2) != LUA_TTABLE {  // _G t?
        coa_pop(state, 1)  // _G
        coa_newtable(state)  // _G t
        pushString(namespace)  // _G t ns
        lua_pushvalue(state, -2)  // _G t ns t
        lua_rawset(state, -4)  // _G t
      }
    }
    pushString(native.name)  // table name
    coa_pushnative(state, Unmanaged.passUnretained(box).toOpaque())  // table name f
    lua_rawset(state, -3)  // table
    lua_settop(state, lua_gettop(state) - (native.namespace == nil ? 1 : 2))
  }

  /// Installs the one C-callable dispatcher that every native goes through.
  static func installDispatch() {
    coa_set_native_dispatch { state, context in
      guard let state, let context else { return Int32(COA_NATIVE_ERROR_PLAIN) }
      // The state keeps the box alive (its VM owns it): no retain for the call.
      return Unmanaged<LuaNativeBox>.fromOpaque(context)._withUnsafeGuaranteedRef { box in
        guard box.isOpen else {
          lua_pushstring(state, "native called after its state was closed")
          return Int32(COA_NATIVE_ERROR)
        }
        return Unmanaged.passUnretained(box.vm)._withUnsafeGuaranteedRef { vm in
          vm.dispatch(box, on: state)
        }
      }
    }
  }

  /// Runs a native's body and leaves its results, or its error message, on the stack of
  /// `thread`, the thread that called it (a coroutine's, when called from one).
  private func dispatch(_ box: LuaNativeBox, on thread: OpaquePointer) -> Int32 {
    let main = state
    state = thread
    defer { state = main }
    let arguments = LuaArguments(vm: self, box: box)
    let result = box.native.body(arguments)
    switch consume result {
    case .values(let values):
      // A C function starts with LUA_MINSTACK (20) free slots: a few results need no check.
      guard values.count < 8
        || lua_checkstack(state, Int32(clamping: values.count + 1)) != 0
      else {
        pushString("too many results from '\(box.native.name)'")
        return Int32(COA_NATIVE_ERROR)
      }
      for value in values where !push(value) {
        pushString("a result of '\(box.native.name)' nests deeper than the bridge allows")
        return Int32(COA_NATIVE_ERROR)
      }
      return Int32(values.count)
    case .error(let message):
      pushString(message)
      return Int32(COA_NATIVE_ERROR)
    case .badArgument(let index, let message):
      pushString("bad argument #\(index) to '\(box.native.name)' (\(message))")
      return Int32(COA_NATIVE_ERROR)
    case .stackTop(let count):
      return Int32(count)
    case .rethrow(let error):
      pushString(error.description)
      return Int32(COA_NATIVE_ERROR_PLAIN)
    }
  }
}

extension LuaArguments {
  /// The line of the nearest Lua function on the call stack (the playbook line that called
  /// the native, even through pcall), or nil.
  public var callerLine: Int? {
    var record = lua_Debug()
    var level: Int32 = 1
    while lua_getstack(vm.state, level, &record) != 0 {
      guard lua_getinfo(vm.state, "l", &record) != 0 else { return nil }
      if record.currentline > 0 { return Int(record.currentline) }
      level += 1
    }
    return nil
  }

  /// The keys of the table at argument `index`, read raw: its string keys (sorted) and
  /// the length of its sequence part; `other` is true when it has keys of another kind.
  public func tableKeys(_ index: Int) -> (names: [String], sequence: Int, other: Bool) {
    let state = vm.state
    var names: [String] = []
    var integers = 0
    var other = false
    lua_pushnil(state)  // nil
    while lua_next(state, Int32(index)) != 0 {  // key value
      if lua_type(state, -2) == LUA_TSTRING, let name = vm.string(at: -2) {
        names.append(name)
      } else if lua_isinteger(state, -2) != 0 {
        integers += 1
      } else {
        other = true
      }
      coa_pop(state, 1)  // key
    }
    let sequence = Int(lua_rawlen(state, Int32(index)))
    return (names.sorted(), sequence, other || integers != sequence)
  }

  /// What `tableKeys` tells of the table at argument `index` without making the names:
  /// how many string keys it has, the length of its sequence part, and whether it has keys
  /// of another kind.
  public func tableShape(_ index: Int) -> (strings: Int, sequence: Int, other: Bool) {
    let state = vm.state
    var strings = 0
    var integers = 0
    var other = false
    lua_pushnil(state)  // nil
    while lua_next(state, Int32(index)) != 0 {  // key value
      if lua_type(state, -2) == LUA_TSTRING {
        strings += 1
      } else if lua_isinteger(state, -2) != 0 {
        integers += 1
      } else {
        other = true
      }
      coa_pop(state, 1)  // key
    }
    let sequence = Int(lua_rawlen(state, Int32(index)))
    return (strings, sequence, other || integers != sequence)
  }

  /// True when the table at argument `index` has a field `key` (its exact bytes), read raw.
  public func hasField(_ index: Int, _ key: String) -> Bool {
    let state = vm.state
    vm.pushString(key)  // key
    lua_rawget(state, Int32(index))  // value
    defer { coa_pop(state, 1) }
    return coa_isnil(state, -1) == 0
  }

  /// Calls the function at argument `index` with no arguments, protected, and keeps its
  /// results on the stack. Returns how many there are, or the error.
  public func callFunctionKeepingResults(_ index: Int) -> Result<Int, LuaError> {
    let state = vm.state
    let top = lua_gettop(state)
    lua_pushvalue(state, Int32(index))  // f
    let status = coa_pcall(state, 0, LUA_MULTRET)
    guard status == LUA_OK else {
      let error = vm.popError(status: status)
      lua_settop(state, top)
      return .failure(error)
    }
    return .success(Int(lua_gettop(state) - top))
  }
}
