// Limits on a run: memory (a counting allocator), wall time (a watchdog that
// arms a hook only once the deadline has passed) and an optional instruction
// budget. A breach is sticky: every later instruction, protected call or
// coroutine resume raises it again, so pcall cannot swallow it.
#ifndef COA_LIMITS_H
#define COA_LIMITS_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>

/// Which limit ended the run.
typedef enum {
  COA_LIMIT_NONE = 0,
  COA_LIMIT_MEMORY = 1,
  COA_LIMIT_TIME = 2,
  COA_LIMIT_INSTRUCTIONS = 3,
} coa_limit;

/// Sets the memory cap in bytes (0: none). Host side only.
void coa_set_memory_limit(lua_State *L, size_t bytes);

/// Sets how many bytes the host holds on the run's behalf (its report, the
/// values the run wrote); they count against the memory cap with the state's
/// own. A native that pushes the total past the cap ends the run when it
/// returns. Host side only.
void coa_set_host_bytes(lua_State *L, size_t bytes);

/// Bytes allocated now, and the most ever allocated.
size_t coa_memory_used(lua_State *L);
size_t coa_memory_peak(lua_State *L);

/// Starts the wall-time clock: after `seconds` the watchdog marks the state
/// as over its time limit and arms the hook. seconds <= 0 disarms it.
void coa_arm_deadline(lua_State *L, double seconds);

/// Stops the wall-time clock (call before closing the state).
void coa_disarm_deadline(lua_State *L);

/// Sets an instruction budget (<= 0: none). Costs a hook every 1000
/// instructions while set; none at all otherwise.
void coa_set_instruction_limit(lua_State *L, int64_t instructions);

/// The limit that ended the run, or COA_LIMIT_NONE.
coa_limit coa_limit_hit(lua_State *L);

/// Clears a breach, for a state reused after a run (tests and benchmarks).
void coa_clear_limit(lua_State *L);

/// Non-zero when the run must end now. Cheap; for long C loops.
int coa_should_stop(lua_State *L);

/// Raises the error of the limit that was hit. Never returns.
int coa_raise_limit(lua_State *L);

#endif
