// States with a counting allocator, and the host/Lua sides of allocation.
//
// Why the allocator has two sides: a Swift native pushes its results with API
// calls that allocate. If such an allocation failed under the memory cap, Lua
// would longjmp out of the middle of the Swift frame. So while host_depth > 0
// (Swift is running) the cap is not enforced; the overshoot is bounded by what
// the host itself decided to push, and the trampoline raises the breach as
// soon as the Swift frame has returned. Lua code, compiling and library C
// code run with host_depth == 0 and get refusals at the cap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coa_internal.h"

const char coa_key_traceback = 0;
const char coa_key_null = 0;
const char coa_key_object_meta = 0;
const char coa_key_array_meta = 0;
const char coa_key_limit_message[4] = {0, 0, 0, 0};

static void *coa_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  coa_vm *vm = ud;
  size_t old = ptr ? osize : 0;

  if (nsize == 0) {
    coa_pool_free(&vm->pool, ptr, old);
    vm->used -= old;
    return NULL;
  }

  int growing = nsize > old;
  if (growing && vm->host_depth == 0 && vm->limit != 0 &&
      vm->used + vm->host_bytes - old + nsize > vm->limit) {
    // Part of `used` may be garbage: Lua answers a refusal with an emergency
    // collection and asks again. Only a refusal that stands is a breach: a
    // second one in a row, or one still standing at the next instruction
    // (the hook armed here decides; see coa_hook).
    if (vm->refused)
      coa_vm_breach(vm, COA_LIMIT_MEMORY);
    else
      vm->refused = 1, coa_arm_hook(vm->current);
    return NULL;
  }

  void *block = coa_pool_realloc(&vm->pool, ptr, old, nsize);
  if (block == NULL) {
    if (vm->host_depth > 0) {
      // Returning NULL would longjmp through the Swift frame above us.
      fprintf(stderr, "coa: out of memory while the host was running\n");
      abort();
    }
    return NULL;
  }
  vm->used = vm->used - old + nsize;
  if (vm->used > vm->peak) vm->peak = vm->used;
  if (vm->host_depth == 0) vm->refused = 0;  // Lua's retry succeeded
  return block;
}

lua_State *coa_newstate(size_t memory_limit) {
  coa_vm *vm = calloc(1, sizeof *vm);
  if (vm == NULL) return NULL;
  vm->limit = memory_limit;
  vm->host_depth = 1;  // set-up runs on the host side
  pthread_mutex_init(&vm->lock, NULL);

  lua_State *L = lua_newstate(coa_alloc, vm);
  if (L == NULL) {
    coa_pool_release(&vm->pool);
    pthread_mutex_destroy(&vm->lock);
    free(vm);
    return NULL;
  }
  *(coa_vm **)lua_getextraspace(L) = vm;
  vm->L = L;
  vm->current = L;
  lua_setwarnf(L, NULL, NULL);  // warnings (e.g. from finalizers) are off
  return L;
}

void coa_close(lua_State *L) {
  coa_vm *vm = coa_vm_of(L);
  coa_disarm_deadline(L);
  vm->host_depth = 1;  // closing never refuses memory
  lua_close(L);
  coa_pool_release(&vm->pool);
  pthread_mutex_destroy(&vm->lock);
  free(vm);
}

lua_State *coa_vm_enter(coa_vm *vm, lua_State *thread) {
  pthread_mutex_lock(&vm->lock);
  lua_State *previous = vm->current;
  vm->current = thread;
  pthread_mutex_unlock(&vm->lock);
  return previous;
}

void coa_set_memory_limit(lua_State *L, size_t bytes) {
  coa_vm *vm = coa_vm_of(L);
  vm->limit = bytes;

  char message[96];
  if (bytes % (1024 * 1024) == 0)
    snprintf(message, sizeof message, "memory limit exceeded (%zu MiB)", bytes >> 20);
  else
    snprintf(message, sizeof message, "memory limit exceeded (%zu bytes)", bytes);
  lua_pushstring(L, message);  // message
  lua_rawsetp(L, LUA_REGISTRYINDEX, &coa_key_limit_message[COA_LIMIT_MEMORY]);
}

size_t coa_memory_used(lua_State *L) { return coa_vm_of(L)->used; }

void coa_set_host_bytes(lua_State *L, size_t bytes) { coa_vm_of(L)->host_bytes = bytes; }
size_t coa_memory_peak(lua_State *L) { return coa_vm_of(L)->peak; }
