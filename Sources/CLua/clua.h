// The system Lua 5.4 headers, as one module for Swift and the C shim.
#ifndef CLUA_H
#define CLUA_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#if !defined(LUA_VERSION_RELEASE_NUM) || LUA_VERSION_RELEASE_NUM < 50404
#error "coa needs the Lua 5.4.4 headers or newer: apt-get install liblua5.4-dev (pkg-config lua5.4)"
#endif

#endif
