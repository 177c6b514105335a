// The sandbox's own string.rep, table.insert, table.remove, table.move and
// table.sort, written from the Lua 5.4 reference manual.
//
// Why: a hook only runs between Lua instructions, so one C call that loops
// long is out of reach of the wall-time watchdog. The library versions of
// these five can do exactly that: string.rep("", math.maxinteger),
// table.move({}, 1, math.maxinteger - 1, 2), insert/remove below a border
// (#t) of 2^40, or a sort of a proxy whose __len claims millions of elements
// and whose __index/__newindex are C functions. Every loop here counts its
// steps and, every COA_STEPS_PER_CHECK of them, asks coa_should_stop.
//
// What a playbook sees is meant to be Lua 5.4.4's behaviour: the same
// results, the same reads and writes through lua_geti/lua_seti (so
// __index/__newindex apply), the length through luaL_len (so __len applies),
// the same argument checks and error messages. table.sort differs where the
// manual leaves things open: it is a heapsort, so elements that compare
// equal may end in another order, the comparator sees other pairs in another
// order (so an "attempt to compare" message may name the two types the other
// way round), and an inconsistent comparator yields some permutation instead
// of "invalid order function for sorting", which a heapsort never needs to
// raise (it cannot run off the array). It is also about 2x slower than the
// stock quicksort on large random lists. One intentional difference outside
// sort: table.remove's "position out of bounds" names argument #2 (the
// position, as Lua 5.4.6 does), where 5.4.4 says #1. See
// scripts/loops-diff.sh.
#include <limits.h>
#include <string.h>

#include "coa_internal.h"

// MARK: - Pacing

#define COA_STEPS_PER_CHECK 1024u

// Counts one step of a loop that may run long and, once every
// COA_STEPS_PER_CHECK steps, ends the run if one of its limits was hit.
static inline void coa_step(lua_State *L, unsigned *steps) {
  *steps += 1;
  if (*steps % COA_STEPS_PER_CHECK == 0 && coa_should_stop(L))
    coa_raise_limit(L);
}

// MARK: - string.rep

// Longest result allowed: what fits an int (and a size_t), as in Lua 5.4.
#define COA_REP_LIMIT \
  ((size_t)INT_MAX < (size_t)-1 ? (size_t)INT_MAX : (size_t)-1)

// Largest single copy between two steps, so that each step stays short.
#define COA_REP_CHUNK ((size_t)1 << 16)

// string.rep(s, n [, sep]): n copies of s with sep between them; "" when
// n <= 0. The result (s sep)(s sep)...s is a prefix of an endless repeat of
// the unit s..sep, so after the first unit it grows by copying whole units
// from what is already written, doubling each time (in bounded chunks).
int coa_str_rep(lua_State *L) {
  size_t slen, seplen;
  const char *s = luaL_checklstring(L, 1, &slen);
  lua_Integer count = luaL_checkinteger(L, 2);
  const char *sep = luaL_optlstring(L, 3, "", &seplen);
  size_t unit = slen + seplen;
  if (count <= 0 || unit == 0) {  // nothing to copy, whatever the count
    lua_pushliteral(L, "");
    return 1;
  }
  if (unit < slen || unit > COA_REP_LIMIT / (lua_Unsigned)count)
    return luaL_error(L, "resulting string too large");
  size_t total = unit * (size_t)count - seplen;
  luaL_Buffer buf;
  char *out = luaL_buffinitsize(L, &buf, total);
  memcpy(out, s, slen);
  size_t done = slen;
  if (done < total) {  // at least two copies: finish the first unit
    memcpy(out + done, sep, seplen);
    done += seplen;
  }
  unsigned steps = 0;
  while (done < total) {
    size_t span = done - done % unit;  // whole units written so far
    size_t len = total - done;
    if (len > span)
      len = span;
    if (len > COA_REP_CHUNK)
      len = COA_REP_CHUNK;
    memcpy(out + done, out + done - span, len);
    done += len;
    coa_step(L, &steps);
  }
  luaL_pushresultsize(&buf, total);
  return 1;
}

// MARK: - Table arguments

// What a function does with a table argument. A value that is not a table
// is accepted when its metatable has the matching metamethods.
enum {
  COA_USE_GET = 1,  // reads elements: __index
  COA_USE_SET = 2,  // writes elements: __newindex
  COA_USE_LEN = 4,  // takes the length: __len
};

// Whether the metatable at `mt` has a non-nil raw `event` field.
static int coa_meta_has(lua_State *L, int mt, const char *event) {
  lua_pushstring(L, event);
  int present = lua_rawget(L, mt) != LUA_TNIL;
  lua_pop(L, 1);
  return present;
}

// Raises the usual "table expected" error unless argument `arg` can serve
// for `uses` (a mask of COA_USE_*).
static void coa_check_tablelike(lua_State *L, int arg, int uses) {
  if (lua_type(L, arg) == LUA_TTABLE)
    return;
  int usable = 0;
  if (lua_getmetatable(L, arg)) {
    int mt = lua_gettop(L);
    usable = (!(uses & COA_USE_GET) || coa_meta_has(L, mt, "__index")) &&
             (!(uses & COA_USE_SET) || coa_meta_has(L, mt, "__newindex")) &&
             (!(uses & COA_USE_LEN) || coa_meta_has(L, mt, "__len"));
    lua_pop(L, 1);
  }
  if (!usable)
    luaL_checktype(L, arg, LUA_TTABLE);  // does not return
}

// Checks argument `arg` for `uses` plus a length, and returns #arg.
static lua_Integer coa_border(lua_State *L, int arg, int uses) {
  coa_check_tablelike(L, arg, uses | COA_USE_LEN);
  return luaL_len(L, arg);
}

// Argument 1 as the list of the functions below.
#define COA_LIST 1

// MARK: - table.insert

// table.insert(list, [pos,] value): stores value at pos (default #list+1)
// after shifting list[pos..#list] up by one; pos must lie in [1, #list+1].
int coa_tinsert(lua_State *L) {
  lua_Integer border = coa_border(L, COA_LIST, COA_USE_GET | COA_USE_SET);
  // The slot after the border; wraps around like Lua's integer arithmetic.
  lua_Integer after = (lua_Integer)((lua_Unsigned)border + 1u);
  lua_Integer target;
  int nargs = lua_gettop(L);
  if (nargs == 2) {
    target = after;
  } else if (nargs == 3) {
    target = luaL_checkinteger(L, 2);
    // 1 <= target <= after, in unsigned terms so a wrapped `after` works.
    luaL_argcheck(L, (lua_Unsigned)target - 1u < (lua_Unsigned)after, 2,
                  "position out of bounds");
    unsigned steps = 0;
    for (lua_Integer to = after; to > target; to--) {
      coa_step(L, &steps);
      lua_geti(L, COA_LIST, to - 1);
      lua_seti(L, COA_LIST, to);
    }
  } else {
    return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, COA_LIST, target);  // the value is on top
  return 0;
}

// MARK: - table.remove

// table.remove(list [, pos]): returns list[pos] (pos defaults to #list),
// shifts list[pos+1..#list] down by one and clears the last slot. A pos
// other than #list must lie in [1, #list+1].
int coa_tremove(lua_State *L) {
  lua_Integer border = coa_border(L, COA_LIST, COA_USE_GET | COA_USE_SET);
  lua_Integer at = luaL_optinteger(L, 2, border);
  if (at != border) {
    luaL_argcheck(L, (lua_Unsigned)at - 1u <= (lua_Unsigned)border, 2,
                  "position out of bounds");
  }
  lua_geti(L, COA_LIST, at);  // the result stays below the moves
  unsigned steps = 0;
  while (at < border) {
    coa_step(L, &steps);
    lua_geti(L, COA_LIST, at + 1);
    lua_seti(L, COA_LIST, at);
    at++;
  }
  lua_pushnil(L);
  lua_seti(L, COA_LIST, at);
  return 1;
}

// MARK: - table.move

// Copies `count` > 0 elements src[from..] to dst[to..]; `upward` copies
// the first element first, else the last one first.
static void coa_copy_run(lua_State *L, int src, int dst, lua_Integer from,
                         lua_Integer to, lua_Integer count, int upward) {
  unsigned steps = 0;
  for (lua_Integer k = 0; k < count; k++) {
    lua_Integer offset = upward ? k : count - 1 - k;
    coa_step(L, &steps);
    lua_geti(L, src, from + offset);
    lua_seti(L, dst, to + offset);
  }
}

// table.move(a1, f, e, t [, a2]): a2[t..] = a1[f..e], a2 defaulting to a1;
// the ranges may overlap. Returns a2.
int coa_tmove(lua_State *L) {
  lua_Integer first = luaL_checkinteger(L, 2);
  lua_Integer last = luaL_checkinteger(L, 3);
  lua_Integer to = luaL_checkinteger(L, 4);
  int dst = lua_isnoneornil(L, 5) ? 1 : 5;
  coa_check_tablelike(L, 1, COA_USE_GET);
  coa_check_tablelike(L, dst, COA_USE_SET);
  if (first <= last) {
    // The count last - first + 1 must be a lua_Integer...
    luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3,
                  "too many elements to move");
    lua_Integer count = last - first + 1;
    // ...and so must the last destination index.
    luaL_argcheck(L, to <= LUA_MAXINTEGER - count + 1, 4,
                  "destination wrap around");
    // Copying upward is safe unless the destination starts inside the
    // source range of the same table; only then is the equality (which
    // may call __eq) asked.
    int upward = to > last || to <= first ||
                 (dst != 1 && !lua_compare(L, 1, dst, LUA_OPEQ));
    coa_copy_run(L, 1, dst, first, to, count, upward);
  }
  lua_pushvalue(L, dst);
  return 1;
}

// MARK: - table.sort

// The state of one sort: the order is the comparator at stack index
// COA_ORDER when there is one, else the < operator.
typedef struct coa_sorting {
  lua_State *L;
  int custom;      // a comparator was given
  unsigned steps;  // comparisons so far, for the stop checks
} coa_sorting;

#define COA_ORDER 2

// Whether the value at stack index `a` must come before the one at `b`.
static int coa_precedes(coa_sorting *job, int a, int b) {
  lua_State *L = job->L;
  coa_step(L, &job->steps);
  if (!job->custom)
    return lua_compare(L, a, b, LUA_OPLT);
  lua_pushvalue(L, COA_ORDER);
  lua_pushvalue(L, a);
  lua_pushvalue(L, b);
  lua_call(L, 2, 1);
  int verdict = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return verdict;
}

// Restores the heap property of list[top..size] (a heap in which the
// element at k is not before its children at 2k and 2k+1, so the root holds
// a greatest element) after its root `top` changed. Bottom-up: the root's
// value first sinks along the path of greater children to a leaf, which
// costs one comparison per level, then rises while its parent precedes it,
// usually for a step or two. Every move is a swap, so the list stays a
// permutation of its elements even when a comparison raises an error.
static void coa_sift(coa_sorting *job, lua_Integer top, lua_Integer size) {
  lua_State *L = job->L;
  lua_geti(L, COA_LIST, top);
  int value = lua_gettop(L);  // the sinking value, kept here throughout
  lua_Integer hole = top;
  lua_Integer child;
  while ((child = 2 * hole) <= size) {
    coa_step(L, &job->steps);
    lua_geti(L, COA_LIST, child);
    if (child < size) {
      lua_geti(L, COA_LIST, child + 1);
      if (coa_precedes(job, value + 1, value + 2)) {
        child++;
        lua_replace(L, value + 1);
      } else {
        lua_pop(L, 1);
      }
    }
    lua_seti(L, COA_LIST, hole);  // the greater child moves up
    lua_pushvalue(L, value);
    lua_seti(L, COA_LIST, child);
    hole = child;
  }
  while (hole > top) {
    lua_Integer parent = hole / 2;
    lua_geti(L, COA_LIST, parent);
    if (!coa_precedes(job, value + 1, value)) {
      lua_pop(L, 1);
      break;
    }
    lua_seti(L, COA_LIST, hole);  // the parent moves down
    lua_pushvalue(L, value);
    lua_seti(L, COA_LIST, parent);
    hole = parent;
  }
  lua_pop(L, 1);  // value
}

// Swaps list[i] and list[j].
static void coa_swap(lua_State *L, lua_Integer i, lua_Integer j) {
  lua_geti(L, COA_LIST, i);
  lua_geti(L, COA_LIST, j);
  lua_seti(L, COA_LIST, i);
  lua_seti(L, COA_LIST, j);
}

// table.sort(list [, comp]): sorts list[1..#list] in place so that no
// element precedes an earlier one, by comp(a, b) (true when a must come
// before b) or by <. A heapsort: n log n comparisons at worst, no recursion,
// no memory beyond a few stack slots.
int coa_tsort(lua_State *L) {
  lua_Integer n = coa_border(L, COA_LIST, COA_USE_GET | COA_USE_SET);
  if (n <= 1)
    return 0;  // nothing to order; the comparator is not even checked
  luaL_argcheck(L, n < INT_MAX, 1, "array too big");
  if (!lua_isnoneornil(L, COA_ORDER))
    luaL_checktype(L, COA_ORDER, LUA_TFUNCTION);
  lua_settop(L, COA_ORDER);
  coa_sorting job = {L, lua_type(L, COA_ORDER) == LUA_TFUNCTION, 0};
  for (lua_Integer k = n / 2; k >= 1; k--)  // heapify
    coa_sift(&job, k, n);
  for (lua_Integer end = n; end > 1; end--) {
    coa_step(L, &job.steps);
    coa_swap(L, 1, end);  // a greatest element goes to its place
    coa_sift(&job, 1, end - 1);
  }
  return 0;
}
