import CLua
import CLuaShim
import CoaJSON

/// The sandbox policy, step by step: what a playbook's Lua state contains and why.
enum LuaSandbox {
  /// Globals a playbook may see. Everything else the opened libraries define is removed.
  static let allowedGlobals: Set<String> = [
    // Base library, pruned: no dofile, loadfile, require, warn; load and collectgarbage are
    // replaced by sandbox versions (text chunks only; "count" only).
    "_G", "_VERSION", "assert", "collectgarbage", "error", "getmetatable", "ipairs", "load",
    "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "select",
    "setmetatable", "tonumber", "tostring", "type", "xpcall",
    // Libraries. Left out on purpose: io, os, package, debug (never opened).
    "string", "table", "math", "utf8", "coroutine",
    // The JSON helpers: json.null, json.object, json.array, json.encode, json.decode.
    "json",
  ]

  /// Builds the sandbox in a fresh state.
  static func build(in vm: LuaVM) throws(LuaError) {
    try openLibraries(vm)
    try hardenLibraries(vm)
    removeUnlistedGlobals(vm)
    installJSONHelpers(vm)
    installPrint(vm)
    try makeGlobalsStrict(vm)
  }

  /// Step 1: base, string, table, math, utf8 and coroutine, one by one.
  private static func openLibraries(_ vm: LuaVM) throws(LuaError) {
    try protected(vm, "opening the libraries") { coa_open_sandbox_libraries($0) }
  }

  /// Step 2: text-only load, count-only collectgarbage, setmetatable without __gc, an xpcall
  /// whose handler a breach skips, limit-aware coroutines (resume, wrap, close), no
  /// string.dump, the step-counted pattern matcher, string.rep and
  /// table.insert/remove/move/sort whose loops stop on a limit, and a locked string metatable.
  private static func hardenLibraries(_ vm: LuaVM) throws(LuaError) {
    try protected(vm, "hardening the libraries") { coa_harden_sandbox($0) }
  }

  /// Step 3: the allow-list.
  private static func removeUnlistedGlobals(_ vm: LuaVM) {
    let state = vm.state
    var unlisted: [String] = []
    coa_pushglobaltable(state)  // _G
    lua_pushnil(state)  // _G nil
    while lua_next(state, -2) != 0 {  // _G key value
      if let name = vm.string(at: -2), !allowedGlobals.contains(name) { unlisted.append(name) }
      coa_pop(state, 1)  // _G key
    }
    for name in unlisted {
      vm.pushString(name)  // _G name
      lua_pushnil(state)  // _G name nil
      lua_rawset(state, -3)  // _G
    }
    coa_pop(state, 1)
  }

  /// Step 4: json.null, json.object, json.array (in Lua), json.encode and json.decode.
  private static func installJSONHelpers(_ vm: LuaVM) {
    for native in LuaJSONLibrary.natives { vm.register(native) }
    let state = vm.state
    coa_pushglobaltable(state)  // _G
    vm.pushString("json")  // _G "json"
    lua_rawget(state, -2)  // _G json
    vm.pushString("null")  // _G json "null"
    coa_pushnull(state)  // _G json "null" null
    lua_rawset(state, -3)  // _G json
    coa_pop(state, 2)
  }

  /// Step 5: print writes to the VM's output lines (the host decides where they go).
  private static func installPrint(_ vm: LuaVM) {
    vm.register(
      LuaNative("print") { [unowned vm] arguments in
        let pieces = (0..<arguments.count).map { arguments.display($0 + 1) }
        vm.printed(pieces.joined(separator: "\t"))
        return .values([])
      })
  }

  /// Step 6: reading an undefined global is an error that names it; the globals'
  /// metatable cannot be read or replaced.
  private static func makeGlobalsStrict(_ vm: LuaVM) throws(LuaError) {
    try protected(vm, "making globals strict") { coa_strict_globals($0) }
  }

  private static func protected(
    _ vm: LuaVM, _ step: String, _ body: @convention(c) (OpaquePointer?) -> Int32
  ) throws(LuaError) {
    guard coa_cpcall(vm.state, body, nil) == LUA_OK else {
      let error = vm.string(at: -1) ?? "unknown error"
      coa_pop(vm.state, 1)
      throw LuaError(kind: .runtime, message: "sandbox set-up failed while \(step): \(error)")
    }
  }
}

extension LuaVM {
  /// The globals every sandbox has before the host adds its own, sorted: Lua's pruned base
  /// library, the libraries it keeps and `json`. Editor definitions and the luacheck
  /// configuration declare exactly these.
  public static var sandboxGlobals: [String] {
    LuaSandbox.allowedGlobals.sorted()
  }
}
