"""Seeds rows of the `jobs` table of a running test server, the way a service's transaction
enqueues them, so the task-status API can be tested before any endpoint enqueues real jobs.
SQLite: the server's <data_dir>/taiga.db (WAL, so the server keeps running); PostgreSQL: psql on
the server's database. The kind `test.seeded` is one no worker runs, so the rows stay as seeded."""
import sqlite3
import subprocess
import time
import uuid

COLUMNS = ("id", "kind", "payload", "state", "progress_current", "progress_total", "message",
           "attempts", "max_attempts", "run_after", "lease_owner", "lease_expires", "result",
           "error", "created_at", "updated_at")


def _literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert_job(server, state="PENDING", current=0, total=1, message=None, result=None,
               error=None, attempts=0):
    """Inserts one job in `state` and returns its task id (a UUID36)."""
    now = int(time.time() * 1e6)
    running = state in ("STARTED", "PROGRESS")
    row = {
        "id": str(uuid.uuid4()), "kind": "test.seeded", "payload": "{}", "state": state,
        "progress_current": current, "progress_total": total, "message": message,
        "attempts": attempts, "max_attempts": 5, "run_after": now,
        "lease_owner": "test-seeder" if running else None,
        "lease_expires": now + 3600 * 10**6 if running else None,
        "result": result, "error": error, "created_at": now, "updated_at": now,
    }
    if server.database_url:
        sql = (f"INSERT INTO jobs ({', '.join(COLUMNS)}) VALUES "
               f"({', '.join(_literal(row[c]) for c in COLUMNS)})")
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", server.database_url,
                            "-c", sql], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
        assert r.returncode == 0, r.stderr
    else:
        db = sqlite3.connect(f"{server.data_dir}/taiga.db", timeout=30)
        try:
            with db:
                db.execute(f"INSERT INTO jobs ({', '.join(COLUMNS)}) VALUES "
                           f"({', '.join('?' for _ in COLUMNS)})", [row[c] for c in COLUMNS])
        finally:
            db.close()
    return row["id"]
