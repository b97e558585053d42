// The shim that lets Swift import the system's SQLite. SwitchboardSQLite is its only user.
#include <sqlite3.h>
