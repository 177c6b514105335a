// The C pieces of the sandbox: opening the allowed libraries one by one, the
// replacements for functions that would open holes or swallow limit breaches,
// the strict globals table, and the JSON null sentinel and table markers.
// Swift (LuaSandbox.swift) runs these steps in order and owns the allow-list.
#include <string.h>

#include "coa_internal.h"

// MARK: - Libraries

int coa_open_sandbox_libraries(lua_State *L) {
  static const luaL_Reg libraries[] = {
    {LUA_GNAME, luaopen_base},
    {LUA_STRLIBNAME, luaopen_string},
    {LUA_TABLIBNAME, luaopen_table},
    {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8},
    {LUA_COLIBNAME, luaopen_coroutine},
    {NULL, NULL},
  };
  for (const luaL_Reg *library = libraries; library->func; library++) {
    luaL_requiref(L, library->name, library->func, 1);  // library
    lua_pop(L, 1);
  }
  // luaL_requiref recorded them in package.loaded, which playbooks never see;
  // drop the table so nothing keeps a second reference to the originals.
  lua_pushnil(L);
  lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  return 0;
}

// MARK: - Replacements

// load, text only: the stock load with its mode argument forced to "t". The
// arguments are checked here, so that their errors name 'load' and its caller's
// line (an error raised inside the stock load, called from C, would name '?').
static int coa_load_text(lua_State *L) {
  int has_env = lua_gettop(L) >= 4;
  if (lua_type(L, 1) != LUA_TSTRING) luaL_checktype(L, 1, LUA_TFUNCTION);
  luaL_optstring(L, 2, NULL);
  luaL_optstring(L, 3, NULL);
  lua_settop(L, 4);  // chunk chunkname mode env
  lua_pushliteral(L, "t");
  lua_replace(L, 3);  // chunk chunkname "t" env
  if (!has_env) lua_settop(L, 3);  // no env: the globals, as in the stock load
  lua_pushvalue(L, lua_upvalueindex(1));  // args... load
  lua_insert(L, 1);  // load args...
  lua_call(L, has_env ? 4 : 3, LUA_MULTRET);
  return lua_gettop(L);
}

// collectgarbage("count") only: the rest would let a script tune or stall
// the collector the host relies on.
static int coa_collectgarbage_count(lua_State *L) {
  const char *option = luaL_optstring(L, 1, "collect");
  if (strcmp(option, "count") != 0)
    return luaL_argerror(L, 1, "only \"count\" is allowed in the sandbox");
  int kilobytes = lua_gc(L, LUA_GCCOUNT, 0);
  int bytes = lua_gc(L, LUA_GCCOUNTB, 0);
  lua_pushnumber(L, (lua_Number)kilobytes + ((lua_Number)bytes / 1024));
  return 1;
}

// setmetatable without __gc: a finalizer could run Lua code while the host
// is allocating, where neither limits nor errors can reach it. Otherwise the
// stock setmetatable, written out so that its errors carry the caller's line.
static int coa_setmetatable_checked(lua_State *L) {
  int kind = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, kind == LUA_TNIL || kind == LUA_TTABLE, 2, "nil or table");
  if (kind == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    int gc = lua_rawget(L, 2);  // mt.__gc
    lua_pop(L, 1);
    if (gc != LUA_TNIL)
      return luaL_argerror(L, 2, "__gc metamethods are not allowed in the sandbox");
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
    return luaL_error(L, "cannot change a protected metatable");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

// xpcall whose message handler is not called once a limit is breached. The
// limit error is raised from the hook, and Lua calls the handler while hooks
// are still off: a handler that looped would never be stopped. Otherwise the
// stock xpcall (lbaselib.c), continuation included, so that f may yield.
static int coa_xpcall_handler(lua_State *L) {
  if (coa_vm_of(L)->limit_hit != COA_LIMIT_NONE) return 1;  // the error, as is
  lua_pushvalue(L, lua_upvalueindex(1));  // error handler
  lua_insert(L, 1);  // handler error
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

static int coa_xpcall_finish(lua_State *L, int status, lua_KContext extra) {
  if (status != LUA_OK && status != LUA_YIELD) {  // error
    lua_pushboolean(L, 0);  // ... error false
    lua_pushvalue(L, -2);  // ... error false error
    return 2;
  }
  return lua_gettop(L) - (int)extra;  // true results...
}

static int coa_xpcall(lua_State *L) {
  int given = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);  // f handler args... handler
  lua_pushcclosure(L, coa_xpcall_handler, 1);  // f handler args... guarded
  lua_replace(L, 2);  // f guarded args...
  lua_pushboolean(L, 1);  // f guarded args... true
  lua_pushvalue(L, 1);  // f guarded args... true f
  lua_rotate(L, 3, 2);  // f guarded true f args...
  int status = lua_pcallk(L, given - 2, LUA_MULTRET, 2, 2, coa_xpcall_finish);
  return coa_xpcall_finish(L, status, 2);
}

// Resumes `co` with `nargs` values from L. Returns the count of results moved
// to L, or -1 with the error value on L. A breached limit is raised in the
// resumer, before and after: a coroutine cannot swallow it.
static int coa_resume_from(lua_State *L, lua_State *co, int nargs) {
  coa_vm *vm = coa_vm_of(L);
  if (vm->limit_hit != COA_LIMIT_NONE) coa_raise_limit(L);
  if (lua_status(co) == LUA_OK && lua_gettop(co) == 0) {
    lua_pushliteral(L, "cannot resume dead coroutine");
    return -1;
  }
  if (!lua_checkstack(co, nargs)) {
    lua_pushliteral(L, "too many arguments to resume");
    return -1;
  }

  lua_xmove(L, co, nargs);
  lua_State *resumer = coa_vm_enter(vm, co);
  // The watchdog may have hooked the resumer just before the switch.
  if (vm->limit_hit != COA_LIMIT_NONE) coa_arm_hook(co);
  int results = 0;
  int status = lua_resume(co, L, nargs, &results);
  coa_vm_enter(vm, resumer);
  if (coa_vm_settle(vm) != COA_LIMIT_NONE) coa_raise_limit(L);

  if (status != LUA_OK && status != LUA_YIELD) {
    lua_xmove(co, L, 1);  // error value
    return -1;
  }
  if (!lua_checkstack(L, results + 1)) {
    lua_pop(co, results);
    lua_pushliteral(L, "too many results to resume");
    return -1;
  }
  lua_xmove(co, L, results);
  return results;
}

// Closes the pending to-be-closed variables of a dead or suspended `co`. Their
// __close handlers run on `co`, so `co` is made the thread the limits watch.
// Returns the status of lua_resetthread, with an error value on `co`.
static int coa_close_from(lua_State *L, lua_State *co) {
  coa_vm *vm = coa_vm_of(L);
  if (vm->limit_hit != COA_LIMIT_NONE) coa_raise_limit(L);
  lua_State *closer = coa_vm_enter(vm, co);
  if (vm->limit_hit != COA_LIMIT_NONE) coa_arm_hook(co);
  int status = lua_resetthread(co);
  coa_vm_enter(vm, closer);
  if (vm->limit_hit != COA_LIMIT_NONE) coa_raise_limit(L);
  return status;
}

static int coa_coroutine_resume(lua_State *L) {
  lua_State *co = lua_tothread(L, 1);
  luaL_argexpected(L, co != NULL, 1, "coroutine");
  int results = coa_resume_from(L, co, lua_gettop(L) - 1);
  lua_pushboolean(L, results >= 0);  // results... ok
  lua_insert(L, results >= 0 ? -(results + 1) : -2);  // ok results...
  return results >= 0 ? results + 1 : 2;
}

static int coa_coroutine_wrapped(lua_State *L) {
  lua_State *co = lua_tothread(L, lua_upvalueindex(1));
  int results = coa_resume_from(L, co, lua_gettop(L));
  if (results >= 0) return results;

  int status = lua_status(co);
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pop(L, 1);
    status = coa_close_from(L, co);  // close its to-be-closed variables
    lua_xmove(co, L, 1);  // the error, or the one a __close raised
  }
  if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
    luaL_where(L, 1);  // error where
    lua_insert(L, -2);  // where error
    lua_concat(L, 2);
  }
  return lua_error(L);
}

static int coa_coroutine_wrap(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_State *co = lua_newthread(L);  // f co
  lua_pushvalue(L, 1);  // f co f
  lua_xmove(L, co, 1);  // f co
  lua_pushcclosure(L, coa_coroutine_wrapped, 1);  // f wrapped
  return 1;
}

// coroutine.close, closing through coa_close_from; otherwise as in lcorolib.c.
static int coa_coroutine_close(lua_State *L) {
  lua_State *co = lua_tothread(L, 1);
  luaL_argexpected(L, co != NULL, 1, "coroutine");
  int status = lua_status(co);
  lua_Debug ar;
  if (co == L || (status == LUA_OK && lua_getstack(co, 0, &ar)))
    return luaL_error(L, "cannot close a %s coroutine", co == L ? "running" : "normal");
  if (coa_close_from(L, co) == LUA_OK) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);  // false
  lua_xmove(co, L, 1);  // false error
  return 2;
}

// Replaces `table[name]` with `replacement`, given the original as upvalue.
static void coa_wrap_field(lua_State *L, int table, const char *name,
                           lua_CFunction replacement) {
  table = lua_absindex(L, table);
  lua_getfield(L, table, name);  // original
  lua_pushcclosure(L, replacement, 1);  // replacement
  lua_setfield(L, table, name);
}

static void coa_set_field(lua_State *L, int table, const char *name,
                          lua_CFunction function) {
  table = lua_absindex(L, table);
  lua_pushcfunction(L, function);
  lua_setfield(L, table, name);
}

int coa_harden_sandbox(lua_State *L) {
  lua_pushglobaltable(L);  // _G
  int globals = lua_gettop(L);
  coa_wrap_field(L, globals, "load", coa_load_text);
  coa_set_field(L, globals, "setmetatable", coa_setmetatable_checked);
  coa_set_field(L, globals, "xpcall", coa_xpcall);
  coa_set_field(L, globals, "collectgarbage", coa_collectgarbage_count);

  lua_getfield(L, globals, LUA_COLIBNAME);  // _G coroutine
  coa_set_field(L, -1, "resume", coa_coroutine_resume);
  coa_set_field(L, -1, "wrap", coa_coroutine_wrap);
  coa_set_field(L, -1, "close", coa_coroutine_close);
  lua_pop(L, 1);  // _G

  lua_getfield(L, globals, LUA_TABLIBNAME);  // _G table
  coa_set_field(L, -1, "insert", coa_tinsert);
  coa_set_field(L, -1, "remove", coa_tremove);
  coa_set_field(L, -1, "move", coa_tmove);
  coa_set_field(L, -1, "sort", coa_tsort);
  lua_pop(L, 1);  // _G

  lua_getfield(L, globals, LUA_STRLIBNAME);  // _G string
  int strings = lua_gettop(L);
  lua_pushnil(L);
  lua_setfield(L, strings, "dump");
  coa_set_field(L, strings, "find", coa_str_find);
  coa_set_field(L, strings, "match", coa_str_match);
  coa_set_field(L, strings, "gmatch", coa_str_gmatch);
  coa_set_field(L, strings, "gsub", coa_str_gsub);
  coa_set_field(L, strings, "rep", coa_str_rep);

  // The string metatable's __index is this same table; lock the metatable so
  // getmetatable("") cannot reach it or replace it.
  lua_pushliteral(L, "");  // _G string ""
  lua_getmetatable(L, -1);  // _G string "" mt
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 3);  // _G
  lua_pop(L, 1);
  return 0;
}

// MARK: - Strict globals

static int coa_undefined_global(lua_State *L) {
  if (lua_type(L, 2) == LUA_TSTRING)
    return luaL_error(L, "undefined global '%s'", lua_tostring(L, 2));
  return luaL_error(L, "undefined global (a %s key)", luaL_typename(L, 2));
}

int coa_strict_globals(lua_State *L) {
  lua_pushglobaltable(L);  // _G
  lua_createtable(L, 0, 2);  // _G mt
  lua_pushcfunction(L, coa_undefined_global);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);  // _G
  lua_pop(L, 1);
  return 0;
}

// MARK: - JSON null and markers

static int coa_null_tostring(lua_State *L) {
  lua_pushliteral(L, "null");
  return 1;
}

// The host sets these metatables itself (lua_setmetatable skips the sandbox's
// __gc check), so a playbook must never reach them: __metatable locks them.
static void coa_make_marker(lua_State *L, const void *key, const char *name) {
  lua_createtable(L, 0, 2);  // mt
  lua_pushstring(L, name);
  lua_setfield(L, -2, "__name");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

static int coa_make_json_values(lua_State *L) {
  lua_newuserdatauv(L, 0, 0);  // null
  lua_createtable(L, 0, 3);  // null mt
  lua_pushliteral(L, "json.null");
  lua_setfield(L, -2, "__name");
  lua_pushcfunction(L, coa_null_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);  // null
  lua_rawsetp(L, LUA_REGISTRYINDEX, &coa_key_null);

  coa_make_marker(L, &coa_key_object_meta, "json.object");
  coa_make_marker(L, &coa_key_array_meta, "json.array");
  return 0;
}

void coa_pushnull(lua_State *L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_null) == LUA_TNIL) {
    lua_pop(L, 1);
    coa_make_json_values(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_null);
  }
}

int coa_isnull(lua_State *L, int index) {
  if (lua_type(L, index) != LUA_TUSERDATA) return 0;
  index = lua_absindex(L, index);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_null);  // null
  int same = lua_rawequal(L, index, -1);
  lua_pop(L, 1);
  return same;
}

void coa_pushobjectmeta(lua_State *L) {
  coa_pushnull(L);  // makes the markers on first use
  lua_pop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_object_meta);
}

void coa_pusharraymeta(lua_State *L) {
  coa_pushnull(L);
  lua_pop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_array_meta);
}

int coa_json_marker(lua_State *L, int index) {
  index = lua_absindex(L, index);
  if (!lua_getmetatable(L, index)) return 0;  // mt
  int marker = 0;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_object_meta);  // mt object
  if (lua_rawequal(L, -1, -2)) marker = 1;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_array_meta);  // mt object array
  if (lua_rawequal(L, -1, -3)) marker = 2;
  lua_pop(L, 3);
  return marker;
}
