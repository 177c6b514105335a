import CLua
import CLuaShim

extension LuaVM {
  /// Sets the global `name` to a C function that takes anything and returns nothing: the
  /// baseline benchmarks compare Swift natives with. It cannot fail or allocate.
  public func registerNoOpCFunction(_ name: String) {
    coa_pushglobaltable(state)  // _G
    pushString(name)  // _G name
    lua_pushcclosure(state, { _ in 0 }, 0)  // _G name f
    lua_rawset(state, -3)  // _G
    coa_pop(state, 1)
  }
}
