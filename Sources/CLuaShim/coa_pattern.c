// Lua 5.4 pattern functions that stop on a limit: hooks can't break a C call.
//
// Written from the reference manual (section 6.4.1). The matcher is a
// recursive backtracker whose choices, recursion depth limit (200) and
// capture limit (32) follow the stock library, so results and errors are the
// same. Every step (one pattern item tried at one subject position, retries
// included) decrements a counter; every 1024 steps it asks coa_should_stop.
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "coa_limits.h"
#include "coa_pattern.h"

#define PM_MAXCAP 32     // LUA_MAXCAPTURES
#define PM_MAXDEPTH 200  // MAXCCALLS of the stock matcher
#define PM_TICK 1024     // steps between two stop checks
#define PM_OPEN (-1)     // capture length: not closed yet
#define PM_POS (-2)      // capture length: position capture "()"
#define PM_ESC '%'

typedef struct {
  const char *start;
  ptrdiff_t len;  // or PM_OPEN / PM_POS
} PmCap;

typedef struct {
  lua_State *L;
  const char *s0;     // subject start
  const char *s1;     // subject end
  const char *p1;     // pattern end
  ptrdiff_t budget;   // steps left before the next stop check
  int depth;          // recursion left
  int ncap;           // captures open or closed
  PmCap cap[PM_MAXCAP];
} Pm;

static const char *pm_do(Pm *m, const char *s, const char *p);

// Out of steps: refill and ask whether the run must end.
static void pm_tick(Pm *m) {
  m->budget = PM_TICK;
  if (coa_should_stop(m->L)) coa_raise_limit(m->L);
}

#define PM_STEP(m, n) \
  do { \
    if (((m)->budget -= (n)) <= 0) pm_tick(m); \
  } while (0)

static void pm_init(Pm *m, lua_State *L, const char *s, size_t ls,
                    const char *p, size_t lp) {
  m->L = L;
  m->s0 = s;
  m->s1 = s + ls;
  m->p1 = p + lp;
  m->budget = PM_TICK;
  m->depth = PM_MAXDEPTH;
  m->ncap = 0;
}

// Fresh captures and depth for a match attempt at a new position.
static void pm_reset(Pm *m) {
  m->ncap = 0;
  m->depth = PM_MAXDEPTH;
}

// Is byte c in class cl (%a, %D, ...)? Any other cl stands for itself.
// Upper case letters are complements (tolower/isupper of the stock code).
static int pm_class(int c, int cl) {
  switch (cl) {
    case 'a': return isalpha(c) != 0;
    case 'A': return !isalpha(c);
    case 'c': return iscntrl(c) != 0;
    case 'C': return !iscntrl(c);
    case 'd': return isdigit(c) != 0;
    case 'D': return !isdigit(c);
    case 'g': return isgraph(c) != 0;
    case 'G': return !isgraph(c);
    case 'l': return islower(c) != 0;
    case 'L': return !islower(c);
    case 'p': return ispunct(c) != 0;
    case 'P': return !ispunct(c);
    case 's': return isspace(c) != 0;
    case 'S': return !isspace(c);
    case 'u': return isupper(c) != 0;
    case 'U': return !isupper(c);
    case 'w': return isalnum(c) != 0;
    case 'W': return !isalnum(c);
    case 'x': return isxdigit(c) != 0;
    case 'X': return !isxdigit(c);
    case 'z': return c == 0;  // deprecated, still in 5.4
    case 'Z': return c != 0;
    default: return cl == c;
  }
}

// Set [...]: p at '[', e at its closing ']'.
static int pm_set(int c, const char *p, const char *e) {
  int hit = 1;
  p++;
  if (*p == '^') {
    hit = 0;
    p++;
  }
  for (; p < e; p++) {
    if (*p == PM_ESC) {
      p++;
      if (pm_class(c, (unsigned char)*p)) return hit;
    } else if (p + 2 < e && p[1] == '-') {
      if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return hit;
      p += 2;
    } else if ((unsigned char)*p == c) {
      return hit;
    }
  }
  return !hit;
}

// End of the single-character item at p (before any quantifier).
static const char *pm_item_end(Pm *m, const char *p) {
  const char *pe = m->p1;
  switch (*p++) {
    case PM_ESC:
      if (p >= pe) luaL_error(m->L, "malformed pattern (ends with '%%')");
      return p + 1;
    case '[':
      if (p < pe && *p == '^') p++;
      do {  // the first character is literal, even ']'
        if (p >= pe) luaL_error(m->L, "malformed pattern (missing ']')");
        if (*p++ == PM_ESC && p < pe) p++;
      } while (p >= pe || *p != ']');
      return p + 1;
    default:
      return p;
  }
}

// Does the item p..ep match the byte at s?
static inline int pm_single(const Pm *m, const char *s, const char *p,
                            const char *ep) {
  int c;
  if (s >= m->s1) return 0;
  c = (unsigned char)*s;
  switch (*p) {
    case '.': return 1;
    case PM_ESC: return pm_class(c, (unsigned char)p[1]);
    case '[': return pm_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
  }
}

// Item p..ep repeated as often as possible, then backing off.
static const char *pm_greedy(Pm *m, const char *s, const char *p,
                             const char *ep) {
  ptrdiff_t n;
  if (*p == '.') {
    n = m->s1 - s;
  } else {
    n = 0;
    while (pm_single(m, s + n, p, ep)) n++;
  }
  PM_STEP(m, n);
  for (; n >= 0; n--) {
    const char *r = pm_do(m, s + n, ep + 1);
    if (r != NULL) return r;
  }
  return NULL;
}

// Item p..ep repeated as rarely as possible.
static const char *pm_lazy(Pm *m, const char *s, const char *p,
                           const char *ep) {
  for (;;) {
    const char *r = pm_do(m, s, ep + 1);
    if (r != NULL) return r;
    if (!pm_single(m, s, p, ep)) return NULL;
    s++;
  }
}

static const char *pm_open(Pm *m, const char *s, const char *p,
                           ptrdiff_t kind) {
  const char *r;
  int k = m->ncap;
  if (k >= PM_MAXCAP) luaL_error(m->L, "too many captures");
  m->cap[k].start = s;
  m->cap[k].len = kind;
  m->ncap = k + 1;
  r = pm_do(m, s, p);
  if (r == NULL) m->ncap--;
  return r;
}

static const char *pm_close(Pm *m, const char *s, const char *p) {
  const char *r;
  int k = m->ncap - 1;
  while (k >= 0 && m->cap[k].len != PM_OPEN) k--;
  if (k < 0) luaL_error(m->L, "invalid pattern capture");
  m->cap[k].len = s - m->cap[k].start;
  r = pm_do(m, s, p);
  if (r == NULL) m->cap[k].len = PM_OPEN;
  return r;
}

// %bxy at s; p points at x.
static const char *pm_balance(Pm *m, const char *s, const char *p) {
  const char *q = s;
  int open = 1;
  if (p + 1 >= m->p1)
    luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
  if (s >= m->s1 || *s != p[0]) return NULL;
  while (++q < m->s1) {
    if (*q == p[1]) {
      if (--open == 0) break;
    } else if (*q == p[0]) {
      open++;
    }
  }
  PM_STEP(m, q - s);
  return q < m->s1 ? q + 1 : NULL;
}

// Back-reference %d at s.
static const char *pm_backref(Pm *m, const char *s, int d) {
  ptrdiff_t len;
  int k = d - '1';
  if (k < 0 || k >= m->ncap || m->cap[k].len == PM_OPEN)
    luaL_error(m->L, "invalid capture index %%%d", k + 1);
  len = m->cap[k].len;
  if (len < 0 || m->s1 - s < len) return NULL;  // a position never matches
  PM_STEP(m, len >> 6);
  if (memcmp(m->cap[k].start, s, (size_t)len) != 0) return NULL;
  return s + len;
}

// Matches pattern p..p1 at s; the end of the match or NULL.
static const char *pm_do(Pm *m, const char *s, const char *p) {
  const char *pe = m->p1;
  if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
  for (;;) {
    const char *ep;
    int q;
    PM_STEP(m, 1);
    if (p == pe) break;
    switch (*p) {
      case '(':
        if (p + 1 < pe && p[1] == ')')
          s = pm_open(m, s, p + 2, PM_POS);
        else
          s = pm_open(m, s, p + 1, PM_OPEN);
        goto out;
      case ')':
        s = pm_close(m, s, p + 1);
        goto out;
      case '$':
        if (p + 1 != pe) break;  // not last: a plain '$'
        if (s != m->s1) s = NULL;
        goto out;
      case PM_ESC:
        if (p + 1 >= pe) break;  // reported by pm_item_end
        switch (p[1]) {
          case 'b':
            s = pm_balance(m, s, p + 2);
            if (s == NULL) goto out;
            p += 4;
            continue;
          case 'f': {
            int before, here;
            p += 2;
            if (p >= pe || *p != '[')
              luaL_error(m->L, "missing '[' after '%%f' in pattern");
            ep = pm_item_end(m, p);
            before = s == m->s0 ? 0 : (unsigned char)s[-1];
            here = s < m->s1 ? (unsigned char)*s : 0;
            if (pm_set(before, p, ep - 1) || !pm_set(here, p, ep - 1)) {
              s = NULL;
              goto out;
            }
            p = ep;
            continue;
          }
          case '0': case '1': case '2': case '3': case '4':
          case '5': case '6': case '7': case '8': case '9':
            s = pm_backref(m, s, (unsigned char)p[1]);
            if (s == NULL) goto out;
            p += 2;
            continue;
          default:
            break;
        }
        break;
      default:
        break;
    }
    // One single-character item, maybe with a quantifier.
    if (*p == PM_ESC)
      ep = p + 1 < pe ? p + 2 : pm_item_end(m, p);  // the latter raises
    else if (*p == '[')
      ep = pm_item_end(m, p);
    else
      ep = p + 1;
    q = ep < pe ? *ep : 0;
    if (!pm_single(m, s, p, ep)) {
      if (q == '*' || q == '?' || q == '-') {
        p = ep + 1;  // zero repetitions are fine
        continue;
      }
      s = NULL;
      goto out;
    }
    switch (q) {
      case '?': {
        const char *r = pm_do(m, s + 1, ep + 1);
        if (r != NULL) {
          s = r;
          goto out;
        }
        p = ep + 1;
        continue;
      }
      case '+':
        s = pm_greedy(m, s + 1, p, ep);
        goto out;
      case '*':
        s = pm_greedy(m, s, p, ep);
        goto out;
      case '-':
        s = pm_lazy(m, s, p, ep);
        goto out;
      default:
        s++;
        p = ep;
        continue;
    }
  }
out:
  m->depth++;
  return s;
}

// Capture i as text (*out, length) or PM_POS with the position pushed.
// With no captures, capture 0 is the whole match s..e.
static ptrdiff_t pm_cap(Pm *m, int i, const char *s, const char *e,
                        const char **out) {
  ptrdiff_t len;
  if (i >= m->ncap) {
    if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
    *out = s;
    return e - s;
  }
  len = m->cap[i].len;
  *out = m->cap[i].start;
  if (len == PM_OPEN) luaL_error(m->L, "unfinished capture");
  if (len == PM_POS) lua_pushinteger(m->L, (*out - m->s0) + 1);
  return len;
}

static void pm_push_cap(Pm *m, int i, const char *s, const char *e) {
  const char *c;
  ptrdiff_t len = pm_cap(m, i, s, e, &c);
  if (len != PM_POS) lua_pushlstring(m->L, c, (size_t)len);
}

// Pushes all captures (or the whole match s..e if none and s is given).
static int pm_push_caps(Pm *m, const char *s, const char *e) {
  int i;
  int n = (m->ncap == 0 && s != NULL) ? 1 : m->ncap;
  luaL_checkstack(m->L, n, "too many captures");
  for (i = 0; i < n; i++) pm_push_cap(m, i, s, e);
  return n;
}

// Does p contain a character that makes it a pattern rather than text?
static int pm_special(const char *p, size_t lp) {
  size_t i;
  for (i = 0; i < lp; i++) {
    switch (p[i]) {
      case '^': case '$': case '*': case '+': case '?':
      case '.': case '(': case '[': case '%': case '-':
        return 1;
      default:
        break;
    }
  }
  return 0;
}

// Plain search for n in h, as the stock library does it (first byte, then
// the rest), counting steps: one per candidate, more for long needles.
static const char *pm_memfind(lua_State *L, const char *h, size_t hl,
                              const char *n, size_t nl) {
  const char *last;
  ptrdiff_t budget = PM_TICK;
  ptrdiff_t cost = 1 + (ptrdiff_t)(nl >> 6);
  if (nl == 0) return h;
  if (nl > hl) return NULL;
  last = h + (hl - nl);  // the last possible start
  while (h <= last) {
    const char *c = memchr(h, n[0], (size_t)(last - h) + 1);
    if (c == NULL) return NULL;
    if (memcmp(c + 1, n + 1, nl - 1) == 0) return c;
    h = c + 1;
    if ((budget -= cost) <= 0) {
      budget = PM_TICK;
      if (coa_should_stop(L)) coa_raise_limit(L);
    }
  }
  return NULL;
}

// Relative start position (1-based, negative from the end) as 1-based.
static size_t pm_start(lua_Integer pos, size_t len) {
  if (pos > 0) return (size_t)pos;
  if (pos == 0 || pos < -(lua_Integer)len) return 1;
  return len + (size_t)pos + 1;
}

static int pm_find_aux(lua_State *L, int find) {
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t init = pm_start(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || !pm_special(p, lp))) {
    const char *hit = pm_memfind(L, s + init, ls - init, p, lp);
    if (hit != NULL) {
      lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
      lua_pushinteger(L, (lua_Integer)(hit - s + lp));
      return 2;
    }
  } else {
    Pm m;
    const char *at = s + init;
    int anchor = lp > 0 && *p == '^';
    if (anchor) {
      p++;
      lp--;
    }
    pm_init(&m, L, s, ls, p, lp);
    do {
      const char *e;
      pm_reset(&m);
      e = pm_do(&m, at, p);
      if (e != NULL) {
        if (!find) return pm_push_caps(&m, at, e);
        lua_pushinteger(L, (lua_Integer)(at - s) + 1);
        lua_pushinteger(L, (lua_Integer)(e - s));
        return pm_push_caps(&m, NULL, NULL) + 2;
      }
    } while (at++ < m.s1 && !anchor);
  }
  luaL_pushfail(L);
  return 1;
}

int coa_str_find(lua_State *L) { return pm_find_aux(L, 1); }

int coa_str_match(lua_State *L) { return pm_find_aux(L, 0); }

// gmatch iterator state, a userdata kept as upvalue 3 (1, 2: the strings).
typedef struct {
  Pm m;
  const char *p;     // pattern start
  const char *at;    // where the next search starts
  const char *last;  // end of the last match, to skip an empty one there
} PmIter;

static int pm_gmatch_next(lua_State *L) {
  PmIter *it = (PmIter *)lua_touserdata(L, lua_upvalueindex(3));
  const char *at;
  it->m.L = L;
  for (at = it->at; at <= it->m.s1; at++) {
    const char *e;
    pm_reset(&it->m);
    e = pm_do(&it->m, at, it->p);
    if (e != NULL && e != it->last) {
      it->at = it->last = e;
      return pm_push_caps(&it->m, at, e);
    }
  }
  return 0;
}

int coa_str_gmatch(lua_State *L) {
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t init = pm_start(luaL_optinteger(L, 3, 1), ls) - 1;
  PmIter *it;
  lua_settop(L, 2);  // the strings become upvalues and stay alive
  it = (PmIter *)lua_newuserdatauv(L, sizeof(PmIter), 0);
  if (init > ls) init = ls + 1;  // past the end: no match, no overflow
  pm_init(&it->m, L, s, ls, p, lp);
  it->p = p;
  it->at = s + init;
  it->last = NULL;
  lua_pushcclosure(L, pm_gmatch_next, 3);
  return 1;
}

// Appends the replacement string (argument 3) with its %0..%9 and %%.
static void pm_add_string(Pm *m, luaL_Buffer *b, const char *s,
                          const char *e) {
  size_t l;
  const char *r = lua_tolstring(m->L, 3, &l);
  const char *end = r + l;
  const char *pc;
  while ((pc = memchr(r, PM_ESC, (size_t)(end - r))) != NULL) {
    int d;
    luaL_addlstring(b, r, (size_t)(pc - r));
    pc++;
    d = pc < end ? (unsigned char)*pc : 0;
    if (d == PM_ESC) {
      luaL_addchar(b, PM_ESC);
    } else if (d == '0') {
      luaL_addlstring(b, s, (size_t)(e - s));
    } else if (isdigit(d)) {
      const char *c;
      ptrdiff_t len = pm_cap(m, d - '1', s, e, &c);
      if (len == PM_POS)
        luaL_addvalue(b);  // the pushed position, as text
      else
        luaL_addlstring(b, c, (size_t)len);
    } else {
      luaL_error(m->L, "invalid use of '%c' in replacement string", PM_ESC);
    }
    r = pc + 1;
  }
  luaL_addlstring(b, r, (size_t)(end - r));
}

// Appends the replacement of match s..e; 0 if the original text was kept.
static int pm_add_value(Pm *m, luaL_Buffer *b, const char *s, const char *e,
                        int tr) {
  lua_State *L = m->L;
  if (tr == LUA_TFUNCTION) {
    int n;
    lua_pushvalue(L, 3);
    n = pm_push_caps(m, s, e);
    lua_call(L, n, 1);
  } else if (tr == LUA_TTABLE) {
    pm_push_cap(m, 0, s, e);
    lua_gettable(L, 3);
  } else {
    pm_add_string(m, b, s, e);
    return 1;
  }
  if (!lua_toboolean(L, -1)) {  // nil or false: keep the match
    lua_pop(L, 1);
    luaL_addlstring(b, s, (size_t)(e - s));
    return 0;
  }
  if (!lua_isstring(L, -1))
    return luaL_error(L, "invalid replacement value (a %s)",
                      luaL_typename(L, -1));
  luaL_addvalue(b);
  return 1;
}

int coa_str_gsub(lua_State *L) {
  size_t ls, lp;
  const char *src = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  const char *last = NULL;
  int tr = lua_type(L, 3);
  lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
  int anchor = lp > 0 && *p == '^';
  lua_Integer n = 0;
  int changed = 0;
  Pm m;
  luaL_Buffer b;
  luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING ||
                   tr == LUA_TFUNCTION || tr == LUA_TTABLE,
                   3, "string/function/table");
  luaL_buffinit(L, &b);
  if (anchor) {
    p++;
    lp--;
  }
  pm_init(&m, L, src, ls, p, lp);
  while (n < max) {
    const char *e;
    pm_reset(&m);
    e = pm_do(&m, src, p);
    if (e != NULL && e != last) {
      n++;
      changed |= pm_add_value(&m, &b, src, e, tr);
      src = last = e;
    } else if (src < m.s1) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  if (!changed) {
    lua_pushvalue(L, 1);  // nothing replaced: the subject itself
  } else {
    luaL_addlstring(&b, src, (size_t)(m.s1 - src));
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}
