"""The `taiga user` and `taiga token` commands, run against the data dir and database of the
running server: their effects show at once through the API."""
import re

from conftest import assert_problem, uniq

ID32 = re.compile(r"^[0-9a-f]{32}$")


def ok(r):
    assert r.returncode == 0, f"exit {r.returncode}\n--- stdout ---\n{r.stdout}\n--- stderr ---\n" \
                              f"{r.stderr}"
    return [line for line in r.stdout.splitlines() if line.strip()]


def failed(r, *fragments):
    assert r.returncode != 0, f"expected a failure\n--- stdout ---\n{r.stdout}"
    assert r.stderr.strip(), "no error message on stderr"
    for fragment in fragments:
        assert fragment in r.stderr, f"{fragment!r} not in stderr {r.stderr!r}"
    return r.stderr


def token_lines(server, user):
    """`taiga token list --user USER` as {id: (name, created, state)}."""
    out = {}
    for line in ok(server.cli("token", "list", "--user", user)):
        parts = line.split("\t")
        assert len(parts) == 4, line
        assert ID32.match(parts[0]), line
        out[parts[0]] = (parts[1], parts[2], parts[3])
    return out


def test_user_create_while_serving(server, client):
    name = uniq("cliuser")
    lines = ok(server.cli("user", "create", "--name", name, "--email", f"{name}@example.org"))
    m = re.match(r"^created user (\S+) \(id ([0-9a-f]{32})\)$", lines[0])
    assert m and m.group(1) == name, lines
    token = lines[-1]
    me = client(token).get("/user")
    assert me.status_code == 200, me.text
    assert me.json()["id"] == m.group(2)
    assert me.json()["name"] == name
    assert me.json()["email"] == f"{name}@example.org"
    assert me.json()["token"] == token
    assert client(token).get("/group/allJoined").json() == []
    assert client(token).get("/folder/public").json()["can_edit"] is False


def test_user_create_admin(server, client):
    name = uniq("cliadmin")
    token = ok(server.cli("user", "create", "--name", name, "--email", f"{name}@x.org",
                          "--admin"))[-1]
    s = client(token)
    assert "Admin" in [g["name"] for g in s.get("/group/allJoined").json()]
    assert s.get("/folder/public").json()["can_edit"] is True


def test_duplicate_user_name_fails(server, client, new_user):
    u = new_user("taken")
    r = server.cli("user", "create", "--name", u.name, "--email", "other@example.org")
    failed(r, "taiga:")
    assert "created user" not in r.stdout
    names = [x["name"] for x in client(server.admin_token).get("/user/all").json()]
    assert names.count(u.name) == 1
    assert u.client.get("/user").json()["email"] == u.email  # the first one is untouched


def test_bad_user_arguments_fail(server, client):
    before = client(server.admin_token).get("/user/all").json()
    failed(server.cli("user", "create", "--name", "a/b", "--email", "a@b.c"), "name")
    failed(server.cli("user", "create", "--name", "   ", "--email", "a@b.c"), "name")
    failed(server.cli("user", "create", "--name", uniq("e"), "--email", "not-an-email"), "email")
    failed(server.cli("user", "create", "--name", uniq("e")))  # --email is required
    assert client(server.admin_token).get("/user/all").json() == before


def test_token_create_list_revoke(server, client, new_user):
    u = new_user("clitok")
    lines = ok(server.cli("token", "create", "--user", u.name, "--name", "laptop"))
    m = re.match(r"^token ([0-9a-f]{32}) for (\S+)$", lines[0])
    assert m and m.group(2) == u.name, lines
    token_id, secret = m.group(1), lines[-1]
    s = client(secret)
    assert s.get("/user").json()["id"] == u.id

    listed = token_lines(server, u.name)
    assert listed[token_id][0] == "laptop" and listed[token_id][2] == "active"
    assert [v[0] for v in listed.values()].count("default") == 1
    assert len(listed) == 2
    api = {t["id"]: t for t in u.client.get("/tokens").json()}
    assert api.keys() == listed.keys()
    assert api[token_id]["name"] == "laptop" and api[token_id]["revoked"] is None
    assert api[token_id]["creation_date"] == listed[token_id][1]

    out = ok(server.cli("token", "revoke", "--user", u.name, "--id", token_id))
    assert out == [f"revoked {token_id}"]
    assert_problem(s.get("/user"), 401)
    assert token_lines(server, u.name)[token_id][2] == "revoked"
    assert u.client.get("/user").status_code == 200  # the default token still works
    revoked = [t for t in u.client.get("/tokens").json() if t["id"] == token_id][0]
    assert revoked["revoked"] is not None

    # Revoking it again fails: it is not an active token any more.
    failed(server.cli("token", "revoke", "--user", u.name, "--id", token_id))


def test_token_list_shows_no_secrets(server, new_user):
    u = new_user("clisecret")
    issued = u.client.post("/tokens", json={"name": "from-api"}).json()
    r = server.cli("token", "list", "--user", u.name)
    ok(r)
    assert u.token not in r.stdout and issued["token"] not in r.stdout
    assert token_lines(server, u.name)[issued["id"]][0] == "from-api"


def test_revoke_with_the_wrong_user_fails(server, new_user):
    owner, other = new_user("cliowner"), new_user("cliother")
    token_id = owner.client.get("/tokens").json()[0]["id"]
    failed(server.cli("token", "revoke", "--user", other.name, "--id", token_id))
    assert owner.client.get("/user").status_code == 200
    assert token_lines(server, owner.name)[token_id][2] == "active"


def test_revoke_unknown_token_fails(server, new_user):
    u = new_user("cliunknown")
    failed(server.cli("token", "revoke", "--user", u.name, "--id", "0" * 32))


def test_tokens_for_unknown_user_fail(server):
    ghost = uniq("ghost")
    failed(server.cli("token", "create", "--user", ghost, "--name", "x"), ghost)
    failed(server.cli("token", "list", "--user", ghost), ghost)
    failed(server.cli("token", "revoke", "--user", ghost, "--id", "0" * 32), ghost)


def test_token_create_bad_name_fails(server, new_user):
    u = new_user("clibadname")
    failed(server.cli("token", "create", "--user", u.name, "--name", ""), "name")
    failed(server.cli("token", "create", "--user", u.name, "--name", "x" * 101), "name")
    assert len(token_lines(server, u.name)) == 1


def test_routes_command(server):
    import subprocess
    r = subprocess.run([server.binary, "routes"], capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    lines = ok(r)
    for line in lines:
        assert re.match(r"^(GET|POST|PUT|PATCH|DELETE) /\S*$", line), line
    assert "GET /api/user" in lines and "GET /healthz" in lines and "GET /readyz" in lines
    assert len(lines) == len(set(lines))
