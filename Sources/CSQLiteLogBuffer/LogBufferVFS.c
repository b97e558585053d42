// See CSQLiteLogBuffer.h for what this VFS does and why. The wrapping follows SQLite's own
// shims (test_vfstrace.c, the multiplexor): each file is our struct followed by the real
// VFS's file, and every method we do not change forwards to the real one.
#include "CSQLiteLogBuffer.h"

#include <sqlite3.h>
#include <string.h>

/// A WAL frame header (page number, database size after a commit, salts, checksums).
#define FRAME_HEADER_SIZE 24
/// The most the unix VFS writes in one call: it masks a write's length to 17 bits, so a
/// longer one comes back short (and is reported as a full disk). 31 pages of 4 KiB.
#define WRITE_LIMIT 0x1f000
/// Room for a commit of about a thousand 4 KiB pages; a larger one is written in parts.
#define BUFFER_CAPACITY (4 << 20)

typedef struct LogBufferFile LogBufferFile;

struct LogBufferFile {
  sqlite3_file base;
  /// The real VFS's file, in the same allocation right after this struct.
  sqlite3_file *real;
  /// Whether this is a WAL file, whose appended frames are gathered.
  int isLog;
  /// For a WAL file, its database's file; for a database file, its open WAL file. Both are
  /// used by the one connection that opened them, so by one thread at a time.
  LogBufferFile *partner;
  /// Gathered frames: `length` bytes that belong at `offset` in the file.
  unsigned char *buffer;
  int length;
  sqlite3_int64 offset;
  /// The end of everything written through this handle since the log header: a write that
  /// starts before it overwrites a frame and goes to the file directly, after the buffer.
  sqlite3_int64 highWater;
  /// The last write was a commit frame's header: its page completes the commit.
  int commitPending;
  /// A flush that failed where no error could be returned (the shared-memory barrier), for
  /// the next call on the file to return.
  int deferredError;
  /// What SWITCHBOARD_FCNTL_LOG_WRITES reports.
  switchboard_log_writes counts;
};

static sqlite3_vfs logBufferVFS;
static sqlite3_io_methods logBufferMethods;

static int flushBuffer(LogBufferFile *file) {
  if (file->length == 0) return SQLITE_OK;
  int length = file->length;
  file->length = 0;
  file->counts.flushes += 1;
  for (int done = 0; done < length; done += WRITE_LIMIT) {
    int amount = length - done < WRITE_LIMIT ? length - done : WRITE_LIMIT;
    int rc = file->real->pMethods->xWrite(file->real, file->buffer + done, amount, file->offset + done);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/// Flushes the database's WAL file, when it has one open.
static void flushPartnerLog(LogBufferFile *database) {
  if (database->partner != NULL && database->partner->isLog) {
    // A commit's frames were flushed with its commit frame, so only frames of a transaction
    // still open can be here; a failure is kept for the transaction's next call on the WAL.
    int rc = flushBuffer(database->partner);
    if (rc != SQLITE_OK) database->partner->deferredError = rc;
  }
}

/// Flushes before an operation that must see the file as SQLite wrote it, and reports a
/// flush that failed earlier where it could not.
static int flushForUse(LogBufferFile *file) {
  int rc = file->deferredError;
  file->deferredError = SQLITE_OK;
  return rc != SQLITE_OK ? rc : flushBuffer(file);
}

static int logBufferClose(sqlite3_file *pFile) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  int rc = file->isLog ? flushForUse(file) : SQLITE_OK;
  if (file->partner != NULL && file->partner->partner == file) file->partner->partner = NULL;
  file->partner = NULL;
  sqlite3_free(file->buffer);
  file->buffer = NULL;
  int closed = file->real->pMethods != NULL ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
  return rc != SQLITE_OK ? rc : closed;
}

static int logBufferRead(sqlite3_file *pFile, void *data, int amount, sqlite3_int64 offset) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (file->isLog) {
    int rc = flushForUse(file);
    if (rc != SQLITE_OK) return rc;
  }
  return file->real->pMethods->xRead(file->real, data, amount, offset);
}

/// A frame write of a WAL file: gathered when it appends, written through when it overwrites.
static int logWrite(LogBufferFile *file, const void *data, int amount, sqlite3_int64 offset) {
  int rc = file->deferredError;
  file->deferredError = SQLITE_OK;
  if (rc != SQLITE_OK) return rc;
  int completesCommit = file->commitPending;
  file->commitPending = 0;
  if (offset == 0) {
    // A new log generation starts with its header: frames are appended from here again.
    rc = flushBuffer(file);
    if (rc == SQLITE_OK) rc = file->real->pMethods->xWrite(file->real, data, amount, offset);
    file->highWater = amount;
    return rc;
  }
  int appends = file->length > 0 && offset == file->offset + file->length;
  if (appends && file->length + amount <= BUFFER_CAPACITY) {
    memcpy(file->buffer + file->length, data, amount);
    file->length += amount;
  } else {
    rc = flushBuffer(file);
    if (rc != SQLITE_OK) return rc;
    if (offset >= file->highWater && amount <= BUFFER_CAPACITY) {
      if (file->buffer == NULL) {
        file->buffer = sqlite3_malloc(BUFFER_CAPACITY);
        if (file->buffer == NULL) return SQLITE_NOMEM;
      }
      memcpy(file->buffer, data, amount);
      file->offset = offset;
      file->length = amount;
    } else {
      rc = file->real->pMethods->xWrite(file->real, data, amount, offset);
      if (rc != SQLITE_OK) return rc;
    }
  }
  file->counts.frameWrites += 1;
  if (offset + amount > file->highWater) file->highWater = offset + amount;
  if (amount == FRAME_HEADER_SIZE) {
    // Bytes 4-7 of a frame header hold the database's size after the commit the frame ends,
    // and are zero in every other frame.
    const unsigned char *header = data;
    file->commitPending = (header[4] | header[5] | header[6] | header[7]) != 0;
  } else if (completesCommit) {
    // The commit frame's page: the commit is whole, and goes to the file before SQLite
    // publishes it in the shared index, where readers and the checkpointer look.
    rc = flushBuffer(file);
  }
  return rc;
}

static int logBufferWrite(sqlite3_file *pFile, const void *data, int amount, sqlite3_int64 offset) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (file->isLog) return logWrite(file, data, amount, offset);
  return file->real->pMethods->xWrite(file->real, data, amount, offset);
}

static int logBufferTruncate(sqlite3_file *pFile, sqlite3_int64 size) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (file->isLog) {
    int rc = flushForUse(file);
    if (rc != SQLITE_OK) return rc;
    if (file->highWater > size) file->highWater = size;
  }
  return file->real->pMethods->xTruncate(file->real, size);
}

static int logBufferSync(sqlite3_file *pFile, int flags) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (file->isLog) {
    int rc = flushForUse(file);
    if (rc != SQLITE_OK) return rc;
  }
  return file->real->pMethods->xSync(file->real, flags);
}

static int logBufferFileSize(sqlite3_file *pFile, sqlite3_int64 *size) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (file->isLog) {
    int rc = flushForUse(file);
    if (rc != SQLITE_OK) return rc;
  }
  return file->real->pMethods->xFileSize(file->real, size);
}

static int logBufferLock(sqlite3_file *pFile, int level) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  return file->real->pMethods->xLock(file->real, level);
}

static int logBufferUnlock(sqlite3_file *pFile, int level) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  return file->real->pMethods->xUnlock(file->real, level);
}

static int logBufferCheckReservedLock(sqlite3_file *pFile, int *result) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  return file->real->pMethods->xCheckReservedLock(file->real, result);
}

static int logBufferFileControl(sqlite3_file *pFile, int op, void *argument) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (op == SWITCHBOARD_FCNTL_LOG_WRITES) {
    LogBufferFile *log = file->isLog ? file : file->partner;
    switchboard_log_writes none = {0, 0};
    *(switchboard_log_writes *)argument = log != NULL ? log->counts : none;
    return SQLITE_OK;
  }
  if (file->isLog) {
    int rc = flushForUse(file);
    if (rc != SQLITE_OK) return rc;
  }
  return file->real->pMethods->xFileControl(file->real, op, argument);
}

static int logBufferSectorSize(sqlite3_file *pFile) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  return file->real->pMethods->xSectorSize(file->real);
}

static int logBufferDeviceCharacteristics(sqlite3_file *pFile) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  return file->real->pMethods->xDeviceCharacteristics(file->real);
}

/// Whether the real file has version `version`'s methods: the unix VFS's files all do, but
/// its lock-free variants lack shared memory, which SQLite must then be told.
static int realHas(LogBufferFile *file, int version) {
  return file->real->pMethods->iVersion >= version;
}

static int logBufferShmMap(sqlite3_file *pFile, int region, int size, int extend, void volatile **memory) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (!realHas(file, 2) || file->real->pMethods->xShmMap == NULL) return SQLITE_IOERR_SHMMAP;
  return file->real->pMethods->xShmMap(file->real, region, size, extend, memory);
}

static int logBufferShmLock(sqlite3_file *pFile, int offset, int count, int flags) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  flushPartnerLog(file);
  if (!realHas(file, 2) || file->real->pMethods->xShmLock == NULL) return SQLITE_IOERR_SHMLOCK;
  return file->real->pMethods->xShmLock(file->real, offset, count, flags);
}

static void logBufferShmBarrier(sqlite3_file *pFile) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  flushPartnerLog(file);
  if (realHas(file, 2) && file->real->pMethods->xShmBarrier != NULL) file->real->pMethods->xShmBarrier(file->real);
}

static int logBufferShmUnmap(sqlite3_file *pFile, int deleteFlag) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (!realHas(file, 2) || file->real->pMethods->xShmUnmap == NULL) return SQLITE_OK;
  return file->real->pMethods->xShmUnmap(file->real, deleteFlag);
}

static int logBufferFetch(sqlite3_file *pFile, sqlite3_int64 offset, int amount, void **pointer) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (!realHas(file, 3) || file->real->pMethods->xFetch == NULL) {
    *pointer = NULL;  // no memory map: SQLite reads instead
    return SQLITE_OK;
  }
  return file->real->pMethods->xFetch(file->real, offset, amount, pointer);
}

static int logBufferUnfetch(sqlite3_file *pFile, sqlite3_int64 offset, void *pointer) {
  LogBufferFile *file = (LogBufferFile *)pFile;
  if (!realHas(file, 3) || file->real->pMethods->xUnfetch == NULL) return SQLITE_OK;
  return file->real->pMethods->xUnfetch(file->real, offset, pointer);
}

static int logBufferOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *pFile, int flags, int *outFlags) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  LogBufferFile *file = (LogBufferFile *)pFile;
  memset(file, 0, sizeof(LogBufferFile));
  file->real = (sqlite3_file *)&file[1];
  int rc = realVFS->xOpen(realVFS, name, file->real, flags, outFlags);
  if (file->real->pMethods == NULL) {
    // The real open failed before it needed closing; so does ours.
    file->base.pMethods = NULL;
    return rc;
  }
  file->base.pMethods = &logBufferMethods;
  if (rc != SQLITE_OK) return rc;
  if ((flags & SQLITE_OPEN_WAL) && name != NULL) {
    file->isLog = 1;
    sqlite3_file *database = sqlite3_database_file_object(name);
    if (database != NULL && database->pMethods == &logBufferMethods) {
      file->partner = (LogBufferFile *)database;
      file->partner->partner = file;
    }
  }
  return SQLITE_OK;
}

static int logBufferDelete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xDelete(realVFS, name, syncDirectory);
}

static int logBufferAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xAccess(realVFS, name, flags, result);
}

static int logBufferFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *output) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xFullPathname(realVFS, name, size, output);
}

static void *logBufferDlOpen(sqlite3_vfs *vfs, const char *name) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xDlOpen(realVFS, name);
}

static void logBufferDlError(sqlite3_vfs *vfs, int size, char *message) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  realVFS->xDlError(realVFS, size, message);
}

static void (*logBufferDlSym(sqlite3_vfs *vfs, void *library, const char *symbol))(void) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xDlSym(realVFS, library, symbol);
}

static void logBufferDlClose(sqlite3_vfs *vfs, void *library) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  realVFS->xDlClose(realVFS, library);
}

static int logBufferRandomness(sqlite3_vfs *vfs, int size, char *output) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xRandomness(realVFS, size, output);
}

static int logBufferSleep(sqlite3_vfs *vfs, int microseconds) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xSleep(realVFS, microseconds);
}

static int logBufferCurrentTime(sqlite3_vfs *vfs, double *now) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xCurrentTime(realVFS, now);
}

static int logBufferGetLastError(sqlite3_vfs *vfs, int size, char *message) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  return realVFS->xGetLastError ? realVFS->xGetLastError(realVFS, size, message) : 0;
}

static int logBufferCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
  sqlite3_vfs *realVFS = vfs->pAppData;
  if (realVFS->iVersion >= 2 && realVFS->xCurrentTimeInt64 != NULL) return realVFS->xCurrentTimeInt64(realVFS, now);
  double days = 0;
  int rc = realVFS->xCurrentTime(realVFS, &days);
  *now = (sqlite3_int64)(days * 86400000.0);
  return rc;
}

int switchboard_log_buffer_register(void) {
  if (sqlite3_vfs_find(SWITCHBOARD_LOG_BUFFER_VFS) != NULL) return SQLITE_OK;
  int rc = sqlite3_initialize();
  if (rc != SQLITE_OK) return rc;
  sqlite3_vfs *realVFS = sqlite3_vfs_find(NULL);
  if (realVFS == NULL) return SQLITE_ERROR;

  logBufferMethods = (sqlite3_io_methods){
    .iVersion = 3,
    .xClose = logBufferClose,
    .xRead = logBufferRead,
    .xWrite = logBufferWrite,
    .xTruncate = logBufferTruncate,
    .xSync = logBufferSync,
    .xFileSize = logBufferFileSize,
    .xLock = logBufferLock,
    .xUnlock = logBufferUnlock,
    .xCheckReservedLock = logBufferCheckReservedLock,
    .xFileControl = logBufferFileControl,
    .xSectorSize = logBufferSectorSize,
    .xDeviceCharacteristics = logBufferDeviceCharacteristics,
    .xShmMap = logBufferShmMap,
    .xShmLock = logBufferShmLock,
    .xShmBarrier = logBufferShmBarrier,
    .xShmUnmap = logBufferShmUnmap,
    .xFetch = logBufferFetch,
    .xUnfetch = logBufferUnfetch,
  };
  logBufferVFS = (sqlite3_vfs){
    .iVersion = 2,
    .szOsFile = (int)sizeof(LogBufferFile) + realVFS->szOsFile,
    .mxPathname = realVFS->mxPathname,
    .zName = SWITCHBOARD_LOG_BUFFER_VFS,
    .pAppData = realVFS,
    .xOpen = logBufferOpen,
    .xDelete = logBufferDelete,
    .xAccess = logBufferAccess,
    .xFullPathname = logBufferFullPathname,
    .xDlOpen = logBufferDlOpen,
    .xDlError = logBufferDlError,
    .xDlSym = logBufferDlSym,
    .xDlClose = logBufferDlClose,
    .xRandomness = logBufferRandomness,
    .xSleep = logBufferSleep,
    .xCurrentTime = logBufferCurrentTime,
    .xGetLastError = logBufferGetLastError,
    .xCurrentTimeInt64 = logBufferCurrentTimeInt64,
  };
  return sqlite3_vfs_register(&logBufferVFS, 0);
}
