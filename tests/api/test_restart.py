"""A restart keeps everything: users, tokens (and revocations), folders, groups, the admin token
and its file, which is written once and never again."""
import os
import stat

from conftest import assert_problem, uniq


def test_restart_keeps_data_and_tokens(server, client, new_user):
    token_path = os.path.join(server.data_dir, "admin-token")
    with open(token_path) as f:
        token_file_before = f.read()
    st_before = os.stat(token_path)
    assert token_file_before.strip() == server.admin_token

    admin = client(server.admin_token)
    u = new_user("survivor")
    folder = u.client.post("/folder/create", json={"name": uniq("kept"), "description": "d\n2",
                                                   "parentId": u.home_folder_id}).json()["id"]
    sub = u.client.post("/folder/create", json={"name": "sub", "parentId": folder}).json()["id"]
    assert u.client.post("/copy", json={"entryIds": [sub],
                                        "folderId": u.home_folder_id}).status_code == 200
    group = u.client.post("/group/create", json={"name": uniq("kept")}).json()
    other = new_user("member")
    u.client.post(f"/group/{group['id']}/add", json={"userIds": [other.id]})
    api_token = u.client.post("/tokens", json={"name": "api"}).json()
    dead = u.client.post("/tokens", json={"name": "dead"}).json()
    assert u.client.post(f"/tokens/{dead['id']}/revoke").status_code == 200

    snapshot = {
        "folder": u.client.get(f"/folder/{folder}").json(),
        "sub": u.client.get(f"/folder/{sub}").json(),
        "home": u.client.get(f"/folder/{u.home_folder_id}").json(),
        "public": admin.get("/folder/public").json(),
        "group": u.client.get(f"/group/{group['id']}").json(),
        "admin_groups": admin.get("/group/allJoined").json(),
        "tokens": u.client.get("/tokens").json(),
        "me": u.client.get("/user").json(),
        "users": admin.get("/user/all").json(),
    }

    server.restart()

    admin = client(server.admin_token)
    user = client(u.token)
    assert admin.get("/user").json()["name"] == "admin"
    assert user.get("/user").json() == snapshot["me"]
    assert client(api_token["token"]).get("/user").json()["id"] == u.id
    assert_problem(client(dead["token"]).get("/user"), 401)

    assert user.get(f"/folder/{folder}").json() == snapshot["folder"]
    assert user.get(f"/folder/{sub}").json() == snapshot["sub"]
    assert user.get(f"/folder/{u.home_folder_id}").json() == snapshot["home"]
    assert admin.get("/folder/public").json() == snapshot["public"]  # not made anew
    assert user.get(f"/group/{group['id']}").json() == snapshot["group"]
    assert admin.get("/group/allJoined").json() == snapshot["admin_groups"]  # one Admin group
    # last_used moves when a token is used (to the hour), so it is not part of the comparison.
    def tokens_without_last_used(tokens):
        return [{k: v for k, v in t.items() if k != "last_used"} for t in tokens]
    assert tokens_without_last_used(user.get("/tokens").json()) == \
        tokens_without_last_used(snapshot["tokens"])
    assert admin.get("/user/all").json() == snapshot["users"]

    # The admin token file is the same file, unchanged, private.
    with open(token_path) as f:
        assert f.read() == token_file_before
    st_after = os.stat(token_path)
    assert stat.S_IMODE(st_after.st_mode) == 0o600
    assert (st_after.st_ino, st_after.st_mtime_ns) == (st_before.st_ino, st_before.st_mtime_ns)
    assert stat.S_IMODE(os.stat(server.data_dir).st_mode) & 0o077 == 0
    with open(server.stdout_path) as f:
        assert "Created the admin user" not in f.read()

    # ... and the restarted server still writes.
    r = user.post(f"/folder/{folder}/name", json={"name": "after restart"})
    assert r.status_code == 200, r.text
    assert user.get(f"/folder/{folder}").json()["name"] == "after restart"


def test_admin_token_file_mode(server):
    st = os.stat(os.path.join(server.data_dir, "admin-token"))
    assert stat.S_IMODE(st.st_mode) == 0o600
    assert stat.S_ISREG(st.st_mode)


def test_second_restart_and_new_users(server, client, new_user):
    server.restart()
    u = new_user("afterrestart")  # the CLI works against the restarted server
    assert u.client.get("/user").json()["name"] == u.name
    assert client(server.admin_token).get("/user").status_code == 200
