"""Signing in to the web UI: the one-time sign-in link (`taiga serve` prints one for the admin,
`taiga signin-url` mints more), the taiga_session cookie it sets, GET/POST/DELETE /api/session,
the CSRF header cookie writes need, and trusted-proxy mode. Runs on SQLite and PostgreSQL."""
import hashlib
import os
import re
import sqlite3
import subprocess

import requests

from conftest import PREFIX, assert_problem, running_server, uniq

COOKIE = "taiga_session"
CSRF = "X-Taiga-CSRF"
LINK = re.compile(r"^(https?://\S+)/signin\?code=([A-Za-z0-9_-]+)$", re.M)


# Helpers ----------------------------------------------------------------------------------------
def mint_code(server, user=None):
    """`taiga signin-url [--user NAME]` against the server's database; returns the code."""
    r = server.cli("signin-url", *(["--user", user] if user else []))
    assert r.returncode == 0, r.stderr
    m = LINK.search(r.stdout)
    assert m, r.stdout
    return m.group(2)


def open_link(server, code, method="GET"):
    return requests.request(method, f"{server.base_url}/signin", params={"code": code},
                            allow_redirects=False, timeout=30)


def sign_in(server, user=None):
    """Redeems a fresh link; returns (cookie dict, GET /api/session body)."""
    r = open_link(server, mint_code(server, user))
    assert r.status_code == 303, r.text
    cookies = {COOKIE: r.cookies[COOKIE]}
    s = session(server, cookies)
    assert s.status_code == 200, s.text
    return cookies, s.json()


def session(server, cookies=None, headers=None):
    return requests.get(f"{server.api}/session", cookies=cookies, headers=headers, timeout=30)


def set_cookie(r):
    """The response's Set-Cookie for taiga_session as (value, {attribute: value})."""
    header = r.headers.get("Set-Cookie", "")
    parts = [p.strip() for p in header.split(";")]
    name, _, value = parts[0].partition("=")
    assert name == COOKIE, header
    attrs = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        attrs[k.lower()] = v
    return value, attrs


def run_sql(server, sql):
    """Runs one statement on the server's database (SQLite file or psql)."""
    if server.database_url:
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", server.database_url,
                            "-c", sql], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
        assert r.returncode == 0, r.stderr
        return [line.split("|") for line in r.stdout.splitlines() if line]
    db = sqlite3.connect(f"{server.data_dir}/taiga.db", timeout=30)
    try:
        with db:
            return [[str(c) for c in row] for row in db.execute(sql).fetchall()]
    finally:
        db.close()


def create_folder(server, cookies=None, headers=None, parent=None):
    return requests.post(f"{server.api}/folder/create", cookies=cookies, headers=headers,
                         json={"name": uniq("web"), "parentId": parent}, timeout=30)


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


# The link ---------------------------------------------------------------------------------------
def test_serve_prints_a_link_that_signs_the_admin_in_once():
    with running_server() as srv:
        with open(srv.stdout_path) as f:
            out = f.read()
        m = LINK.search(out)
        assert m, out
        assert m.group(1) == f"http://127.0.0.1:{srv.port}{PREFIX}"
        r = open_link(srv, m.group(2))
        assert r.status_code == 303, r.text
        assert r.headers["Location"] == f"{PREFIX}/"
        assert r.headers["Cache-Control"] == "no-store"
        assert r.content == b""
        value, attrs = set_cookie(r)
        assert len(value) >= 32
        assert attrs["path"] == PREFIX
        assert "httponly" in attrs and attrs["samesite"] == "Strict"
        assert attrs["max-age"] == str(14 * 86400)
        assert "secure" not in attrs  # plain http on loopback
        s = session(srv, {COOKIE: value})
        assert s.status_code == 200, s.text
        body = s.json()
        assert body["user"]["name"] == "admin" and body["is_admin"] is True
        assert body["credential"] == "cookie" and body["mode"] == "embedded"
        assert body["user"]["token"] is None
        assert re.fullmatch(r"[0-9a-f]{64}", body["csrf_token"])
        assert body["csrf_header"] == CSRF
        # Once only.
        assert_problem(open_link(srv, m.group(2)), 401, "already used", "taiga signin-url")


def test_signin_url_mints_links_while_the_server_runs(server, new_user):
    u = new_user("weblink")
    cookies, body = sign_in(server, u.name)
    assert body["user"]["name"] == u.name and body["user"]["id"] == u.id
    assert body["user"]["home_folder_id"] == u.home_folder_id
    assert body["is_admin"] is False
    # Without --user: the admin.
    _, admin = sign_in(server)
    assert admin["user"]["name"] == "admin"
    r = server.cli("signin-url", "--user", "nobody-" + uniq())
    assert r.returncode == 1 and "no user named" in r.stderr


def test_unknown_malformed_and_missing_codes(server):
    assert_problem(open_link(server, "A" * 32), 401, "unknown")
    assert_problem(open_link(server, "short"), 400, "code")
    assert_problem(open_link(server, "a" * 32 + "%"), 400, "code")
    r = requests.get(f"{server.base_url}/signin", allow_redirects=False, timeout=30)
    assert_problem(r, 400, "'code' is missing")
    assert "Set-Cookie" not in r.headers


def test_head_does_not_use_the_code(server):
    code = mint_code(server)
    r = open_link(server, code, method="HEAD")
    assert r.status_code == 400 and "Set-Cookie" not in r.headers
    assert open_link(server, code).status_code == 303


def test_expired_code_says_so(server):
    code = mint_code(server)
    run_sql(server, f"UPDATE signin_codes SET expires_at = 1 WHERE code_hash = '{sha256(code)}'")
    assert_problem(open_link(server, code), 401, "expired", "taiga signin-url")


def test_codes_and_sessions_are_stored_hashed(server):
    code = mint_code(server)
    rows = run_sql(server, "SELECT COALESCE(used_at, -1) FROM signin_codes "
                           f"WHERE code_hash = '{sha256(code)}'")
    assert rows == [["-1"]], rows  # not used yet
    assert not run_sql(server, f"SELECT 1 FROM signin_codes WHERE code_hash = '{code}'")
    r = open_link(server, code)
    secret = r.cookies[COOKIE]
    rows = run_sql(server, "SELECT method, expires_at - created_at, last_used_at FROM "
                           f"web_sessions WHERE secret_hash = '{sha256(secret)}'")
    assert len(rows) == 1 and rows[0][0] == "code", rows
    assert int(rows[0][1]) == 14 * 86400 * 10**6
    assert not run_sql(server, f"SELECT 1 FROM web_sessions WHERE secret_hash = '{secret}'")


# The cookie as a credential --------------------------------------------------------------------
def test_cookie_authenticates_reads(server, new_user):
    u = new_user("webreader")
    cookies, _ = sign_in(server, u.name)
    r = requests.get(f"{server.api}/user", cookies=cookies, timeout=30)
    assert r.status_code == 200 and r.json()["id"] == u.id
    assert r.json()["token"] is None  # no bearer token was presented
    r = requests.get(f"{server.api}/folder/{u.home_folder_id}", cookies=cookies, timeout=30)
    assert r.status_code == 200, r.text
    # HEAD and OPTIONS need no CSRF header either (OPTIONS on a GET route: 405, not 403).
    assert requests.head(f"{server.api}/user", cookies=cookies, timeout=30).status_code == 200
    r = requests.options(f"{server.api}/user", cookies=cookies, timeout=30)
    assert_problem(r, 405)


def test_cookie_writes_need_the_csrf_header(server, new_user):
    u = new_user("webwriter")
    cookies, body = sign_in(server, u.name)
    csrf = body["csrf_token"]
    assert_problem(create_folder(server, cookies, parent=u.home_folder_id), 403, CSRF)
    assert_problem(create_folder(server, cookies, {CSRF: "0" * 64}, u.home_folder_id), 403, CSRF)
    assert_problem(create_folder(server, cookies, {CSRF: csrf[:-1]}, u.home_folder_id), 403)
    _, other = sign_in(server, u.name)  # another session's token is not this one's
    assert other["csrf_token"] != csrf
    assert_problem(create_folder(server, cookies, {CSRF: other["csrf_token"]}, u.home_folder_id),
                   403)
    r = create_folder(server, cookies, {CSRF: csrf}, u.home_folder_id)
    assert r.status_code == 200, r.text
    r = requests.post(f"{server.api}/tokens/{'0' * 32}/revoke", cookies=cookies,
                      headers={CSRF: csrf}, json={}, timeout=30)
    assert_problem(r, 404)  # past the CSRF check


def test_bearer_requests_need_no_csrf_and_win_over_the_cookie(server, new_user):
    u = new_user("webbearer")
    r = create_folder(server, headers={"Authorization": f"Bearer {u.token}"},
                      parent=u.home_folder_id)
    assert r.status_code == 200, r.text
    cookies, _ = sign_in(server)  # the admin's cookie
    r = requests.get(f"{server.api}/user", cookies=cookies,
                     headers={"Authorization": f"Bearer {u.token}"}, timeout=30)
    assert r.json()["name"] == u.name
    r = create_folder(server, cookies, {"Authorization": f"Bearer {u.token}"}, u.home_folder_id)
    assert r.status_code == 200, r.text
    # A bad bearer token is refused even with a good cookie.
    r = requests.get(f"{server.api}/user", cookies=cookies,
                     headers={"Authorization": "Bearer nope"}, timeout=30)
    assert_problem(r, 401)
    s = session(server, headers={"Authorization": f"Bearer {u.token}"})
    assert s.json()["credential"] == "bearer" and s.json()["csrf_token"] is None
    assert s.json()["csrf_header"] is None and s.json()["expires_at"] is None


# GET /api/session when nobody is signed in -----------------------------------------------------
def test_no_sign_in_is_401_with_the_methods(server):
    r = session(server)
    assert r.status_code == 401
    assert r.headers["Content-Type"].startswith("application/problem+json")
    body = r.json()
    assert body["mode"] == "embedded" and body["signin_methods"] == ["token", "code"]
    assert body["status"] == 401 and body["request_id"] == r.headers["X-Request-Id"]
    assert "Set-Cookie" not in r.headers
    # A dead cookie: the same answer, and the cookie is cleared.
    r = session(server, {COOKIE: "x" * 43})
    assert r.status_code == 401 and r.json()["signin_methods"] == ["token", "code"]
    value, attrs = set_cookie(r)
    assert value == "" and attrs["max-age"] == "0" and attrs["path"] == PREFIX
    r = requests.get(f"{server.api}/user", cookies={COOKIE: "x" * 43}, timeout=30)
    assert_problem(r, 401, "sign in again")


# Token sign-in and sign-out ---------------------------------------------------------------------
def test_sign_in_with_a_pasted_token(server, new_user):
    u = new_user("webtoken")
    r = requests.post(f"{server.api}/session", json={"token": f"  {u.token}\n"}, timeout=30)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["credential"] == "cookie" and body["user"]["id"] == u.id
    assert r.headers["Cache-Control"] == "no-store"
    value, attrs = set_cookie(r)
    assert "httponly" in attrs and attrs["samesite"] == "Strict" and attrs["path"] == PREFIX
    me = session(server, {COOKIE: value}).json()
    assert me["user"]["id"] == u.id and me["csrf_token"] == body["csrf_token"]
    assert_problem(requests.post(f"{server.api}/session", json={"token": "taiga_nope"},
                                 timeout=30), 401, "unknown or has been revoked")
    for bad in ({}, {"token": 5}, {"token": ""}, {"token": "x" * 600}, []):
        assert_problem(requests.post(f"{server.api}/session", json=bad, timeout=30), 400)
    r = requests.post(f"{server.api}/session", data=f'{{"token": "{u.token}"}}',
                      headers={"Content-Type": "text/plain"}, timeout=30)
    assert_problem(r, 415)  # so a cross-site form cannot sign anyone in


def test_revoking_the_pasted_token_ends_its_sessions(server, new_user):
    u = new_user("webrevoke")
    issued = u.client.post("/tokens", json={"name": "for the browser"}).json()
    r = requests.post(f"{server.api}/session", json={"token": issued["token"]}, timeout=30)
    cookies = {COOKIE: r.cookies[COOKIE]}
    assert session(server, cookies).status_code == 200
    assert u.client.post(f"/tokens/{issued['id']}/revoke", json={}).status_code == 200
    assert session(server, cookies).status_code == 401


def test_sign_out_ends_the_session(server, new_user):
    u = new_user("webout")
    cookies, body = sign_in(server, u.name)
    r = requests.delete(f"{server.api}/session", cookies=cookies, timeout=30)
    assert_problem(r, 403, CSRF)
    assert session(server, cookies).status_code == 200  # still signed in
    r = requests.delete(f"{server.api}/session", cookies=cookies,
                        headers={CSRF: body["csrf_token"]}, timeout=30)
    assert r.status_code == 200 and r.json() == {}
    value, attrs = set_cookie(r)
    assert value == "" and attrs["max-age"] == "0"
    assert session(server, cookies).status_code == 401
    assert_problem(requests.get(f"{server.api}/user", cookies=cookies, timeout=30), 401)
    # Signing out with no cookie is a harmless no-op.
    r = requests.delete(f"{server.api}/session", timeout=30)
    assert r.status_code == 200 and r.json() == {}


# Proxy mode and https ---------------------------------------------------------------------------
def test_proxy_mode_is_reported_and_needs_no_sign_in_page():
    env = {"TAIGA_AUTH_PROXY_HEADER": "X-Forwarded-Email", "TAIGA_AUTH_TRUSTED_PROXIES": "127.0.0.1"}
    with running_server(extra_env=env) as srv:
        with open(srv.stdout_path) as f:
            assert "signin?code=" not in f.read()  # the proxy signs people in
        email = f"{uniq('proxied')}@example.org"
        r = session(srv, headers={"X-Forwarded-Email": email})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["mode"] == "proxy" and body["credential"] == "proxy"
        assert body["user"]["email"] == email and body["csrf_token"] is None
        r = session(srv)
        assert r.status_code == 401
        assert r.json()["mode"] == "proxy"
        assert r.json()["signin_methods"] == ["proxy", "token", "code"]
        # Behind an https proxy the cookie is Secure; X-Forwarded-Proto from others is ignored.
        r = requests.post(f"{srv.api}/session", json={"token": srv.admin_token},
                          headers={"X-Forwarded-Proto": "https"}, timeout=30)
        assert "secure" in set_cookie(r)[1]
        r = requests.post(f"{srv.api}/session", json={"token": srv.admin_token}, timeout=30)
        assert "secure" not in set_cookie(r)[1]


def test_forwarded_proto_from_an_untrusted_peer_is_ignored(server):
    r = requests.post(f"{server.api}/session", json={"token": server.admin_token},
                      headers={"X-Forwarded-Proto": "https"}, timeout=30)
    assert r.status_code == 200 and "secure" not in set_cookie(r)[1]


def test_https_public_url_makes_the_cookie_secure_and_the_link_use_it():
    with running_server(extra_env={"TAIGA_PUBLIC_URL": "https://data.example.org/taiga"}) as srv:
        with open(srv.stdout_path) as f:
            m = LINK.search(f.read())
        assert m and m.group(1) == "https://data.example.org/taiga"
        r = open_link(srv, m.group(2))
        assert r.status_code == 303 and "secure" in set_cookie(r)[1]


def test_lifetimes_come_from_the_configuration():
    env = {"TAIGA_WEB_SIGNIN_CODE_MINUTES": "1", "TAIGA_WEB_SESSION_DAYS": "1",
           "TAIGA_WEB_PRINT_SIGNIN_URL": "false"}
    with running_server(extra_env=env) as srv:
        with open(srv.stdout_path) as f:
            assert "signin?code=" not in f.read()
        cmd = [srv.binary, "signin-url", "--data-dir", srv.data_dir] + srv._db_args()
        out = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                             env={**{k: v for k, v in os.environ.items()
                                     if not k.startswith("TAIGA_")}, **env}, timeout=60)
        assert out.returncode == 0, out.stderr
        code = LINK.search(out.stdout).group(2)
        rows = run_sql(srv, "SELECT expires_at - created_at FROM signin_codes "
                            f"WHERE code_hash = '{sha256(code)}'")
        assert int(rows[0][0]) == 60 * 10**6
        r = open_link(srv, code)
        assert set_cookie(r)[1]["max-age"] == str(86400)
        assert session(srv, {COOKIE: r.cookies[COOKIE]}).json()["expires_at"]
        # Expire the session in the database: it stops working at once.
        run_sql(srv, "UPDATE web_sessions SET expires_at = 1")
        assert session(srv, {COOKIE: r.cookies[COOKIE]}).status_code == 401
