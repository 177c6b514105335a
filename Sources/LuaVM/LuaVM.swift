import CLua
import CLuaShim
import CoaJSON

/// One sandboxed Lua 5.4 state behind a safe Swift face.
///
/// A `LuaVM` is made for one run and used from one thread. It opens only the sandbox's
/// libraries, enforces its `LuaLimits` from the moment it is created, and never lets a Lua
/// error unwind a Swift frame: every entry into Lua is a protected call, and natives written
/// in Swift report failure by returning it (see `LuaNative`).
public final class LuaVM {
  /// The raw state; valid for the life of the VM. While a native runs, the thread (main or a
  /// coroutine) that called it, so that the native reads and pushes on that thread's stack.
  /// Unchecked exclusivity: a VM is used from one thread and `state` is never passed inout,
  /// and the dynamic checks cost more than a C no-op native on every native call.
  @exclusivity(unchecked) var state: OpaquePointer
  /// The limits this VM enforces.
  public let limits: LuaLimits
  /// Natives registered so far; kept alive as long as the state can call them.
  var natives: [LuaNativeBox] = []
  /// Where `print` sends its lines; by default they are kept in `printedLines`.
  public var printHandler: ((String) -> Void)?
  /// The lines `print` wrote while no `printHandler` was set.
  public private(set) var printedLines: [String] = []

  /// Makes a fresh sandboxed state and starts its limits.
  public init(limits: LuaLimits = LuaLimits()) throws(LuaError) {
    LuaVM.installDispatch()
    guard let state = coa_newstate(0) else {
      throw LuaError(kind: .limit(.memory), message: "cannot create a Lua state: out of memory")
    }
    self.state = state
    self.limits = limits

    do {
      try LuaSandbox.build(in: self)
    } catch {
      coa_close(state)
      throw error
    }
    applyLimits()
  }

  deinit {
    for box in natives { box.isOpen = false }
    coa_close(state)
  }

  /// Bytes the state holds now.
  public var memoryUsed: Int { Int(coa_memory_used(state)) }

  /// Bytes the host holds on the run's behalf (report entries, values written to the
  /// incident); they count against the memory limit with the state's own. Set it from a
  /// native: a total past the limit ends the run as soon as the native returns.
  public var hostBytes: Int = 0 {
    didSet { coa_set_host_bytes(state, size_t(max(hostBytes, 0))) }
  }

  /// The most bytes the state ever held.
  public var memoryPeak: Int { Int(coa_memory_peak(state)) }

  /// The limit that has been breached, if any.
  public var limitHit: LuaLimit? {
    switch coa_limit_hit(state) {
    case COA_LIMIT_MEMORY: return .memory
    case COA_LIMIT_TIME: return .time
    case COA_LIMIT_INSTRUCTIONS: return .instructions
    default: return nil
    }
  }

  /// Takes one line from `print`.
  func printed(_ line: String) {
    if let printHandler { printHandler(line) } else { printedLines.append(line) }
  }

  /// Restarts the limits as if the state were new: clears a breach and restarts the clock.
  /// For benchmarks and tests that reuse a state; runs get a fresh state instead.
  public func restartLimits() {
    coa_clear_limit(state)
    applyLimits()
  }

  private func applyLimits() {
    coa_set_memory_limit(state, limits.memory.map { max(size_t($0), 1) } ?? 0)
    coa_set_instruction_limit(state, limits.instructions ?? 0)
    coa_arm_deadline(state, limits.wallTime ?? 0)
  }

  // MARK: - Running code

  /// Compiles `source` (text only, never bytecode) as a function named `chunkName`.
  ///
  /// The chunk name is what errors and tracebacks show: give the playbook's path.
  public func load(_ source: [UInt8], chunkName: String) throws(LuaError) -> LuaFunction {
    let status = source.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { text in
        coa_load(state, text.baseAddress, text.count, "@" + chunkName)
      }
    }
    guard status == LUA_OK else {
      throw popError(status: status)  // leaves the stack as it was
    }
    return LuaFunction(reference: luaL_ref(state, coa_registryindex()))
  }

  /// Compiles and runs `source`, returning what the chunk returns.
  @discardableResult
  public func run(_ source: String, chunkName: String) throws(LuaError) -> [JSONValue] {
    let function = try load(Array(source.utf8), chunkName: chunkName)
    defer { release(function) }
    return try call(function)
  }

  /// Calls a loaded function with `arguments` and returns its results as JSON values.
  public func call(_ function: LuaFunction, _ arguments: [JSONValue] = []) throws(LuaError)
    -> [JSONValue]
  {
    let base = lua_gettop(state)
    lua_rawgeti(state, coa_registryindex(), lua_Integer(function.reference))  // f
    return try callTop(arguments: arguments, base: base)
  }

  /// Calls the global function `name` with `arguments`.
  public func callGlobal(_ name: String, _ arguments: [JSONValue] = []) throws(LuaError)
    -> [JSONValue]
  {
    let base = lua_gettop(state)
    coa_pushglobaltable(state)  // _G
    lua_pushstring(state, name)  // _G name
    lua_rawget(state, -2)  // _G f
    coa_remove(state, -2)  // f
    return try callTop(arguments: arguments, base: base)
  }

  /// Forgets a loaded function so the collector can free it.
  public func release(_ function: LuaFunction) {
    luaL_unref(state, coa_registryindex(), function.reference)
  }

  // Calls the function on top with `arguments`; leaves the stack at `base`.
  private func callTop(arguments: [JSONValue], base: Int32) throws(LuaError) -> [JSONValue] {
    defer { lua_settop(state, base) }
    for argument in arguments {
      guard push(argument) else {
        throw LuaError(kind: .runtime, message: "argument nests deeper than the bridge allows")
      }
    }

    let status = coa_pcall(state, Int32(arguments.count), LUA_MULTRET)
    guard status == LUA_OK else { throw popError(status: status) }

    var results: [JSONValue] = []
    let top = lua_gettop(state)
    if top > base {
      for index in (base + 1)...top {
        do {
          results.append(try value(at: index, path: "result #\(index - base)"))
        } catch {
          throw LuaError(kind: .runtime, message: error.description)
        }
      }
    }
    return results
  }

  // MARK: - Globals

  /// Sets the global `name` to a JSON value (tables get the JSON markers).
  public func setGlobal(_ name: String, to value: JSONValue) {
    coa_pushglobaltable(state)  // _G
    lua_pushstring(state, name)  // _G name
    if !push(value) { lua_pushnil(state) }  // _G name value
    lua_rawset(state, -3)  // _G
    coa_pop(state, 1)
  }

  /// The type of the global `name`, read raw (an undefined global is `.nil`, not an error).
  public func globalType(_ name: String) -> LuaType {
    coa_pushglobaltable(state)  // _G
    lua_pushstring(state, name)  // _G name
    let type = LuaType(code: lua_rawget(state, -2))  // _G value
    coa_pop(state, 2)
    return type
  }

  /// The global `name` as a JSON value, read raw; nil when undefined.
  public func global(_ name: String) throws(LuaBridgeError) -> JSONValue? {
    coa_pushglobaltable(state)  // _G
    lua_pushstring(state, name)  // _G name
    lua_rawget(state, -2)  // _G value
    defer { coa_pop(state, 2) }
    if coa_isnil(state, -1) != 0 { return nil }
    return try value(at: -1, path: name)
  }
}

/// A Lua function kept alive in the registry of its `LuaVM`.
public struct LuaFunction: Sendable, Equatable {
  let reference: Int32
}

/// The type of a Lua value, as `type()` names it.
public enum LuaType: String, Sendable, Equatable {
  case none = "no value"
  case `nil`, boolean, number, string, table, function, userdata, thread
  case lightUserdata = "light userdata"

  init(code: Int32) {
    switch code {
    case LUA_TNIL: self = .nil
    case LUA_TBOOLEAN: self = .boolean
    case LUA_TNUMBER: self = .number
    case LUA_TSTRING: self = .string
    case LUA_TTABLE: self = .table
    case LUA_TFUNCTION: self = .function
    case LUA_TUSERDATA: self = .userdata
    case LUA_TTHREAD: self = .thread
    case LUA_TLIGHTUSERDATA: self = .lightUserdata
    default: self = .none
    }
  }
}
