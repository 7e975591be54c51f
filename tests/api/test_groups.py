"""Groups: GET /group/allJoined, GET /group/{id}, POST /group/create, /group/{id}/add|remove,
and the Admin group (which really grants rights)."""
import threading

import pytest

from conftest import assert_problem, uniq

GROUP_KEYS = {"id", "name", "num_users", "users"}
SUMMARY_KEYS = {"id", "name", "num_users"}


def admin_group(admin):
    joined = admin.get("/group/allJoined").json()
    [g] = [g for g in joined if g["name"] == "Admin"]
    return g


def get_group(s, gid):
    r = s.get(f"/group/{gid}")
    assert r.status_code == 200, r.text
    g = r.json()
    assert set(g) == GROUP_KEYS
    assert g["num_users"] == len(g["users"])
    return g


def member_ids(s, gid):
    return {u["id"] for u in get_group(s, gid)["users"]}


def create_group(s, name=None):
    r = s.post("/group/create", json={"name": name or uniq("team")})
    assert r.status_code == 200, r.text
    return r.json()


def test_admin_group_exists_with_the_admin(admin):
    g = admin_group(admin)
    assert set(g) == SUMMARY_KEYS
    assert isinstance(g["id"], int) and not isinstance(g["id"], bool)
    assert g["num_users"] >= 1
    full = get_group(admin, g["id"])
    assert full["name"] == "Admin" and full["id"] == g["id"]
    me = admin.get("/user").json()
    assert {"id": me["id"], "name": "admin"} in full["users"]
    for u in full["users"]:
        assert set(u) == {"id", "name"}


def test_new_user_has_joined_no_group(new_user):
    u = new_user("loner")
    r = u.client.get("/group/allJoined")
    assert r.status_code == 200, r.text
    assert r.json() == []


def test_non_member_cannot_see_the_admin_group(new_user, admin):
    u = new_user("nosy")
    assert_problem(u.client.get(f"/group/{admin_group(admin)['id']}"), 403, "Admin")


def test_create_group(new_user):
    u = new_user("founder")
    name = uniq("Team Rocket")
    g = create_group(u.client, name)
    assert set(g) == GROUP_KEYS
    assert isinstance(g["id"], int)
    assert g["name"] == name
    assert g["num_users"] == 1
    assert g["users"] == [{"id": u.id, "name": u.name}]
    assert get_group(u.client, g["id"]) == g
    assert u.client.get("/group/allJoined").json() == [{"id": g["id"], "name": name,
                                                         "num_users": 1}]


def test_duplicate_group_name_is_409(new_user):
    u = new_user("dupe")
    name = uniq("dup")
    g = create_group(u.client, name)
    assert_problem(u.client.post("/group/create", json={"name": name}), 409)
    assert [x["id"] for x in u.client.get("/group/allJoined").json()] == [g["id"]]
    # The Admin group's name is taken too.
    assert_problem(u.client.post("/group/create", json={"name": "Admin"}), 409)
    assert len(u.client.get("/group/allJoined").json()) == 1


def test_duplicate_group_name_detail_is_for_people(new_user):
    """The 409 says which name is taken, in words, without the database's internals."""
    u = new_user("dupdetail")
    name = uniq("taken")
    create_group(u.client, name)
    detail = assert_problem(u.client.post("/group/create", json={"name": name}), 409, name)["detail"]
    for internal in ("sqlite", "UNIQUE", "constraint", "duplicate key", "backend", "user_groups"):
        assert internal not in detail, detail


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": 5}, {"name": ""}, {"name": "  "},
                                  {"name": "a/b"}, {"name": "a\x00b"}, {"name": "x" * 81}])
def test_create_group_bad_names(new_user, body):
    u = new_user("badgroup")
    assert_problem(u.client.post("/group/create", json=body), 400, "name")
    assert u.client.get("/group/allJoined").json() == []


def test_add_and_remove_members(new_user):
    owner, friend, other = new_user("gowner"), new_user("gfriend"), new_user("gother")
    g = create_group(owner.client)
    gid = g["id"]

    r = owner.client.post(f"/group/{gid}/add", json={"userIds": [friend.id]})
    assert r.status_code == 200, r.text
    after = r.json()
    assert set(after) == GROUP_KEYS
    assert after["num_users"] == 2
    assert sorted(after["users"], key=lambda u: u["id"]) == sorted(
        [{"id": owner.id, "name": owner.name}, {"id": friend.id, "name": friend.name}],
        key=lambda u: u["id"])

    # The new member sees it, in allJoined and directly, and may change it too.
    assert [x["id"] for x in friend.client.get("/group/allJoined").json()] == [gid]
    assert member_ids(friend.client, gid) == {owner.id, friend.id}
    r = friend.client.post(f"/group/{gid}/add", json={"userIds": [other.id]})
    assert r.status_code == 200 and r.json()["num_users"] == 3

    # Adding a member again changes nothing.
    r = owner.client.post(f"/group/{gid}/add", json={"userIds": [other.id, other.id]})
    assert r.status_code == 200 and r.json()["num_users"] == 3

    r = owner.client.post(f"/group/{gid}/remove", json={"userIds": [friend.id]})
    assert r.status_code == 200, r.text
    assert {u["id"] for u in r.json()["users"]} == {owner.id, other.id}
    assert r.json()["num_users"] == 2
    assert friend.client.get("/group/allJoined").json() == []
    assert_problem(friend.client.get(f"/group/{gid}"), 403)

    # Removing a non-member is fine and changes nothing.
    r = owner.client.post(f"/group/{gid}/remove", json={"userIds": [friend.id]})
    assert r.status_code == 200 and r.json()["num_users"] == 2


def test_member_may_leave(new_user):
    owner, friend = new_user("leaveowner"), new_user("leaver")
    gid = create_group(owner.client)["id"]
    owner.client.post(f"/group/{gid}/add", json={"userIds": [friend.id]})
    r = friend.client.post(f"/group/{gid}/remove", json={"userIds": [friend.id]})
    assert r.status_code == 200, r.text
    assert member_ids(owner.client, gid) == {owner.id}


def test_unknown_user_id_is_404_and_nothing_changes(new_user):
    owner, friend = new_user("g404"), new_user("g404f")
    gid = create_group(owner.client)["id"]
    assert_problem(owner.client.post(f"/group/{gid}/add",
                                     json={"userIds": [friend.id, "0" * 32]}), 404, "userIds[1]")
    assert member_ids(owner.client, gid) == {owner.id}
    owner.client.post(f"/group/{gid}/add", json={"userIds": [friend.id]})
    assert_problem(owner.client.post(f"/group/{gid}/remove",
                                     json={"userIds": [friend.id, "nope"]}), 404, "userIds[1]")
    assert member_ids(owner.client, gid) == {owner.id, friend.id}


def test_outsider_cannot_see_or_change_a_group(new_user):
    owner, outsider = new_user("gown"), new_user("gout")
    gid = create_group(owner.client)["id"]
    assert_problem(outsider.client.get(f"/group/{gid}"), 403)
    assert_problem(outsider.client.post(f"/group/{gid}/add", json={"userIds": [outsider.id]}),
                   403)
    assert_problem(outsider.client.post(f"/group/{gid}/remove", json={"userIds": [owner.id]}),
                   403)
    assert member_ids(owner.client, gid) == {owner.id}


def test_admin_sees_and_changes_any_group(new_user, admin):
    owner, friend = new_user("gadm"), new_user("gadmf")
    gid = create_group(owner.client)["id"]
    assert member_ids(admin, gid) == {owner.id}
    r = admin.post(f"/group/{gid}/add", json={"userIds": [friend.id]})
    assert r.status_code == 200 and r.json()["num_users"] == 2
    r = admin.post(f"/group/{gid}/remove", json={"userIds": [owner.id]})
    assert r.status_code == 200, r.text
    assert member_ids(admin, gid) == {friend.id}
    # Admin is not a member and does not list it as joined.
    assert gid not in [g["id"] for g in admin.get("/group/allJoined").json()]


def test_a_group_may_become_empty(new_user):
    owner = new_user("gempty")
    gid = create_group(owner.client)["id"]
    r = owner.client.post(f"/group/{gid}/remove", json={"userIds": [owner.id]})
    assert r.status_code == 200, r.text
    assert r.json()["num_users"] == 0 and r.json()["users"] == []
    assert_problem(owner.client.get(f"/group/{gid}"), 403)


def test_removing_every_admin_is_409_and_changes_nothing(admin):
    gid = admin_group(admin)["id"]
    before = get_group(admin, gid)
    everyone = [u["id"] for u in before["users"]]
    assert_problem(admin.post(f"/group/{gid}/remove", json={"userIds": everyone}), 409, "Admin")
    assert get_group(admin, gid) == before
    assert admin.get("/folder/public").json()["can_edit"] is True


def test_admin_group_grants_rights(new_user, admin):
    u = new_user("promoted")
    gid = admin_group(admin)["id"]
    assert u.client.get("/folder/public").json()["can_edit"] is False
    assert_problem(u.client.post("/folder/create", json={"name": "x", "parentId": "public"}), 403)

    r = admin.post(f"/group/{gid}/add", json={"userIds": [u.id]})
    assert r.status_code == 200, r.text
    assert u.id in {m["id"] for m in r.json()["users"]}
    assert u.client.get("/folder/public").json()["can_edit"] is True
    assert "Admin" in [g["name"] for g in u.client.get("/group/allJoined").json()]
    assert get_group(u.client, gid)["name"] == "Admin"
    # New admins can manage other users' groups.
    other = new_user("promotedother")
    ogid = create_group(other.client)["id"]
    assert member_ids(u.client, ogid) == {other.id}

    r = admin.post(f"/group/{gid}/remove", json={"userIds": [u.id]})
    assert r.status_code == 200, r.text
    assert u.client.get("/folder/public").json()["can_edit"] is False
    assert_problem(u.client.get(f"/group/{gid}"), 403)


@pytest.mark.parametrize("gid", ["999999", "0", "-1", "abc", "1.0", "1e3", "01x", " 1",
                                 "99999999999999999999999", "%2e%2e"])
def test_unknown_or_non_integer_group_is_404(admin, gid):
    assert_problem(admin.get(f"/group/{gid}"), 404)
    assert_problem(admin.post(f"/group/{gid}/add", json={"userIds": ["x"]}), 404)
    assert_problem(admin.post(f"/group/{gid}/remove", json={"userIds": ["x"]}), 404)


@pytest.mark.parametrize("body,field", [({}, "userIds"), ({"userIds": None}, "userIds"),
                                        ({"userIds": "abc"}, "userIds"),
                                        ({"userIds": [1]}, "userIds[0]"),
                                        ({"userIds": ["a", {}]}, "userIds[1]"),
                                        ({"userIds": []}, "userIds")])
@pytest.mark.parametrize("op", ["add", "remove"])
def test_change_members_bad_bodies(new_user, body, field, op):
    owner = new_user("gbad")
    gid = create_group(owner.client)["id"]
    assert_problem(owner.client.post(f"/group/{gid}/{op}", json=body), 400, field)
    assert member_ids(owner.client, gid) == {owner.id}


# Concurrency ---------------------------------------------------------------------------------------
def run_together(*calls):
    """Runs the calls on threads released at the same moment; returns their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_concurrent_creates_of_one_name_make_one_group(new_user, client):
    u = new_user("racer")
    name = uniq("race")
    sessions = [client(u.token) for _ in range(8)]
    results = run_together(*[(lambda s=s: s.post("/group/create", json={"name": name}))
                             for s in sessions])
    codes = sorted(r.status_code for r in results)
    assert codes == [200] + [409] * 7, [r.text for r in results]
    assert [g["name"] for g in u.client.get("/group/allJoined").json()] == [name]


def test_concurrent_self_removals_cannot_empty_admin(server, admin, client):
    """Two admins leave Admin at the same moment, each seeing the other stay: at most one may
    succeed. (Restores the Admin group afterwards, whatever happened.)"""
    gid = admin_group(admin)["id"]
    original = member_ids(admin, gid)

    def make_admin(prefix):
        name = uniq(prefix)
        s = client(server.create_user(name, f"{name}@example.org", admin=True))
        return s, s.get("/user").json()["id"]

    try:
        for i in range(10):
            (x, x_id), (y, y_id) = make_admin("adminx"), make_admin("adminy")
            others = sorted(member_ids(x, gid) - {x_id, y_id})
            r = x.post(f"/group/{gid}/remove", json={"userIds": others})
            assert r.status_code == 200, r.text
            rx, ry = run_together(
                lambda: x.post(f"/group/{gid}/remove", json={"userIds": [x_id]}),
                lambda: y.post(f"/group/{gid}/remove", json={"userIds": [y_id]}))
            assert rx.status_code < 500 and ry.status_code < 500, (rx.text, ry.text)
            assert [rx.status_code, ry.status_code] != [200, 200], \
                f"round {i}: both left; the Admin group is empty"
            # The one still in Admin puts the original members back.
            stayer = y if rx.status_code == 200 else x
            r = stayer.post(f"/group/{gid}/add", json={"userIds": sorted(original)})
            assert r.status_code == 200, r.text
    finally:
        r = admin.get(f"/group/{gid}")
        if r.status_code != 200 or not original <= {u["id"] for u in r.json()["users"]}:
            rescue, _ = make_admin("rescue")
            rescue.post(f"/group/{gid}/add", json={"userIds": sorted(original)})
        assert original <= member_ids(admin, gid)
