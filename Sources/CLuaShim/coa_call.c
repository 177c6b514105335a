// Protected entries from Swift into Lua, and the trampoline for Swift natives.
#include <string.h>

#include "coa_internal.h"

// MARK: - Natives

static coa_native_dispatch native_dispatch;

void coa_set_native_dispatch(coa_native_dispatch dispatch) {
  if (native_dispatch == NULL) native_dispatch = dispatch;
}

// Calls the Swift dispatcher on the host side of the allocator, then raises,
// here in C, whatever the Swift frame reported: it has returned by now.
static int coa_native_trampoline(lua_State *L) {
  coa_vm *vm = coa_vm_of(L);
  void *context = lua_touserdata(L, lua_upvalueindex(1));

  vm->host_depth++;
  int results = native_dispatch(L, context);
  vm->host_depth--;

  if (vm->limit_hit == COA_LIMIT_NONE && vm->limit != 0 &&
      vm->used + vm->host_bytes > vm->limit)
    coa_vm_breach(vm, COA_LIMIT_MEMORY);  // the host pushed past the cap
  if (coa_vm_settle(vm) != COA_LIMIT_NONE) return coa_raise_limit(L);

  if (results == COA_NATIVE_ERROR) {
    luaL_where(L, 1);  // message where
    lua_rotate(L, -2, 1);  // where message
    lua_concat(L, 2);  // "chunk:line: message"
    return lua_error(L);
  }
  if (results == COA_NATIVE_ERROR_PLAIN) return lua_error(L);
  return results;
}

void coa_pushnative(lua_State *L, void *context) {
  lua_pushlightuserdata(L, context);  // context
  lua_pushcclosure(L, coa_native_trampoline, 1);  // native
}

// MARK: - Protected calls

// Message handler: keeps the error value and records a traceback. It runs on
// the host side so that a memory breach still gets its traceback.
static int coa_message_handler(lua_State *L) {
  coa_vm *vm = coa_vm_of(L);
  vm->host_depth++;
  const char *message = lua_tostring(L, 1);
  luaL_traceback(L, L, message ? message : "(error object is not a string)", 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &coa_key_traceback);
  vm->host_depth--;
  return 1;  // the error value, unchanged
}

int coa_pcall(lua_State *L, int nargs, int nresults) {
  coa_vm *vm = coa_vm_of(L);
  int base = lua_gettop(L) - nargs;  // the function's slot
  lua_pushcfunction(L, coa_message_handler);  // f args handler
  lua_rotate(L, base, 1);  // handler f args
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &coa_key_traceback);

  int saved_depth = vm->host_depth;
  lua_State *saved_thread = coa_vm_enter(vm, L);
  // The watchdog may have hooked the previous thread just before the switch.
  if (vm->limit_hit != COA_LIMIT_NONE) coa_arm_hook(L);
  vm->host_depth = 0;
  int status = lua_pcall(L, nargs, nresults, base);
  vm->host_depth = saved_depth;
  coa_vm_enter(vm, saved_thread);

  // A breach that Lua code caught and then returned from without running
  // another instruction (`return pcall(loop)` is a tail call into C), or that
  // no Lua instruction followed (a C function called directly): still a breach.
  if (coa_vm_settle(vm) != COA_LIMIT_NONE && status == LUA_OK) {
    lua_settop(L, base);  // handler
    lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_limit_message[vm->limit_hit]);
    status = LUA_ERRRUN;  // handler message
  }

  lua_rotate(L, base, -1);  // results... handler
  lua_settop(L, -2);  // results...
  return status;
}

const char *coa_traceback(lua_State *L, size_t *len) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_traceback);  // traceback
  const char *text = lua_tolstring(L, -1, len);
  lua_settop(L, -2);  // the registry keeps the string alive
  return text;
}

int coa_load(lua_State *L, const char *text, size_t len, const char *chunkname) {
  coa_vm *vm = coa_vm_of(L);
  int saved_depth = vm->host_depth;
  vm->host_depth = 0;  // compiling is bounded by the cap
  int status = luaL_loadbufferx(L, text, len, chunkname, "t");
  vm->host_depth = saved_depth;
  return status;
}

int coa_load_host_binary(lua_State *L, const void *bytes, size_t len,
                         const char *chunkname) {
  coa_vm *vm = coa_vm_of(L);
  int saved_depth = vm->host_depth;
  vm->host_depth = 0;  // undumping is bounded by the cap, like compiling
  int status = luaL_loadbufferx(L, bytes, len, chunkname, "b");
  vm->host_depth = saved_depth;
  return status;
}

static int coa_cpcall_body(lua_State *L) {
  lua_CFunction f = (lua_CFunction)lua_touserdata(L, lua_upvalueindex(1));
  return f(L);
}

int coa_cpcall(lua_State *L, lua_CFunction f, void *ud) {
  lua_pushlightuserdata(L, (void *)f);
  lua_pushcclosure(L, coa_cpcall_body, 1);  // body
  lua_pushlightuserdata(L, ud);  // body ud
  int status = lua_pcall(L, 1, 0, 0);
  return status;
}
