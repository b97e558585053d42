// The shim that lets Swift import the system's SQLite. SwitchboardSQLite is its only user.
#include <sqlite3.h>

// Turns off SQLite's memory statistics, before anything else initializes the library.
// They are on by default and take a process-wide mutex on every allocation SQLite makes, which
// the writer and every reader then contend for; nothing of ours reads them. sqlite3_config is
// variadic, which Swift cannot call, hence this wrapper. Returns SQLITE_MISUSE when SQLite was
// already initialized (the setting then stays as it was).
static inline int switchboard_sqlite3_disable_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
