// SQLite's own page cache (pcache1), wrapped only to skip the truncations that cannot drop
// anything.
//
// At every commit the pager asks its cache to drop the pages past the end of the database.
// pcache1 walks the hash buckets between that end and the largest page number it has ever
// held, all of them when that is far off. Balancing a b-tree (SQLite 3.40 here) swaps two
// pages through a temporary number, that of the lock-byte page (1 GiB / page size + 1), so
// for any database smaller than 1 GiB that largest number stays a million pages off and every
// commit after a page split walks the whole table: a tenth of the writer thread's time with a
// 64 MiB cache. The wrapper knows which numbers its cache has held (a bound on all of them,
// and whether a page may still sit at the temporary number) and passes a truncation on only
// when some page could be past the new end. Every other call goes straight through.
#ifndef C_SQLITE_PAGE_CACHE_H
#define C_SQLITE_PAGE_CACHE_H

/// Installs the wrapper over the current page cache. Must run before sqlite3_initialize (it
/// is a process-wide setting); returns SQLITE_OK, or SQLITE_MISUSE when SQLite already runs,
/// in which case its own cache stays, as correct and only slower.
int switchboard_page_cache_install(void);

/// What the caches did on the calling thread since it started: truncations asked for, those
/// skipped because no page could be past the new end, and pages put at the temporary number.
/// For tests: a connection is used by one thread at a time, so counting around one's own
/// synchronous work sees only one's own connection.
typedef struct {
  long long truncations;
  long long skipped;
  long long temporaryKeys;
} switchboard_page_cache_counts;

/// The calling thread's counts so far.
switchboard_page_cache_counts switchboard_page_cache_thread_counts(void);

#endif
