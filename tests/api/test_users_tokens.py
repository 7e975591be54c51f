"""GET /user, GET /user/all, API tokens (list, create, revoke) and bearer authentication."""
import datetime
import re

import pytest

from conftest import assert_problem, uniq

ID32 = re.compile(r"^[0-9a-f]{32}$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")
USER_KEYS = {"id", "name", "email", "home_folder_id", "trash_folder_id", "token",
             "figshare_account_linked"}
TOKEN_KEYS = {"id", "name", "creation_date", "last_used", "revoked"}
HOME_DESCRIPTION = ("Welcome to Taiga: a light-weight repository for capturing, versioning and "
                    "accessing datasets.\n\nMake yourself comfortable, you're at Home.")


def parse_ts(text):
    assert ISO.match(text), text
    return datetime.datetime.fromisoformat(text)


def assert_recent(text, slack=300):
    now = datetime.datetime.now(datetime.timezone.utc)
    delta = abs((now - parse_ts(text)).total_seconds())
    assert delta < slack, f"{text} is {delta:.0f}s away from now"


# GET /user --------------------------------------------------------------------------------------
def test_current_user_admin_shape(admin, server):
    r = admin.get("/user")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].split(";")[0] == "application/json"
    me = r.json()
    assert set(me) == USER_KEYS
    assert me["name"] == "admin"
    assert me["email"] == "admin@localhost"
    assert me["token"] == server.admin_token
    assert me["figshare_account_linked"] is False
    assert ID32.match(me["id"])
    assert ID32.match(me["home_folder_id"]) and ID32.match(me["trash_folder_id"])
    assert me["home_folder_id"] != me["trash_folder_id"]


def test_responses_have_sorted_keys_and_request_id(admin):
    r = admin.get("/user")
    keys = re.findall(r'"([a-z_]+)":', r.text)
    assert keys == sorted(keys), r.text
    assert re.match(r"^[0-9A-Za-z_.-]{1,64}$", r.headers["X-Request-Id"])


def test_client_request_id_is_echoed(admin):
    r = admin.get("/user", headers={"X-Request-Id": "my-trace.42_a"})
    assert r.status_code == 200
    assert r.headers["X-Request-Id"] == "my-trace.42_a"


@pytest.mark.parametrize("bad_id", ["has space", "x" * 65, "semi;colon", "<script>"])
def test_unsafe_request_id_is_replaced(client, bad_id):
    r = client().get("/user", headers={"X-Request-Id": bad_id})
    body = assert_problem(r, 401)
    assert r.headers["X-Request-Id"] != bad_id
    assert body["request_id"] == r.headers["X-Request-Id"]


def test_new_user_has_home_and_trash(new_user, admin):
    u = new_user("alice")
    me = u.client.get("/user").json()
    assert set(me) == USER_KEYS
    assert me["name"] == u.name
    assert me["email"] == u.email
    assert me["token"] == u.token
    assert me["figshare_account_linked"] is False

    home = u.client.get(f"/folder/{me['home_folder_id']}").json()
    assert home["name"] == "Home"
    assert home["folder_type"] == "home"
    assert home["description"] == HOME_DESCRIPTION
    assert home["creator"] == {"id": u.id, "name": u.name}
    assert home["entries"] == [] and home["parents"] == []
    assert home["can_edit"] is True

    trash = u.client.get(f"/folder/{me['trash_folder_id']}").json()
    assert trash["name"] == "Trash"
    assert trash["folder_type"] == "trash"
    assert trash["description"] is None
    assert trash["creator"] == {"id": u.id, "name": u.name}
    assert trash["entries"] == []

    # The admin's own user is a different one.
    assert admin.get("/user").json()["id"] != u.id


def test_current_user_shows_the_token_presented(new_user):
    u = new_user("twotok")
    second = u.client.post("/tokens", json={"name": "second"}).json()["token"]
    u.client.headers["Authorization"] = f"Bearer {second}"
    me = u.client.get("/user").json()
    assert me["token"] == second
    assert me["id"] == u.id


# GET /user/all ----------------------------------------------------------------------------------
def test_user_all_lists_id_and_name_only(new_user, server):
    u1 = new_user("listed")
    u2 = new_user("listed")
    r = u1.client.get("/user/all")
    assert r.status_code == 200, r.text
    users = r.json()
    assert isinstance(users, list)
    for item in users:
        assert set(item) == {"id", "name"}, item
    by_name = {item["name"]: item["id"] for item in users}
    assert by_name[u1.name] == u1.id
    assert by_name[u2.name] == u2.id
    assert "admin" in by_name
    # Nobody's token or email leaks.
    for secret in (server.admin_token, u1.token, u2.token, u1.email, "admin@localhost"):
        assert secret not in r.text


# Authentication ---------------------------------------------------------------------------------
def test_no_authorization_header_is_401(client):
    body = assert_problem(client().get("/user"), 401)
    assert body["title"] == "Unauthorized"


@pytest.mark.parametrize("make_header", [
    lambda t: f"Token {t}",
    lambda t: f"bearer {t}",
    lambda t: f"BEARER {t}",
    lambda t: "Bearer ",
    lambda t: "Bearer",
    lambda t: f"Bearer  {t}",          # two spaces
    lambda t: f"Bearer {t} extra",
    lambda t: f"Bearer {t}x",          # unknown token
    lambda t: f"Bearer {t[:-1]}",      # unknown token
    lambda t: f"Basic {t}",
    lambda t: t,
    lambda t: "Bearer " + "a" * 600,
    lambda t: "Bearer taiga_" + "0" * 30,
], ids=["Token", "lowercase", "uppercase", "empty-token", "no-space", "two-spaces", "extra-word",
        "suffixed", "truncated", "basic", "bare", "too-long", "made-up"])
def test_malformed_or_unknown_authorization_is_401(client, server, make_header):
    s = client()
    r = s.get("/user", headers={"Authorization": make_header(server.admin_token)})
    assert_problem(r, 401)
    assert server.admin_token not in r.text


def test_every_api_route_needs_a_token(client):
    anon = client()
    for method, path in [("GET", "/user"), ("GET", "/user/all"), ("GET", "/tokens"),
                         ("POST", "/tokens"), ("POST", "/tokens/abc/revoke"),
                         ("GET", "/folder/public"), ("POST", "/folder/create"),
                         ("POST", "/folder/public/name"), ("POST", "/folder/public/description"),
                         ("POST", "/move"), ("POST", "/copy"), ("GET", "/group/allJoined"),
                         ("POST", "/group/create"), ("GET", "/group/1"),
                         ("POST", "/group/1/add"), ("POST", "/group/1/remove")]:
        r = anon.request(method, path, json={} if method == "POST" else None)
        assert_problem(r, 401)


# Tokens -----------------------------------------------------------------------------------------
def test_token_list_of_a_new_user(new_user):
    u = new_user("toklist")
    r = u.client.get("/tokens")
    assert r.status_code == 200, r.text
    tokens = r.json()
    assert len(tokens) == 1
    t = tokens[0]
    assert set(t) == TOKEN_KEYS
    assert t["name"] == "default"
    assert ID32.match(t["id"])
    assert_recent(t["creation_date"])
    assert t["revoked"] is None
    assert u.token not in r.text


def test_create_token_returns_secret_once(new_user):
    u = new_user("tokcreate")
    r = u.client.post("/tokens", json={"name": "laptop"})
    assert r.status_code == 200, r.text
    issued = r.json()
    assert set(issued) == TOKEN_KEYS | {"token"}
    assert issued["name"] == "laptop"
    assert ID32.match(issued["id"])
    assert issued["revoked"] is None
    assert issued["last_used"] is None
    assert_recent(issued["creation_date"])
    secret = issued["token"]
    assert isinstance(secret, str) and len(secret) >= 20 and secret != u.token

    listed = u.client.get("/tokens")
    by_id = {t["id"]: t for t in listed.json()}
    assert set(by_id[issued["id"]]) == TOKEN_KEYS
    assert by_id[issued["id"]]["name"] == "laptop"
    assert len(by_id) == 2
    assert secret not in listed.text

    me = u.client.get("/user", headers={"Authorization": f"Bearer {secret}"}).json()
    assert me["id"] == u.id and me["token"] == secret


def test_token_names_need_not_be_unique(new_user):
    u = new_user("tokdup")
    a = u.client.post("/tokens", json={"name": "ci"}).json()
    b = u.client.post("/tokens", json={"name": "ci"}).json()
    assert a["id"] != b["id"] and a["token"] != b["token"]


def test_tokens_are_per_user(new_user):
    u1 = new_user("tokowner")
    u2 = new_user("tokother")
    issued = u1.client.post("/tokens", json={"name": uniq("mine")}).json()
    other = {t["id"] for t in u2.client.get("/tokens").json()}
    assert issued["id"] not in other
    assert len(other) == 1


def test_revoke_token(new_user, client):
    u = new_user("tokrevoke")
    issued = u.client.post("/tokens", json={"name": "temp"}).json()
    temp = client(issued["token"])
    assert temp.get("/user").status_code == 200

    r = u.client.post(f"/tokens/{issued['id']}/revoke")
    assert r.status_code == 200, r.text
    assert r.json() == {}

    assert_problem(temp.get("/user"), 401)
    listed = {t["id"]: t for t in u.client.get("/tokens").json()}
    assert_recent(listed[issued["id"]]["revoked"])
    # The other token is untouched.
    assert u.client.get("/user").status_code == 200
    default = [t for t in listed.values() if t["name"] == "default"]
    assert len(default) == 1 and default[0]["revoked"] is None

    # Revoking it again: it is no longer an active token of this user.
    assert_problem(u.client.post(f"/tokens/{issued['id']}/revoke"), 404)


def test_revoke_the_token_in_use(new_user):
    u = new_user("tokself")
    own_id = u.client.get("/tokens").json()[0]["id"]
    r = u.client.post(f"/tokens/{own_id}/revoke")
    assert r.status_code == 200, r.text
    assert_problem(u.client.get("/user"), 401)


def test_revoke_someone_elses_token_is_404(new_user, admin):
    victim = new_user("victim")
    attacker = new_user("attacker")
    victim_token_id = victim.client.get("/tokens").json()[0]["id"]
    assert_problem(attacker.client.post(f"/tokens/{victim_token_id}/revoke"), 404)
    # Not even Admin can revoke it through /api/tokens: the route acts on the caller's tokens.
    assert_problem(admin.post(f"/tokens/{victim_token_id}/revoke"), 404)
    assert victim.client.get("/user").status_code == 200
    assert victim.client.get("/tokens").json()[0]["revoked"] is None


@pytest.mark.parametrize("token_id", ["nope", "0" * 32, "%2e%2e", "a" * 2000])
def test_revoke_unknown_token_is_404(admin, token_id):
    assert_problem(admin.post(f"/tokens/{token_id}/revoke"), 404)


@pytest.mark.parametrize("body,field", [
    ({}, "name"),
    ({"name": None}, "name"),
    ({"name": 5}, "name"),
    ({"name": ["a"]}, "name"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "a/b"}, "name"),
    ({"name": "tab\there"}, "name"),
    ({"name": "x" * 101}, "name"),
])
def test_create_token_bad_names(new_user, body, field):
    u = new_user("tokbad")
    assert_problem(u.client.post("/tokens", json=body), 400, field)
    assert len(u.client.get("/tokens").json()) == 1


def test_create_token_longest_name(new_user):
    u = new_user("toklong")
    r = u.client.post("/tokens", json={"name": "x" * 100})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "x" * 100


def test_last_used_is_recorded_when_a_token_is_used(client, new_user):
    u = new_user("lastused")
    fresh = u.client.post("/tokens", json={"name": "fresh"}).json()
    listed = {t["id"]: t for t in u.client.get("/tokens").json()}
    assert listed[fresh["id"]]["last_used"] is None
    assert client(fresh["token"]).get("/user").status_code == 200
    listed = {t["id"]: t for t in u.client.get("/tokens").json()}
    assert listed[fresh["id"]]["last_used"] is not None
    assert listed[fresh["id"]]["last_used"] >= fresh["creation_date"]


def test_unauthenticated_responses_say_how_to_authenticate(client):
    r = client().get("/user")
    assert r.status_code == 401
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")
