// Limits: the hook that raises a breach, the watchdog that arms it when a
// deadline passes, and the optional instruction budget.
//
// The default path costs nothing per instruction: no hook is installed until
// a limit is breached (or an instruction budget is asked for). The watchdog is
// one thread for the whole process, sleeping until the earliest deadline.
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "coa_internal.h"

#define COA_BUDGET_STEP 1000  // instructions between budget hooks

// MARK: - Breach and hook

static void coa_hook(lua_State *L, lua_Debug *ar);

void coa_arm_hook(lua_State *thread) {
  lua_sethook(thread, coa_hook, LUA_MASKCOUNT, 1);
}

void coa_vm_breach(coa_vm *vm, coa_limit limit) {
  int none = COA_LIMIT_NONE;
  atomic_compare_exchange_strong(&vm->limit_hit, &none, (int)limit);
  coa_arm_hook(vm->current);
}

int coa_vm_settle(coa_vm *vm) {
  if (vm->refused && vm->limit_hit == COA_LIMIT_NONE)
    coa_vm_breach(vm, COA_LIMIT_MEMORY);
  return vm->limit_hit;
}

static void coa_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  coa_vm *vm = coa_vm_of(L);
  if (vm->limit_hit == COA_LIMIT_NONE && vm->budgeted) {
    vm->budget -= lua_gethookcount(L);
    if (vm->budget < 0) coa_vm_breach(vm, COA_LIMIT_INSTRUCTIONS);
  }
  if (coa_vm_settle(vm) != COA_LIMIT_NONE) {
    coa_arm_hook(L);  // every instruction from now on raises again
    coa_raise_limit(L);
  }
  // Armed for a refusal that Lua's emergency collection resolved: stand down.
  if (lua_gethookcount(L) == 1) {
    if (vm->budgeted)
      lua_sethook(L, coa_hook, LUA_MASKCOUNT, COA_BUDGET_STEP);
    else
      lua_sethook(L, NULL, 0, 0);
    // The watchdog may have armed the hook for a breach since the check above.
    if (vm->limit_hit != COA_LIMIT_NONE) coa_arm_hook(L);
  }
}

coa_limit coa_limit_hit(lua_State *L) { return coa_vm_settle(coa_vm_of(L)); }

int coa_should_stop(lua_State *L) {
  return coa_vm_of(L)->limit_hit != COA_LIMIT_NONE;
}

int coa_raise_limit(lua_State *L) {
  coa_vm *vm = coa_vm_of(L);
  int limit = vm->limit_hit;
  // The watchdog hooked only the thread that was running then: hook this one
  // too, or a pcall here would catch the error and run on unhooked.
  coa_arm_hook(L);
  // The message was made on the host side; fetching it allocates nothing.
  lua_rawgetp(L, LUA_REGISTRYINDEX, &coa_key_limit_message[limit]);  // message
  return lua_error(L);
}

void coa_clear_limit(lua_State *L) {
  coa_vm *vm = coa_vm_of(L);
  vm->limit_hit = COA_LIMIT_NONE;
  if (vm->budgeted)
    lua_sethook(L, coa_hook, LUA_MASKCOUNT, COA_BUDGET_STEP);
  else
    lua_sethook(L, NULL, 0, 0);
}

void coa_set_instruction_limit(lua_State *L, int64_t instructions) {
  coa_vm *vm = coa_vm_of(L);
  vm->budgeted = instructions > 0;
  vm->budget = instructions;
  if (!vm->budgeted) {
    lua_sethook(L, NULL, 0, 0);
    return;
  }
  char message[96];
  snprintf(message, sizeof message, "instruction limit exceeded (%lld instructions)",
           (long long)instructions);
  lua_pushstring(L, message);  // message
  lua_rawsetp(L, LUA_REGISTRYINDEX, &coa_key_limit_message[COA_LIMIT_INSTRUCTIONS]);
  lua_sethook(L, coa_hook, LUA_MASKCOUNT, COA_BUDGET_STEP);
}

// MARK: - Watchdog

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_wake = PTHREAD_COND_INITIALIZER;
static coa_vm *watch_list;
static int watch_started;
// When the watchdog will next look at the list by itself (INFINITY: only when
// woken). Arming a later deadline needs no wake-up: a batch arms one state per
// incident, and waking the watchdog each time cost a context switch per run.
static double watch_until = INFINITY;

static double coa_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void coa_unlink_watched(coa_vm *vm) {
  for (coa_vm **link = &watch_list; *link; link = &(*link)->next_watched) {
    if (*link == vm) {
      *link = vm->next_watched;
      break;
    }
  }
  vm->watched = 0;
  vm->next_watched = NULL;
}

static void *coa_watchdog(void *unused) {
  (void)unused;
  pthread_mutex_lock(&watch_lock);
  for (;;) {
    double now = coa_now();
    double earliest = INFINITY;
    coa_vm *vm = watch_list;
    while (vm) {
      coa_vm *next = vm->next_watched;
      if (vm->deadline <= now) {
        int none = COA_LIMIT_NONE;
        atomic_compare_exchange_strong(&vm->limit_hit, &none, COA_LIMIT_TIME);
        pthread_mutex_lock(&vm->lock);
        coa_arm_hook(vm->current);  // the thread running Lua code now
        pthread_mutex_unlock(&vm->lock);
        coa_unlink_watched(vm);
      } else if (vm->deadline < earliest) {
        earliest = vm->deadline;
      }
      vm = next;
    }

    watch_until = earliest;
    if (isinf(earliest)) {
      pthread_cond_wait(&watch_wake, &watch_lock);
    } else {
      struct timespec until;
      until.tv_sec = (time_t)earliest;
      until.tv_nsec = (long)((earliest - (double)until.tv_sec) * 1e9);
      pthread_cond_timedwait(&watch_wake, &watch_lock, &until);
    }
  }
  return NULL;
}

static void coa_start_watchdog(void) {
  pthread_condattr_t attributes;
  pthread_condattr_init(&attributes);
  pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
  pthread_cond_destroy(&watch_wake);
  pthread_cond_init(&watch_wake, &attributes);
  pthread_condattr_destroy(&attributes);

  pthread_t thread;
  pthread_attr_t thread_attributes;
  pthread_attr_init(&thread_attributes);
  pthread_attr_setdetachstate(&thread_attributes, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&thread_attributes, 64 * 1024);
  if (pthread_create(&thread, &thread_attributes, coa_watchdog, NULL) == 0)
    watch_started = 1;
  pthread_attr_destroy(&thread_attributes);
}

void coa_arm_deadline(lua_State *L, double seconds) {
  coa_vm *vm = coa_vm_of(L);
  if (seconds <= 0) {
    coa_disarm_deadline(L);
    return;
  }

  char message[96];
  snprintf(message, sizeof message, "time limit exceeded (%g s)", seconds);
  lua_pushstring(L, message);  // message
  lua_rawsetp(L, LUA_REGISTRYINDEX, &coa_key_limit_message[COA_LIMIT_TIME]);

  pthread_mutex_lock(&watch_lock);
  if (!watch_started) coa_start_watchdog();
  vm->deadline = coa_now() + seconds;
  if (!vm->watched) {
    vm->watched = 1;
    vm->next_watched = watch_list;
    watch_list = vm;
  }
  if (vm->deadline < watch_until) {
    watch_until = vm->deadline;  // the watchdog recomputes it when it wakes
    pthread_cond_signal(&watch_wake);
  }
  pthread_mutex_unlock(&watch_lock);
}

void coa_disarm_deadline(lua_State *L) {
  coa_vm *vm = coa_vm_of(L);
  pthread_mutex_lock(&watch_lock);
  if (vm->watched) coa_unlink_watched(vm);
  pthread_mutex_unlock(&watch_lock);
}
