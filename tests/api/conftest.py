"""Fixtures for the API suites: a real `taiga serve` on a free loopback port.

The backend is chosen by TAIGA_TEST_BACKEND:
  sqlite   (default) embedded defaults: SQLite + local blob store in a temporary data dir
  postgres a fresh database on the server named by TAIGA_TEST_PG_URL (scripts/with-postgres sets it)
The blob backend by TAIGA_TEST_BLOB:
  local    (default) the embedded store under <data_dir>/blobs and the server's own S3 endpoint
  s3       the bucket of the Ceph RGW that scripts/with-rgw starts (TAIGA_TEST_S3_*: endpoint, keys,
           bucket, STS role), uploads with STS credentials, downloads by presigned S3 URLs; tests
           of the embedded endpoint and the local store are marked @embedded_only and skip
The binary is build/taiga, or TAIGA_BIN. Run with Debian's interpreter: /usr/bin/python3 -m pytest.

Fixtures:
  server  (session) a running server: base_url, api, root_url, data_dir, admin_token, database_url,
          create_user(name, email, admin=False) -> token, restart(), client(token), log()
  client  a factory: client(token=None) -> requests.Session with "Authorization: Bearer <token>";
          relative URLs ("/user") are taken relative to server.api
  admin   client(server.admin_token)
  new_user  a factory: new_user(prefix="user", admin=False) -> User (name, email, token, id,
          home_folder_id, trash_folder_id, client), a fresh user made with `taiga user create`

Helpers the suites import (`from conftest import ...`): BLOB_MODE and the embedded_only mark (for
tests of the embedded S3 endpoint, /blob/ downloads or <data_dir>/blobs), uniq(prefix) for
collision-free names,
assert_problem(response, status, *detail_fragments) for the problem+json error contract, and
raw_http(server, request_bytes) to send bytes no HTTP client library would.
"""
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

import pytest
import requests

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFIX = "/taiga"
START_TIMEOUT = 20.0  # seconds until /healthz must answer 200
STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL
REQUEST_TIMEOUT = 30.0  # default for every request a client() session sends


def _taiga_bin():
    path = os.environ.get("TAIGA_BIN") or os.path.join(REPO_ROOT, "build", "taiga")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"taiga binary not found or not executable: {path}\n"
                    f"Build it with `make build` (or set TAIGA_BIN to its path).", pytrace=False)
    return path


BLOB_MODE = os.environ.get("TAIGA_TEST_BLOB", "local")
embedded_only = pytest.mark.skipif(
    BLOB_MODE == "s3", reason="embedded-only: exercises the server's own S3 endpoint, /blob/ "
                              "downloads or <data_dir>/blobs, which blob.backend s3 does not have")


def _blob_env():
    """The TAIGA_BLOB_* configuration of TAIGA_TEST_BLOB (none for local)."""
    if BLOB_MODE == "local":
        return {}
    if BLOB_MODE != "s3":
        pytest.fail(f"TAIGA_TEST_BLOB must be local or s3, got {BLOB_MODE!r}", pytrace=False)
    names = ["ENDPOINT", "REGION", "ACCESS_KEY", "SECRET_KEY", "BUCKET", "ROLE_ARN"]
    got = {n: os.environ.get("TAIGA_TEST_S3_" + n, "") for n in names}
    missing = [f"TAIGA_TEST_S3_{n}" for n in names if not got[n]]
    if missing:
        pytest.fail(f"TAIGA_TEST_BLOB=s3 needs {', '.join(missing)}; run the suite under "
                    f"scripts/with-rgw", pytrace=False)
    return {"TAIGA_BLOB_BACKEND": "s3", "TAIGA_BLOB_BUCKET": got["BUCKET"],
            "TAIGA_BLOB_S3_ENDPOINT": got["ENDPOINT"], "TAIGA_BLOB_S3_REGION": got["REGION"],
            "TAIGA_BLOB_S3_ACCESS_KEY": got["ACCESS_KEY"],
            "TAIGA_BLOB_S3_SECRET_KEY": got["SECRET_KEY"],
            "TAIGA_BLOB_S3_STS_ROLE_ARN": got["ROLE_ARN"]}


def _child_env():
    # The server reads TAIGA_* variables as configuration and rejects unknown keys; the suite's own
    # TAIGA_TEST_* / TAIGA_BIN must not reach it. Everything the server needs is passed as flags,
    # except the blob backend of TAIGA_TEST_BLOB (servers and CLI commands alike).
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAIGA_")}
    return {**env, **_blob_env()}


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path, lines=60):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return "(no output)"


class _PgDatabase:
    """A fresh database on the PostgreSQL server of TAIGA_TEST_PG_URL, dropped at the end."""

    def __init__(self):
        base = os.environ.get("TAIGA_TEST_PG_URL")
        if not base:
            pytest.fail("TAIGA_TEST_BACKEND=postgres needs TAIGA_TEST_PG_URL; run the suite under "
                        "scripts/with-postgres", pytrace=False)
        parts = urllib.parse.urlsplit(base)
        if parts.scheme not in ("postgres", "postgresql"):
            pytest.fail(f"TAIGA_TEST_PG_URL must be a postgresql:// URL, got {base!r}", pytrace=False)
        if shutil.which("psql") is None:
            pytest.fail("psql is not installed (scripts/setup installs postgresql)", pytrace=False)
        self.admin_url = base
        self.name = f"taiga_api_{os.getpid()}_{secrets.token_hex(4)}"
        self._psql(f'CREATE DATABASE "{self.name}"')
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))

    def _psql(self, sql):
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.admin_url, "-c", sql],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
        if r.returncode != 0:
            pytest.fail(f"psql failed ({sql}): {r.stderr.strip()}", pytrace=False)

    def drop(self):
        subprocess.run(["psql", "-X", "-q", self.admin_url, "-c",
                        f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'],
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=60)


class ApiSession(requests.Session):
    """requests.Session with a bearer token, relative URLs under the API root and a default timeout."""

    def __init__(self, api, token=None):
        super().__init__()
        self.api = api
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.api + url
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        return super().request(method, url, *args, **kwargs)


class TaigaServer:
    """One `taiga serve` process on a temporary data dir (and, on postgres, a fresh database)."""

    def __init__(self, binary, backend, data_dir, log_dir, database_url=None, extra_env=None,
                 listen_host="127.0.0.1"):
        self.extra_env = dict(extra_env or {})  # TAIGA_* configuration for this server only
        self.listen_host = listen_host
        self.binary = binary
        self.backend = backend
        self.data_dir = data_dir
        self.database_url = database_url
        self.log_dir = log_dir
        self.port = None
        self.proc = None
        self.admin_token = None
        self.running = False  # True once a start reached /healthz, until the next stop
        self._starts = 0

    # URLs -------------------------------------------------------------------------------------
    @property
    def root_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self):
        return self.root_url + PREFIX

    @property
    def api(self):
        return self.base_url + "/api"

    # Process ----------------------------------------------------------------------------------
    def _db_args(self):
        return ["--database", self.database_url] if self.database_url else []

    def start(self):
        """Starts the server and waits for /healthz. The first start picks a free port (retried if
        the port was taken meanwhile); restarts keep it, so URLs held by tests stay valid."""
        attempts = 3 if self.port is None else 1
        for attempt in range(attempts):
            if attempts > 1:
                self.port = _free_port()
            if self._spawn_and_wait(last=attempt == attempts - 1):
                break
        self._starts += 1
        self.running = True
        if self.admin_token is None:
            self.admin_token = self._read_admin_token()

    def _spawn_and_wait(self, last):
        self.stderr_path = os.path.join(self.log_dir, f"server-{self._starts}-{self.port}.stderr")
        self.stdout_path = os.path.join(self.log_dir, f"server-{self._starts}-{self.port}.stdout")
        cmd = [self.binary, "serve", "--data-dir", self.data_dir,
               "--listen", f"{self.listen_host}:{self.port}"] + self._db_args()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                         env={**_child_env(), **self.extra_env}, cwd=REPO_ROOT)
        deadline = time.monotonic() + START_TIMEOUT
        last_error = None
        while time.monotonic() < deadline:
            code = self.proc.poll()
            if code is not None:
                if not last and "in use" in _tail(self.stderr_path).lower():
                    return False  # the port was taken between _free_port() and bind: try another
                self._fail(f"`{' '.join(cmd)}` exited with code {code} before /healthz answered")
            try:
                r = requests.get(self.root_url + "/healthz", timeout=1)
                if r.status_code == 200:
                    return True
                last_error = f"HTTP {r.status_code}"
            except requests.RequestException as e:
                last_error = type(e).__name__
            time.sleep(0.05)
        self._terminate()
        self._fail(f"`{' '.join(cmd)}`: GET /healthz did not answer 200 within {START_TIMEOUT:.0f}s "
                   f"(last: {last_error})")

    def _fail(self, message):
        pytest.fail(f"{message}\n--- server stderr (TAIGA_TEST_KEEP=1 keeps the logs) ---\n"
                    f"{_tail(self.stderr_path)}", pytrace=False)

    def _read_admin_token(self):
        path = os.path.join(self.data_dir, "admin-token")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                with open(path) as f:
                    token = f.read().strip()
                if token:
                    return token
            except FileNotFoundError:
                pass
            time.sleep(0.05)
        self._fail(f"the server is up but wrote no admin token to {path}")

    def _terminate(self):
        """SIGTERM, then SIGKILL after STOP_TIMEOUT. Returns the exit code."""
        self.running = False
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def stop(self):
        crashed = self.running and self.proc.poll() is not None
        code = self._terminate()
        if crashed:
            print(f"\nWARNING: taiga serve had exited by itself (code {code}) before the end of the "
                  f"session\n--- server stderr ---\n{_tail(self.stderr_path)}")

    def restart(self):
        """Stops the server (SIGTERM, wait) and starts it again on the same data dir, database
        and port."""
        self._terminate()
        self.start()

    def log(self):
        """The current server process's stderr so far."""
        return _tail(self.stderr_path, lines=10**9)

    # Helpers ----------------------------------------------------------------------------------
    def create_user(self, name, email, admin=False):
        """Runs `taiga user create` on the same data dir/database; returns the new user's token
        (the last line it prints)."""
        cmd = [self.binary, "user", "create", "--data-dir", self.data_dir] + self._db_args() + \
              ["--name", name, "--email", email] + (["--admin"] if admin else [])
        r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           env=_child_env(), timeout=60)
        lines = [line.strip() for line in r.stdout.splitlines() if line.strip()]
        if r.returncode != 0 or not lines:
            pytest.fail(f"`{' '.join(cmd)}` failed (exit {r.returncode})\n--- stdout ---\n"
                        f"{r.stdout}\n--- stderr ---\n{r.stderr}", pytrace=False)
        return lines[-1]

    def cli(self, *args, timeout=60):
        """Runs `taiga ARGS... --data-dir D [--database URL]` against this server's data dir and
        database; returns the subprocess.CompletedProcess (text mode, stdout and stderr captured)."""
        cmd = [self.binary, *args, "--data-dir", self.data_dir] + self._db_args()
        return subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              env=_child_env(), timeout=timeout)

    def client(self, token=None):
        """A requests.Session sending `Authorization: Bearer <token>` (none when token is None)."""
        return ApiSession(self.api, token)


@contextlib.contextmanager
def running_server(extra_env=None, listen_host="127.0.0.1"):
    """A started TaigaServer on a fresh data dir (and database), stopped and removed on exit."""
    binary = _taiga_bin()
    backend = os.environ.get("TAIGA_TEST_BACKEND", "sqlite")
    if backend not in ("sqlite", "postgres"):
        pytest.fail(f"TAIGA_TEST_BACKEND must be sqlite or postgres, got {backend!r}", pytrace=False)
    work = tempfile.mkdtemp(prefix=f"taiga-api-{backend}-")
    data_dir = os.path.join(work, "data")
    log_dir = os.path.join(work, "logs")
    os.makedirs(data_dir)
    os.makedirs(log_dir)
    pg = srv = None
    try:
        pg = _PgDatabase() if backend == "postgres" else None
        srv = TaigaServer(binary, backend, data_dir, log_dir, database_url=pg.url if pg else None,
                          extra_env=extra_env, listen_host=listen_host)
        srv.start()
        yield srv
    finally:
        if srv:
            srv.stop()
        if pg:
            pg.drop()
        if os.environ.get("TAIGA_TEST_KEEP"):
            print(f"\nkept the server's data dir and logs in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    with running_server() as srv:
        yield srv


@pytest.fixture
def client(server):
    sessions = []

    def make(token=None):
        s = server.client(token)
        sessions.append(s)
        return s

    yield make
    for s in sessions:
        s.close()


@pytest.fixture
def admin(client, server):
    return client(server.admin_token)


# Helpers for the suites -----------------------------------------------------------------------
PROBLEM_KEYS = {"type", "title", "detail", "status", "request_id"}


def uniq(prefix="x"):
    """A name no other test (or earlier run on the same session) uses."""
    return f"{prefix}-{secrets.token_hex(5)}"


def assert_problem(r, status, *fragments, request_id_header=True):
    """Asserts that `r` is an application/problem+json error with `status`, the documented keys,
    a request_id equal to its X-Request-Id header (unless request_id_header=False), and a detail
    containing every fragment. Returns the decoded body."""
    assert r.status_code == status, f"expected {status}, got {r.status_code}: {r.text[:500]}"
    ctype = r.headers.get("Content-Type", "")
    assert ctype.split(";")[0].strip() == "application/problem+json", ctype
    body = r.json()
    assert set(body) == PROBLEM_KEYS, body
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["request_id"], str) and body["request_id"]
    if request_id_header:
        assert body["request_id"] == r.headers.get("X-Request-Id"), (body, dict(r.headers))
    for fragment in fragments:
        assert fragment in body["detail"], f"{fragment!r} not in detail {body['detail']!r}"
    return body


class RawResponse:
    """What raw_http() read back: status (int or None when nothing came), headers (lower-case
    names), body bytes, and the whole raw bytes."""

    def __init__(self, raw):
        self.raw = raw
        self.status = None
        self.headers = {}
        self.body = b""
        head, sep, body = raw.partition(b"\r\n\r\n")
        if not sep:
            return
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) >= 2 and parts[1].isdigit():
            self.status = int(parts[1])
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()
        self.body = body


def raw_http(server, data, timeout=5.0):
    """Sends `data` (bytes) as it is on a new connection to the server and reads until the server
    closes it or `timeout` passes. Returns a RawResponse of everything read."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early (e.g. 413) and closed: read what it sent
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
        except (socket.timeout, ConnectionResetError):
            pass
    return RawResponse(out)


class User:
    """A user made for one test: name, email, token, id, home_folder_id, trash_folder_id, and
    client, a session sending its token."""

    def __init__(self, name, email, token, client):
        self.name = name
        self.email = email
        self.token = token
        self.client = client
        r = client.get("/user")
        assert r.status_code == 200, r.text
        me = r.json()
        self.id = me["id"]
        self.home_folder_id = me["home_folder_id"]
        self.trash_folder_id = me["trash_folder_id"]


@pytest.fixture
def new_user(server, client):
    def make(prefix="user", admin=False):
        name = uniq(prefix)
        email = f"{name}@example.org"
        token = server.create_user(name, email, admin=admin)
        return User(name, email, token, client(token))

    return make
