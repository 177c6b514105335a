// The fake wall-time limit shared by the differential test hosts
// (pattern-diff.sh, loops-diff.sh): coa_should_stop says stop once the
// deadline armed with arm(seconds) has passed; checks() counts the polls.
#ifndef STOP_CLOCK_H
#define STOP_CLOCK_H

static double deadline;  // monotonic seconds; 0: no deadline
static lua_Integer checks;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int coa_should_stop(lua_State *L) {
  (void)L;
  checks++;
  return deadline > 0 && now_s() >= deadline;
}

int coa_raise_limit(lua_State *L) {
  lua_pushliteral(L, "time limit exceeded");
  return lua_error(L);
}

static int l_now(lua_State *L) {
  lua_pushnumber(L, now_s());
  return 1;
}

static int l_arm(lua_State *L) {
  double s = luaL_checknumber(L, 1);
  deadline = s > 0 ? now_s() + s : 0;
  return 0;
}

static int l_checks(lua_State *L) {
  lua_pushinteger(L, checks);
  return 1;
}

#endif
