// The per-state control block shared by the shim's files. Not for Swift.
#ifndef COA_INTERNAL_H
#define COA_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include "coa_shim.h"

#define COA_POOL_CLASSES 33  // 16-byte size classes: blocks of up to 512 bytes

/// A state's small blocks (coa_pool.c).
typedef struct coa_pool {
  void *free[COA_POOL_CLASSES];  // a free list per class
  struct coa_chunk *chunks;      // every chunk this state took, newest first
  int count;                     // how many
  char *bump;                    // the unused rest of the newest chunk
  size_t left;
} coa_pool;

/// Like realloc for a block of `old` bytes (NULL: a new one) to `size` > 0.
void *coa_pool_realloc(coa_pool *pool, void *block, size_t old, size_t size);

/// Frees a block of `size` bytes (NULL: nothing).
void coa_pool_free(coa_pool *pool, void *block, size_t size);

/// Gives back every chunk, once the state is closed.
void coa_pool_release(coa_pool *pool);

typedef struct coa_vm {
  lua_State *L;               // the main thread
  size_t used;                // bytes allocated now
  size_t peak;                // most bytes ever allocated
  size_t limit;               // cap in bytes; 0: none
  size_t host_bytes;          // what the host holds for this run (reports,
                              // values written), charged to the same cap
  int host_depth;             // > 0 while Swift (or a handler) runs: no refusals
  _Atomic int limit_hit;      // a coa_limit; written by the watchdog too
  int refused;                // the allocator refused; breach unless Lua's
                              // emergency collection made room

  coa_pool pool;              // where the state's blocks come from

  int64_t budget;             // instructions left; meaningful when budgeted
  int budgeted;               // an instruction budget is set

  // The thread running Lua code now, for the watchdog to hook. Guarded by
  // `lock`, because the watchdog reads it from its own thread.
  pthread_mutex_t lock;
  lua_State *current;

  // Watchdog registration (guarded by the watchdog's mutex).
  double deadline;            // CLOCK_MONOTONIC seconds
  int watched;
  struct coa_vm *next_watched;
} coa_vm;

/// The control block of any thread of a coa state.
static inline coa_vm *coa_vm_of(lua_State *L) {
  return *(coa_vm **)lua_getextraspace(L);
}

/// Records a breach and arms the hook on the running thread (Lua thread).
void coa_vm_breach(coa_vm *vm, coa_limit limit);

/// Turns a refusal that still stands into a memory breach. Returns the limit
/// hit, if any. Call where control comes back from Lua code.
int coa_vm_settle(coa_vm *vm);

/// Arms the every-instruction hook on `thread`; async-signal-safe in Lua.
void coa_arm_hook(lua_State *thread);

/// Sets the thread running Lua code now; returns the previous one.
lua_State *coa_vm_enter(coa_vm *vm, lua_State *thread);

/// string.rep, table.insert, table.remove, table.move and table.sort whose
/// loops stop on a limit (coa_loops.c).
int coa_str_rep(lua_State *L);
int coa_tinsert(lua_State *L);
int coa_tremove(lua_State *L);
int coa_tmove(lua_State *L);
int coa_tsort(lua_State *L);

/// Registry keys (their addresses are the keys).
extern const char coa_key_traceback;
extern const char coa_key_null;
extern const char coa_key_object_meta;
extern const char coa_key_array_meta;
extern const char coa_key_limit_message[4];

#endif
