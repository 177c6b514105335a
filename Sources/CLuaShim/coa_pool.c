// Small blocks for Lua states, from 64 KiB chunks instead of one malloc each.
//
// Why: a fresh sandboxed state per run makes a few thousand small allocations
// (strings, tables, closures of the libraries) and frees them all at close;
// through malloc that was about a third of the cost of a state (coa-bench,
// batch runs). Here each state carves blocks of 16-byte size classes (up to
// 512 bytes) out of chunks and keeps a free list per class; larger blocks go
// to malloc. Chunks belong to one state, so no locking on the way; at close
// they go back to a small process-wide cache (bounded, so memory does not stay
// high after a large run) for the next state. The counting allocator above
// still counts requested sizes, so the memory cap means what it did.
//
// A state takes at most COA_POOL_MAX_CHUNKS chunks (1 MiB); past that its
// small blocks come from malloc too. Free lists are never merged across
// classes, so without this bound a script could make the process hold many
// times its memory cap (fill one class, free it, fill the next); with it, the
// pool adds at most 1 MiB to what the cap allows. A block belongs to the pool
// when it lies in one of the state's chunks (coa_pool_owns).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coa_internal.h"

#define COA_POOL_CHUNK (64 * 1024)
#define COA_POOL_CACHED 32  // chunks kept for later states: 2 MiB at most
#define COA_POOL_MAX_CHUNKS 16  // chunks one state may take: 1 MiB

typedef struct coa_chunk {
  struct coa_chunk *next;
  max_align_t align;  // blocks start after a header of this alignment
} coa_chunk;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static coa_chunk *cache;
static int cached;

static size_t coa_class_of(size_t size) { return (size + 15) >> 4; }

static coa_chunk *coa_take_chunk(void) {
  pthread_mutex_lock(&cache_lock);
  coa_chunk *chunk = cache;
  if (chunk) {
    cache = chunk->next;
    cached--;
  }
  pthread_mutex_unlock(&cache_lock);
  return chunk ? chunk : malloc(COA_POOL_CHUNK);
}

// A block of class `class` (< COA_POOL_CLASSES), or NULL when the state has
// all the chunks it may take or memory is out.
static void *coa_pool_get(coa_pool *pool, size_t class) {
  void *block = pool->free[class];
  if (block) {
    pool->free[class] = *(void **)block;
    return block;
  }
  size_t size = class << 4;
  if (pool->left < size) {
    if (pool->count >= COA_POOL_MAX_CHUNKS) return NULL;
    coa_chunk *chunk = coa_take_chunk();
    if (chunk == NULL) return NULL;
    chunk->next = pool->chunks;
    pool->chunks = chunk;
    pool->count++;
    pool->bump = (char *)(chunk + 1);
    pool->left = COA_POOL_CHUNK - sizeof *chunk;
  }
  block = pool->bump;
  pool->bump += size;
  pool->left -= size;
  return block;
}

// Whether `block` lies in one of the state's chunks (at most 16 to look at).
static int coa_pool_owns(const coa_pool *pool, const void *block) {
  uintptr_t address = (uintptr_t)block;
  for (const coa_chunk *chunk = pool->chunks; chunk; chunk = chunk->next) {
    uintptr_t start = (uintptr_t)chunk;
    if (address >= start && address < start + COA_POOL_CHUNK) return 1;
  }
  return 0;
}

void coa_pool_free(coa_pool *pool, void *block, size_t size) {
  if (block == NULL) return;
  if (!coa_pool_owns(pool, block)) {
    free(block);
    return;
  }
  size_t class = coa_class_of(size);
  *(void **)block = pool->free[class];
  pool->free[class] = block;
}

void *coa_pool_realloc(coa_pool *pool, void *block, size_t old, size_t size) {
  size_t to = coa_class_of(size);
  if (block && !coa_pool_owns(pool, block)) return realloc(block, size);  // stays malloc's
  if (block && coa_class_of(old) == to) return block;  // a pool block that fits already

  void *moved = to < COA_POOL_CLASSES ? coa_pool_get(pool, to) : NULL;
  if (moved == NULL) moved = malloc(size);
  // Out of memory: a shrinking block can stay where it is (it is big enough);
  // otherwise the old block stays valid, as with realloc.
  if (moved == NULL) return block && size <= old ? block : NULL;
  if (block) {
    memcpy(moved, block, old < size ? old : size);
    coa_pool_free(pool, block, old);
  }
  return moved;
}

void coa_pool_release(coa_pool *pool) {
  coa_chunk *chunk = pool->chunks;
  while (chunk) {
    coa_chunk *next = chunk->next;
    pthread_mutex_lock(&cache_lock);
    int keep = cached < COA_POOL_CACHED;
    if (keep) {
      chunk->next = cache;
      cache = chunk;
      cached++;
    }
    pthread_mutex_unlock(&cache_lock);
    if (!keep) free(chunk);
    chunk = next;
  }
  memset(pool, 0, sizeof *pool);
}
