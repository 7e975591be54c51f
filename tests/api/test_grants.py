"""Editor grants through the API: GET/POST /api/entry/{id}/grants and .../grants/{gid}/remove.
A grant to a user or to a group lets them change the entry; removing it takes that away."""
import pytest

from conftest import assert_problem, uniq


def make_folder(s, parent_id, name=None):
    r = s.post("/folder/create", json={"name": name or uniq("folder"), "parentId": parent_id})
    assert r.status_code == 200, r.text
    return r.json()["id"]


@pytest.fixture
def two_users(server, client):
    a = uniq("owner")
    b = uniq("other")
    owner = client(server.create_user(a, f"{a}@example.org"))
    other = client(server.create_user(b, f"{b}@example.org"))
    return owner, other


def me(s):
    return s.get("/user").json()


def test_user_grant_allows_editing_and_removal_revokes(two_users):
    owner, other = two_users
    folder = make_folder(owner, me(owner)["home_folder_id"])
    assert other.post(f"/folder/{folder}/name", json={"name": "nope"}).status_code == 403
    assert other.get(f"/folder/{folder}").json()["can_edit"] is False

    r = owner.post(f"/entry/{folder}/grants", json={"userId": me(other)["id"], "role": "editor"})
    assert r.status_code == 200, r.text
    grant = r.json()
    assert grant["user"] == {"id": me(other)["id"], "name": me(other)["name"]}
    assert grant["group"] is None and grant["role"] == "editor" and grant["entry_id"] == folder

    assert other.get(f"/folder/{folder}").json()["can_edit"] is True
    r = other.post(f"/folder/{folder}/name", json={"name": "renamed by editor"})
    assert r.status_code == 200, r.text
    assert owner.get(f"/folder/{folder}").json()["name"] == "renamed by editor"

    listed = other.get(f"/entry/{folder}/grants").json()
    assert [g["id"] for g in listed] == [grant["id"]]

    r = owner.post(f"/entry/{folder}/grants/{grant['id']}/remove")
    assert r.status_code == 200, r.text
    assert owner.get(f"/entry/{folder}/grants").json() == []
    assert other.post(f"/folder/{folder}/name", json={"name": "again"}).status_code == 403


def test_group_grant_applies_to_members(two_users):
    owner, other = two_users
    folder = make_folder(owner, me(owner)["home_folder_id"])
    group = owner.post("/group/create", json={"name": uniq("team")}).json()
    r = owner.post(f"/entry/{folder}/grants", json={"groupId": group["id"]})
    assert r.status_code == 200, r.text
    assert r.json()["group"] == {"id": group["id"], "name": group["name"]}
    assert other.post("/folder/create", json={"name": "x", "parentId": folder}).status_code == 403
    owner.post(f"/group/{group['id']}/add", json={"userIds": [me(other)["id"]]})
    r = other.post("/folder/create", json={"name": "made by member", "parentId": folder})
    assert r.status_code == 200, r.text


def test_only_editors_manage_grants(two_users):
    owner, other = two_users
    folder = make_folder(owner, me(owner)["home_folder_id"])
    r = other.post(f"/entry/{folder}/grants", json={"userId": me(other)["id"]})
    assert_problem(r, 403)
    grant = owner.post(f"/entry/{folder}/grants", json={"userId": me(other)["id"]}).json()
    # An editor may not remove a grant on an entry they can no longer edit, but may while they can.
    assert other.post(f"/entry/{folder}/grants/{grant['id']}/remove").status_code == 200
    r = other.post(f"/entry/{folder}/grants", json={"userId": me(other)["id"]})
    assert_problem(r, 403)


def test_adding_the_same_grant_twice_is_one_grant(two_users):
    owner, other = two_users
    folder = make_folder(owner, me(owner)["home_folder_id"])
    a = owner.post(f"/entry/{folder}/grants", json={"userId": me(other)["id"]}).json()
    b = owner.post(f"/entry/{folder}/grants", json={"userId": me(other)["id"]}).json()
    assert a["id"] == b["id"]
    assert len(owner.get(f"/entry/{folder}/grants").json()) == 1


@pytest.mark.parametrize("body, status, needle", [
    ({}, 400, "exactly one"),
    ({"userId": "x", "groupId": 1}, 400, "exactly one"),
    ({"userId": 5}, 400, "userId"),
    ({"groupId": "1"}, 400, "groupId"),
    ({"userId": "0" * 32, "role": "owner"}, 400, "role"),
    ({"userId": "0" * 32}, 404, "userId"),
    ({"groupId": 999999}, 404, "groupId"),
])
def test_bad_grant_requests(admin, body, status, needle):
    folder = make_folder(admin, admin.get("/user").json()["home_folder_id"])
    r = admin.post(f"/entry/{folder}/grants", json=body)
    assert_problem(r, status)
    assert needle in r.json()["detail"]


def test_unknown_entry_and_grant(admin):
    assert_problem(admin.get("/entry/" + "0" * 32 + "/grants"), 404)
    folder = make_folder(admin, admin.get("/user").json()["home_folder_id"])
    assert_problem(admin.post(f"/entry/{folder}/grants/{'0' * 32}/remove"), 404)
