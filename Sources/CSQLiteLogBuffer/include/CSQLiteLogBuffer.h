// A SQLite VFS that hands each commit's WAL frames to the kernel in a few large writes.
//
// SQLite writes a WAL frame as two pwrite calls, its 24-byte header and then the page, so a
// group commit of a few hundred messages, dirtying a few hundred pages, made about a thousand
// system calls: a seventh of the writer thread's time. This VFS wraps the system's default
// one and, for WAL files only, gathers the frames a transaction appends into one buffer,
// written out:
//   - with the commit frame itself, before SQLite publishes the commit to readers, so a
//     commit is in the file (the OS page cache) when it returns, exactly as without the
//     buffer, and a failed write fails the commit;
//   - before anything that reads, syncs, truncates or sizes the file, or overwrites a frame
//     written before (which then goes to the file directly, in order);
//   - and, as a last guard, at the database's shared-memory barrier and locks.
// Database, journal and temporary files pass straight through.
#ifndef C_SQLITE_LOG_BUFFER_H
#define C_SQLITE_LOG_BUFFER_H

/// The name to open connections with (sqlite3_open_v2's zVfs).
#define SWITCHBOARD_LOG_BUFFER_VFS "switchboard-log-buffer"

/// Registers the VFS (not as the default) over the current default one. Idempotent; returns
/// SQLITE_OK, or SQLite's error when registration failed.
int switchboard_log_buffer_register(void);

/// What a connection's WAL file saw since it opened: frame writes SQLite asked for (headers
/// and pages), and writes of gathered frames that reached the file. Tests read it to check
/// that commits are gathered.
typedef struct {
  long long frameWrites;
  long long flushes;
} switchboard_log_writes;

/// sqlite3_file_control(db, "main", SWITCHBOARD_FCNTL_LOG_WRITES, &writes) fills a
/// switchboard_log_writes (zeros before the WAL file opens). A number far above SQLite's own.
#define SWITCHBOARD_FCNTL_LOG_WRITES 1853190001

#endif
