// The C side of coa's Lua host: what Swift cannot do safely or cannot see.
//
// Lua raises errors with longjmp. A longjmp across a Swift frame skips its
// cleanups, so the rule here is: Swift never calls a Lua API function that can
// raise. Three mechanisms make that hold (see coa_vm.c for the details):
//  - every entry from Swift into Lua code goes through coa_pcall/coa_load;
//  - natives written in Swift run under coa_native_trampoline and return
//    their results or an error code; the trampoline raises afterwards, in C;
//  - while Swift code runs (the "host" side), the counting allocator never
//    refuses an allocation on account of the memory cap, so pushes from
//    Swift cannot raise LUA_ERRMEM; the breach is raised in C as soon as
//    control is back in Lua. Swift uses only raw table access (no
//    metamethods) and never calls luaL_check* or lua_error.
#ifndef COA_SHIM_H
#define COA_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "coa_limits.h"
#include "coa_pattern.h"

// MARK: - Function-like macros of lua.h, as functions Swift can call

static inline void coa_pop(lua_State *L, int n) { lua_settop(L, -(n)-1); }
static inline void coa_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
static inline int coa_isnil(lua_State *L, int i) { return lua_type(L, i) == LUA_TNIL; }
static inline int coa_isnoneornil(lua_State *L, int i) { return lua_type(L, i) <= 0; }
static inline int coa_upvalueindex(int i) { return LUA_REGISTRYINDEX - i; }
static inline int coa_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline lua_Integer coa_ridx_globals(void) { return LUA_RIDX_GLOBALS; }
static inline void coa_insert(lua_State *L, int i) { lua_rotate(L, i, 1); }
static inline void coa_remove(lua_State *L, int i) {
  lua_rotate(L, i, -1);
  lua_settop(L, -2);
}
static inline const char *coa_tolstring(lua_State *L, int i, size_t *len) {
  return lua_tolstring(L, i, len);
}
static inline lua_Number coa_tonumber(lua_State *L, int i) { return lua_tonumberx(L, i, NULL); }
static inline lua_Integer coa_tointeger(lua_State *L, int i, int *isnum) {
  return lua_tointegerx(L, i, isnum);
}
static inline void coa_pushglobaltable(lua_State *L) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
}

// MARK: - States

/// Creates a state with the counting allocator and no libraries. NULL when
/// even the first allocation fails. The state starts on the host side.
lua_State *coa_newstate(size_t memory_limit);

/// Closes a state made by coa_newstate and frees its control block.
void coa_close(lua_State *L);

// MARK: - Natives written in Swift

/// What a Swift native returns: a count of results (>= 0) left on top of the
/// stack, or one of these codes with the error message on top.
enum {
  COA_NATIVE_ERROR = -1,         // raise the message, prefixed "chunk:line:"
  COA_NATIVE_ERROR_PLAIN = -2,   // raise the value on top as it is
};

/// The one Swift entry point that every native goes through. `context` is the
/// pointer given to coa_pushnative.
typedef int (*coa_native_dispatch)(lua_State *L, void *context);

/// Sets the dispatcher once, at start-up; later calls are ignored.
void coa_set_native_dispatch(coa_native_dispatch dispatch);

/// Pushes a C closure that calls the dispatcher with `context`. [-0, +1]
/// Host side only (it allocates).
void coa_pushnative(lua_State *L, void *context);

// MARK: - Protected entries from Swift

/// Loads text (never binary) as a chunk named `chunkname`. [-0, +1]
/// Returns a LUA_* status; on error the message is on top.
int coa_load(lua_State *L, const char *text, size_t len, const char *chunkname);

/// Loads a binary chunk made by lua_dump IN THIS PROCESS from text the host compiled
/// itself (coa_load), as a chunk named `chunkname`. [-0, +1] Host-only: playbook code
/// never reaches it (their load stays text-only), because a forged binary chunk can break
/// the VM. Returns a LUA_* status; on error the message is on top.
int coa_load_host_binary(lua_State *L, const void *bytes, size_t len, const char *chunkname);

/// Calls the function below `nargs` arguments, protected, on the Lua side of
/// the allocator, with a message handler that records a traceback (read it
/// with coa_traceback). Returns a LUA_* status; like lua_pcall on the stack.
int coa_pcall(lua_State *L, int nargs, int nresults);

/// The traceback recorded by the last failed coa_pcall, or NULL. Valid until
/// the next coa_pcall.
const char *coa_traceback(lua_State *L, size_t *len);

/// Runs a C function with one light userdata argument, protected. Used for
/// the set-up steps that call library openers. Returns a LUA_* status.
int coa_cpcall(lua_State *L, lua_CFunction f, void *ud);

// MARK: - The sandbox's C pieces

/// Opens base, string, table, math, utf8 and coroutine into the globals, one
/// by one (never the all-in-one opener). Run it with coa_cpcall.
int coa_open_sandbox_libraries(lua_State *L);

/// Replaces load, collectgarbage, setmetatable, xpcall, coroutine.resume,
/// coroutine.wrap and coroutine.close with the sandbox's versions, strips
/// string.dump, puts the step-counted matcher into string.find/match/gmatch/
/// gsub, makes the loops of string.rep and table.insert/remove/move/sort stop
/// on a limit, and locks the string metatable. Run it with coa_cpcall after the
/// opener.
int coa_harden_sandbox(lua_State *L);

/// Makes reading an undefined global an error naming it, and locks the
/// globals' metatable. Run it with coa_cpcall last.
int coa_strict_globals(lua_State *L);

/// Pushes the JSON null sentinel (a unique, locked userdata). [-0, +1]
void coa_pushnull(lua_State *L);

/// Whether the value at `index` is the JSON null sentinel.
int coa_isnull(lua_State *L, int index);

/// Pushes the metatable that marks a table as a JSON object. [-0, +1]
void coa_pushobjectmeta(lua_State *L);

/// Pushes the metatable that marks a table as a JSON array. [-0, +1]
void coa_pusharraymeta(lua_State *L);

/// 1 when the table at `index` carries the object marker, 2 for the array
/// marker, 0 otherwise. Raw: calls no metamethod.
int coa_json_marker(lua_State *L, int index);

#endif
