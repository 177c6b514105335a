// Lua 5.4's string.find, match, gmatch and gsub with a matcher that counts its
// steps and stops when the run's limits say so (coa_should_stop).
#ifndef COA_PATTERN_H
#define COA_PATTERN_H

#include <lua.h>

int coa_str_find(lua_State *L);
int coa_str_match(lua_State *L);
int coa_str_gmatch(lua_State *L);
int coa_str_gsub(lua_State *L);

#endif
