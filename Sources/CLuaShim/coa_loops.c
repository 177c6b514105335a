// string.rep, table.insert, table.remove and table.move with loops that stop
// on a limit. The stock versions can loop for hours inside one C call, where
// no hook fires and no memory is allocated: string.rep("", math.maxinteger),
// table.move({}, 1, math.maxinteger - 1, 2), or insert/remove on a table whose
// border (#t) is 2^40 with 41 keys. Otherwise these are the stock functions
// of Lua 5.4's lstrlib.c and ltablib.c: same checks, results and messages.
#include <limits.h>
#include <string.h>

#include "coa_internal.h"

#define COA_LOOP_TICK 1024  // iterations between two stop checks

// Raises the run's limit error when it must end; checked every TICK steps.
#define COA_LOOP_CHECK(L, counter) \
  do { \
    if (((counter) & (COA_LOOP_TICK - 1)) == 0 && coa_should_stop(L)) \
      coa_raise_limit(L); \
  } while (0)

// MARK: - string.rep

#define COA_MAXSIZE \
  (sizeof(size_t) < sizeof(int) ? (~(size_t)0) : (size_t)(INT_MAX))

int coa_str_rep(lua_State *L) {
  size_t l, lsep;
  const char *s = luaL_checklstring(L, 1, &l);
  lua_Integer n = luaL_checkinteger(L, 2);
  const char *sep = luaL_optlstring(L, 3, "", &lsep);
  if (n <= 0 || l + lsep == 0) {  // the stock loop would copy nothing n times
    lua_pushliteral(L, "");
    return 1;
  }
  if (l + lsep < l || l + lsep > COA_MAXSIZE / n)
    return luaL_error(L, "resulting string too large");
  size_t total = (size_t)n * l + (size_t)(n - 1) * lsep;
  luaL_Buffer b;
  char *p = luaL_buffinitsize(L, &b, total);
  // At most total / (l + lsep) iterations: bounded by the memory cap, if any.
  while (n-- > 1) {
    COA_LOOP_CHECK(L, n);
    memcpy(p, s, l);
    p += l;
    if (lsep > 0) {
      memcpy(p, sep, lsep);
      p += lsep;
    }
  }
  memcpy(p, s, l);
  luaL_pushresultsize(&b, total);
  return 1;
}

// MARK: - table.insert, table.remove, table.move

#define TAB_R 1  // read
#define TAB_W 2  // write
#define TAB_L 4  // length
#define TAB_RW (TAB_R | TAB_W)

static int coa_checkfield(lua_State *L, const char *key, int n) {
  lua_pushstring(L, key);
  return lua_rawget(L, -n) != LUA_TNIL;
}

// `arg` is a table or has the metamethods that make it behave like one.
static void coa_checktab(lua_State *L, int arg, int what) {
  if (lua_type(L, arg) != LUA_TTABLE) {
    int n = 1;  // elements to pop
    if (lua_getmetatable(L, arg) &&
        (!(what & TAB_R) || coa_checkfield(L, "__index", ++n)) &&
        (!(what & TAB_W) || coa_checkfield(L, "__newindex", ++n)) &&
        (!(what & TAB_L) || coa_checkfield(L, "__len", ++n))) {
      lua_pop(L, n);
    } else {
      luaL_checktype(L, arg, LUA_TTABLE);  // raises
    }
  }
}

static lua_Integer coa_aux_getn(lua_State *L, int n, int what) {
  coa_checktab(L, n, what | TAB_L);
  return luaL_len(L, n);
}

int coa_tinsert(lua_State *L) {
  lua_Integer pos;
  lua_Integer e = coa_aux_getn(L, 1, TAB_RW);
  e = luaL_intop(+, e, 1);  // first empty element
  switch (lua_gettop(L)) {
    case 2:
      pos = e;
      break;
    case 3: {
      pos = luaL_checkinteger(L, 2);
      luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
      for (lua_Integer i = e; i > pos; i--) {  // move up elements
        COA_LOOP_CHECK(L, i);
        lua_geti(L, 1, i - 1);
        lua_seti(L, 1, i);  // t[i] = t[i - 1]
      }
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, pos);  // t[pos] = v
  return 0;
}

int coa_tremove(lua_State *L) {
  lua_Integer size = coa_aux_getn(L, 1, TAB_RW);
  lua_Integer pos = luaL_optinteger(L, 2, size);
  if (pos != size)
    luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
  lua_geti(L, 1, pos);  // result = t[pos]
  for (; pos < size; pos++) {
    COA_LOOP_CHECK(L, pos);
    lua_geti(L, 1, pos + 1);
    lua_seti(L, 1, pos);  // t[pos] = t[pos + 1]
  }
  lua_pushnil(L);
  lua_seti(L, 1, pos);  // remove entry t[pos]
  return 1;
}

int coa_tmove(lua_State *L) {
  lua_Integer f = luaL_checkinteger(L, 2);
  lua_Integer e = luaL_checkinteger(L, 3);
  lua_Integer t = luaL_checkinteger(L, 4);
  int tt = !lua_isnoneornil(L, 5) ? 5 : 1;  // destination table
  coa_checktab(L, 1, TAB_R);
  coa_checktab(L, tt, TAB_W);
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    lua_Integer n = e - f + 1;  // elements to move
    luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
    if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
      for (lua_Integer i = 0; i < n; i++) {
        COA_LOOP_CHECK(L, i);
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    } else {
      for (lua_Integer i = n - 1; i >= 0; i--) {
        COA_LOOP_CHECK(L, i);
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    }
  }
  lua_pushvalue(L, tt);  // destination table
  return 1;
}
