"""Rights (DESIGN.md §6): everyone signed in reads everything; writes need the creator, an editor
grant (to the user or one of their groups) or membership of Admin. can_edit tells the truth."""
import secrets
import sqlite3
import subprocess
import os
import time

import pytest

from conftest import assert_problem, uniq


def get_folder(s, folder_id):
    r = s.get(f"/folder/{folder_id}")
    assert r.status_code == 200, r.text
    return r.json()


def entry_ids(s, folder_id):
    return {e["id"] for e in get_folder(s, folder_id)["entries"]}


def make_folder(s, parent_id, name=None, description=None):
    body = {"name": name or uniq("folder"), "parentId": parent_id}
    if description is not None:
        body["description"] = description
    r = s.post("/folder/create", json=body)
    assert r.status_code == 200, r.text
    return r.json()["id"]


def grant_editor(server, entry_id, user_id=None, group_id=None):
    """There is no API for grants yet: writes an editor grant straight into the database."""
    grant_id = secrets.token_hex(16)
    now = int(time.time() * 1e6)
    if server.database_url is None:
        con = sqlite3.connect(os.path.join(server.data_dir, "taiga.db"), timeout=30)
        with con:
            con.execute("INSERT INTO rights_grants (id, entry_id, user_id, group_id, role, "
                        "created_at) VALUES (?, ?, ?, ?, 'editor', ?)",
                        (grant_id, entry_id, user_id, group_id, now))
        con.close()
    else:
        user_sql = f"'{user_id}'" if user_id else "NULL"
        group_sql = str(int(group_id)) if group_id else "NULL"
        sql = (f"INSERT INTO rights_grants (id, entry_id, user_id, group_id, role, created_at) "
               f"VALUES ('{grant_id}', '{entry_id}', {user_sql}, {group_sql}, 'editor', {now})")
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", server.database_url,
                            "-c", sql], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
        assert r.returncode == 0, r.stderr


@pytest.fixture
def admins_tree(admin):
    """Admin's Home/F/{X}: returns (home, F, X)."""
    home = admin.get("/user").json()["home_folder_id"]
    f = make_folder(admin, home, uniq("admins"), description="admin's")
    x = make_folder(admin, f, "X")
    return home, f, x


# Reading -------------------------------------------------------------------------------------------
def test_others_can_read_but_not_edit(new_user, admins_tree):
    home, f, x = admins_tree
    u = new_user("reader")
    folder = get_folder(u.client, f)
    assert folder["can_view"] is True
    assert folder["can_edit"] is False
    assert folder["description"] == "admin's"
    assert [e["id"] for e in folder["entries"]] == [x]
    admins_home = get_folder(u.client, home)
    assert admins_home["can_edit"] is False and admins_home["folder_type"] == "home"
    assert f in {e["id"] for e in admins_home["entries"]}


def test_can_edit_flags(new_user, admin, admins_tree):
    home, f, x = admins_tree
    u1, u2 = new_user("flag1"), new_user("flag2")
    f1 = make_folder(u1.client, u1.home_folder_id)
    expected = {
        # (caller, folder): can_edit
        (u1, "public"): False, (u1, home): False, (u1, f): False, (u1, x): False,
        (u1, u1.home_folder_id): True, (u1, u1.trash_folder_id): True, (u1, f1): True,
        (u2, f1): False, (u2, u1.home_folder_id): False, (u2, u1.trash_folder_id): False,
        ("admin", "public"): True, ("admin", f): True, ("admin", f1): True,
        ("admin", u1.home_folder_id): True, ("admin", u1.trash_folder_id): True,
    }
    for (who, folder_id), can_edit in expected.items():
        s = admin if who == "admin" else who.client
        got = get_folder(s, folder_id)
        assert got["can_edit"] is can_edit, (getattr(who, "name", who), folder_id, got)
        assert got["can_view"] is True


# Writing someone else's folder ---------------------------------------------------------------------
def test_others_cannot_rename_or_describe(new_user, admin, admins_tree):
    home, f, x = admins_tree
    u = new_user("renamer")
    before = get_folder(admin, f)
    assert_problem(u.client.post(f"/folder/{f}/name", json={"name": "hijacked"}), 403, f)
    assert_problem(u.client.post(f"/folder/{f}/description", json={"description": "pwned"}),
                   403, f)
    assert_problem(u.client.post(f"/folder/{home}/name", json={"name": "hijacked"}), 403)
    after = get_folder(admin, f)
    assert after["name"] == before["name"] and after["description"] == "admin's"
    assert get_folder(admin, home)["name"] == "Home"


def test_others_cannot_create_inside(new_user, admin, admins_tree):
    home, f, x = admins_tree
    u = new_user("squatter")
    for parent in (f, home, "public"):
        before = entry_ids(admin, parent)
        assert_problem(u.client.post("/folder/create", json={"name": "mine", "parentId": parent}),
                       403)
        assert entry_ids(admin, parent) == before


def test_others_cannot_move_out_of_or_into(new_user, admin, admins_tree):
    home, f, x = admins_tree
    u = new_user("mover")
    g = make_folder(u.client, u.home_folder_id, "G")
    # out of the admin's folder, into the user's own (or the user's Trash)
    assert_problem(u.client.post("/move", json={"entryIds": [x], "currentFolderId": f,
                                                "targetFolderId": u.home_folder_id}), 403, f)
    assert_problem(u.client.post("/move", json={"entryIds": [x], "currentFolderId": f}), 403)
    # from the user's own folder into the admin's
    assert_problem(u.client.post("/move", json={"entryIds": [g],
                                                "currentFolderId": u.home_folder_id,
                                                "targetFolderId": f}), 403, f)
    # linking into the admin's folder
    assert_problem(u.client.post("/copy", json={"entryIds": [g], "folderId": f}), 403, f)
    assert entry_ids(admin, f) == {x}
    assert entry_ids(u.client, u.home_folder_id) == {g}
    assert entry_ids(u.client, u.trash_folder_id) == set()


def test_others_cannot_edit_another_users_folders(new_user):
    owner, other = new_user("own"), new_user("oth")
    f = make_folder(owner.client, owner.home_folder_id, "mine")
    assert_problem(other.client.post(f"/folder/{f}/name", json={"name": "theirs"}), 403)
    assert_problem(other.client.post("/folder/create", json={"name": "x", "parentId": f}), 403)
    assert_problem(other.client.post("/move", json={"entryIds": [f],
                                                    "currentFolderId": owner.home_folder_id}),
                   403)
    assert get_folder(owner.client, f)["name"] == "mine"
    assert f in entry_ids(owner.client, owner.home_folder_id)


def test_one_may_link_anothers_folder_into_ones_own(new_user, admins_tree):
    """Copy checks the target folder only: linking a readable entry is like a bookmark."""
    home, f, x = admins_tree
    u = new_user("linker")
    r = u.client.post("/copy", json={"entryIds": [x], "folderId": u.home_folder_id})
    assert r.status_code == 200, r.text
    assert x in entry_ids(u.client, u.home_folder_id)
    # ... it still cannot be renamed by them
    assert_problem(u.client.post(f"/folder/{x}/name", json={"name": "mine"}), 403)


# Admin ---------------------------------------------------------------------------------------------
def test_admin_can_edit_others_folders(new_user, admin):
    u = new_user("managed")
    f = make_folder(u.client, u.home_folder_id, "user's")
    r = admin.post(f"/folder/{f}/name", json={"name": "renamed by admin"})
    assert r.status_code == 200 and r.json() == f
    r = admin.post(f"/folder/{f}/description", json={"description": "described by admin"})
    assert r.status_code == 200 and r.json() == f
    child = make_folder(admin, f, "admin's child")
    folder = get_folder(u.client, f)
    assert folder["name"] == "renamed by admin"
    assert folder["description"] == "described by admin"
    assert {e["id"] for e in folder["entries"]} == {child}
    [entry] = folder["entries"]
    assert entry["creator"]["name"] == "admin"
    # ... and the user can not edit the admin's child inside their own folder
    assert get_folder(u.client, child)["can_edit"] is False
    # Admin moves the user's folder into the user's Trash: it needs no ownership.
    r = admin.post("/move", json={"entryIds": [f], "currentFolderId": u.home_folder_id,
                                  "targetFolderId": u.trash_folder_id})
    assert r.status_code == 200, r.text
    assert f in entry_ids(u.client, u.trash_folder_id)
    assert f not in entry_ids(u.client, u.home_folder_id)


def test_admin_can_create_in_public(admin, new_user):
    pid = make_folder(admin, "public", uniq("shared"))
    u = new_user("publicreader")
    assert pid in entry_ids(u.client, "public")
    got = get_folder(u.client, pid)
    assert got["parents"] == [{"id": "public", "name": "Public"}]  # Public is always visible
    assert got["can_edit"] is False


def test_move_to_trash_uses_the_callers_trash(new_user, admin):
    u = new_user("trashy")
    f = make_folder(u.client, u.home_folder_id)
    admin_trash = admin.get("/user").json()["trash_folder_id"]
    r = admin.post("/move", json={"entryIds": [f], "currentFolderId": u.home_folder_id})
    assert r.status_code == 200, r.text
    assert f in entry_ids(admin, admin_trash)
    assert f not in entry_ids(u.client, u.trash_folder_id)


# Parents -------------------------------------------------------------------------------------------
def test_parents_are_filtered_for_the_caller(new_user, admin, admins_tree):
    home, f, x = admins_tree
    u = new_user("parents")
    # Admin sees every parent; the user does not see the admin's folder F.
    assert get_folder(admin, x)["parents"] == [{"id": f, "name": get_folder(admin, f)["name"]}]
    assert get_folder(u.client, x)["parents"] == []
    # The user links X into their Home: they see that parent, not F.
    assert u.client.post("/copy", json={"entryIds": [x], "folderId": u.home_folder_id}) \
        .status_code == 200
    assert get_folder(u.client, x)["parents"] == [{"id": u.home_folder_id, "name": "Home"}]
    admin_view = {p["id"] for p in get_folder(admin, x)["parents"]}
    assert admin_view == {f, u.home_folder_id}


# Editor grants ------------------------------------------------------------------------------------
def test_editor_grant_to_a_user(server, new_user, admin, admins_tree):
    home, f, x = admins_tree
    editor, bystander = new_user("editor"), new_user("bystander")
    grant_editor(server, f, user_id=editor.id)
    assert get_folder(editor.client, f)["can_edit"] is True
    assert get_folder(bystander.client, f)["can_edit"] is False
    assert get_folder(editor.client, x)["can_edit"] is False  # grants are per entry

    r = editor.client.post(f"/folder/{f}/name", json={"name": "edited"})
    assert r.status_code == 200, r.text
    child = make_folder(editor.client, f, "editor's")
    assert get_folder(admin, child)["creator"] == {"id": editor.id, "name": editor.name}
    assert get_folder(admin, f)["name"] == "edited"
    assert_problem(bystander.client.post(f"/folder/{f}/name", json={"name": "nope"}), 403)
    assert_problem(editor.client.post(f"/folder/{x}/name", json={"name": "nope"}), 403)


def test_editor_grant_to_a_group(server, new_user, admin, admins_tree):
    home, f, x = admins_tree
    member, outsider = new_user("gmember"), new_user("goutsider")
    group = member.client.post("/group/create", json={"name": uniq("editors")}).json()
    grant_editor(server, x, group_id=group["id"])
    assert get_folder(member.client, x)["can_edit"] is True
    assert get_folder(outsider.client, x)["can_edit"] is False
    r = member.client.post(f"/folder/{x}/description", json={"description": "by the group"})
    assert r.status_code == 200, r.text
    assert_problem(outsider.client.post(f"/folder/{x}/description", json={"description": "x"}),
                   403)

    # Joining the group gives the right; leaving it takes it away.
    member.client.post(f"/group/{group['id']}/add", json={"userIds": [outsider.id]})
    assert get_folder(outsider.client, x)["can_edit"] is True
    member.client.post(f"/group/{group['id']}/remove", json={"userIds": [outsider.id]})
    assert get_folder(outsider.client, x)["can_edit"] is False
    assert_problem(outsider.client.post(f"/folder/{x}/name", json={"name": "late"}), 403)
    assert get_folder(admin, x)["description"] == "by the group"
