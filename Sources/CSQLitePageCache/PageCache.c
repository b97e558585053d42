// See CSQLitePageCache.h for why. Each cache is a small struct holding pcache1's cache; pages
// are pcache1's own, handed through unchanged.
#include "CSQLitePageCache.h"

#include <sqlite3.h>
#include <stddef.h>

/// SQLite's lock-byte page starts at this offset (its PENDING_BYTE, which only its tests move).
#define LOCK_BYTE_OFFSET 0x40000000u

typedef struct {
  sqlite3_pcache *real;
  /// The lock-byte page's number for this cache's page size: balancing's temporary number.
  unsigned temporaryKey;
  /// No page other than one at `temporaryKey` has a number above this.
  unsigned highestKey;
  /// Whether a page may sit at `temporaryKey`, and the last page put there.
  int temporaryHeld;
  sqlite3_pcache_page *temporaryPage;
} WrappedCache;

static sqlite3_pcache_methods2 realMethods;
/// Counts for tests, per thread: a connection is used by one thread at a time, so a test
/// that counts around its own synchronous work sees only its connection's calls.
static _Thread_local switchboard_page_cache_counts threadCounts;

static int wrappedInit(void *arg) {
  (void)arg;
  return realMethods.xInit ? realMethods.xInit(realMethods.pArg) : SQLITE_OK;
}

static void wrappedShutdown(void *arg) {
  (void)arg;
  if (realMethods.xShutdown) realMethods.xShutdown(realMethods.pArg);
}

static sqlite3_pcache *wrappedCreate(int pageSize, int extraSize, int purgeable) {
  WrappedCache *cache = sqlite3_malloc(sizeof(WrappedCache));
  if (cache == NULL) return NULL;
  cache->real = realMethods.xCreate(pageSize, extraSize, purgeable);
  if (cache->real == NULL) {
    sqlite3_free(cache);
    return NULL;
  }
  cache->temporaryKey = pageSize > 0 ? LOCK_BYTE_OFFSET / (unsigned)pageSize + 1 : 0;
  cache->highestKey = 0;
  cache->temporaryHeld = 0;
  cache->temporaryPage = NULL;
  return (sqlite3_pcache *)cache;
}

static void wrappedCachesize(sqlite3_pcache *pCache, int pages) {
  realMethods.xCachesize(((WrappedCache *)pCache)->real, pages);
}

static int wrappedPagecount(sqlite3_pcache *pCache) {
  return realMethods.xPagecount(((WrappedCache *)pCache)->real);
}

/// Notes that `page` now has the number `key`.
static void noteKey(WrappedCache *cache, unsigned key, sqlite3_pcache_page *page) {
  if (key == cache->temporaryKey) {
    threadCounts.temporaryKeys += 1;
    cache->temporaryHeld = 1;
    cache->temporaryPage = page;
  } else if (key > cache->highestKey) {
    cache->highestKey = key;
  }
}

static sqlite3_pcache_page *wrappedFetch(sqlite3_pcache *pCache, unsigned key, int createFlag) {
  WrappedCache *cache = (WrappedCache *)pCache;
  sqlite3_pcache_page *page = realMethods.xFetch(cache->real, key, createFlag);
  if (page != NULL) noteKey(cache, key, page);
  return page;
}

static void wrappedUnpin(sqlite3_pcache *pCache, sqlite3_pcache_page *page, int discard) {
  WrappedCache *cache = (WrappedCache *)pCache;
  // `temporaryPage` is the last page put at the temporary number. If it has since moved (pcache1
  // recycled it for another number), no page is at the temporary number any more, unless one
  // was put there since, which would have replaced `temporaryPage`: clearing is right either way.
  if (discard && page == cache->temporaryPage) {
    cache->temporaryHeld = 0;
    cache->temporaryPage = NULL;
  }
  realMethods.xUnpin(cache->real, page, discard);
}

static void wrappedRekey(sqlite3_pcache *pCache, sqlite3_pcache_page *page, unsigned oldKey, unsigned newKey) {
  WrappedCache *cache = (WrappedCache *)pCache;
  realMethods.xRekey(cache->real, page, oldKey, newKey);
  if (oldKey == cache->temporaryKey) {
    cache->temporaryHeld = 0;
    cache->temporaryPage = NULL;
  }
  noteKey(cache, newKey, page);
}

static void wrappedTruncate(sqlite3_pcache *pCache, unsigned limit) {
  WrappedCache *cache = (WrappedCache *)pCache;
  threadCounts.truncations += 1;
  // Pages numbered `limit` and above are to go. A page pcache1 recycled from the temporary
  // number keeps `temporaryHeld` set, so this errs only towards truncating.
  int pagePastEnd = cache->highestKey >= limit || (cache->temporaryHeld && cache->temporaryKey >= limit);
  if (!pagePastEnd) {
    threadCounts.skipped += 1;
    return;
  }
  realMethods.xTruncate(cache->real, limit);
  if (cache->highestKey >= limit) cache->highestKey = limit > 0 ? limit - 1 : 0;
  if (cache->temporaryKey >= limit) {
    cache->temporaryHeld = 0;
    cache->temporaryPage = NULL;
  }
}

static void wrappedDestroy(sqlite3_pcache *pCache) {
  WrappedCache *cache = (WrappedCache *)pCache;
  realMethods.xDestroy(cache->real);
  sqlite3_free(cache);
}

static void wrappedShrink(sqlite3_pcache *pCache) {
  if (realMethods.xShrink != NULL) realMethods.xShrink(((WrappedCache *)pCache)->real);
}

int switchboard_page_cache_install(void) {
  sqlite3_pcache_methods2 current;
  int rc = sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &current);
  if (rc != SQLITE_OK) return rc;
  if (current.xCreate == wrappedCreate) return SQLITE_OK;
  realMethods = current;
  sqlite3_pcache_methods2 wrapper = {
    .iVersion = 1,
    .pArg = NULL,
    .xInit = wrappedInit,
    .xShutdown = wrappedShutdown,
    .xCreate = wrappedCreate,
    .xCachesize = wrappedCachesize,
    .xPagecount = wrappedPagecount,
    .xFetch = wrappedFetch,
    .xUnpin = wrappedUnpin,
    .xRekey = wrappedRekey,
    .xTruncate = wrappedTruncate,
    .xDestroy = wrappedDestroy,
    .xShrink = wrappedShrink,
  };
  return sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapper);
}

switchboard_page_cache_counts switchboard_page_cache_thread_counts(void) { return threadCounts; }
