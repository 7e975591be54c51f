"""Folders: GET /folder/{id}, /folder/create, /folder/{id}/name, /folder/{id}/description,
/move and /copy, as the owner (the rights of other users are in test_rights.py)."""
import datetime
import re
import threading

import pytest

from conftest import assert_problem, uniq

ID32 = re.compile(r"^[0-9a-f]{32}$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")
FOLDER_KEYS = {"id", "name", "type", "folder_type", "description", "creation_date", "creator",
               "parents", "entries", "can_edit", "can_view"}
ENTRY_KEYS = {"type", "id", "name", "creation_date", "creator"}
PUBLIC_DESCRIPTION = "Public folder accessible by everybody having access to Taiga"


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


@pytest.fixture
def owner(new_user):
    return new_user("owner")


# GET ---------------------------------------------------------------------------------------------
def test_public_folder(admin):
    f = get_folder(admin, "public")
    assert set(f) == FOLDER_KEYS
    assert f["id"] == "public"
    assert f["name"] == "Public"
    assert f["type"] == "Folder"
    assert f["folder_type"] == "folder"
    assert f["description"] == PUBLIC_DESCRIPTION
    assert f["creator"] is None
    assert f["parents"] == []
    assert isinstance(f["entries"], list)
    assert ISO.match(f["creation_date"])
    assert f["can_view"] is True
    assert f["can_edit"] is True  # admin


@pytest.mark.parametrize("folder_id", ["nope", "0" * 32, "Public", "PUBLIC", "public ", "..",
                                       "x" * 3000])
def test_unknown_folder_is_404(admin, folder_id):
    assert_problem(admin.get(f"/folder/{folder_id}"), 404)


def test_folder_path_is_percent_decoded(admin):
    assert get_folder(admin, "p%75blic")["id"] == "public"


# Create ------------------------------------------------------------------------------------------
def test_create_folder(owner):
    name = uniq("Data")
    r = owner.client.post("/folder/create", json={"name": name, "parentId": owner.home_folder_id,
                                                  "description": "raw *markdown*\n\nline 2"})
    assert r.status_code == 200, r.text
    created = r.json()
    assert set(created) == {"id", "name"}
    assert created["name"] == name
    assert ID32.match(created["id"])

    f = get_folder(owner.client, created["id"])
    assert set(f) == FOLDER_KEYS
    assert f["id"] == created["id"]
    assert f["name"] == name
    assert f["type"] == "Folder"
    assert f["folder_type"] == "folder"
    assert f["description"] == "raw *markdown*\n\nline 2"
    assert f["creator"] == {"id": owner.id, "name": owner.name}
    assert f["parents"] == [{"id": owner.home_folder_id, "name": "Home"}]
    assert f["entries"] == []
    assert f["can_edit"] is True and f["can_view"] is True
    created_at = datetime.datetime.fromisoformat(f["creation_date"])
    assert ISO.match(f["creation_date"])
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - created_at).total_seconds()) < 300

    home = get_folder(owner.client, owner.home_folder_id)
    [entry] = [e for e in home["entries"] if e["id"] == created["id"]]
    assert set(entry) == ENTRY_KEYS
    assert entry == {"type": "folder", "id": created["id"], "name": name,
                     "creation_date": f["creation_date"],
                     "creator": {"id": owner.id, "name": owner.name}}


def test_create_folder_without_description(owner):
    fid = make_folder(owner.client, owner.home_folder_id)
    assert get_folder(owner.client, fid)["description"] is None


def test_create_folder_with_null_description(owner):
    r = owner.client.post("/folder/create", json={"name": uniq("f"), "parentId":
                                                  owner.home_folder_id, "description": None})
    assert r.status_code == 200, r.text
    assert get_folder(owner.client, r.json()["id"])["description"] is None


def test_create_nested_folders(owner):
    a = make_folder(owner.client, owner.home_folder_id, "A")
    b = make_folder(owner.client, a, "B")
    c = make_folder(owner.client, b, "C")
    assert entry_ids(owner.client, a) == {b}
    assert entry_ids(owner.client, b) == {c}
    assert get_folder(owner.client, c)["parents"] == [{"id": b, "name": "B"}]


def test_names_are_stored_verbatim(owner):
    for name in ["Données 🧪 — ünïcödé", "  leading and trailing  ", "..", ".", "a\\b",
                 "<b>bold<b>", "<img src=x onerror=alert(1)>", "'; DROP TABLE entries; --", "%2F", "名前", "x" * 1024]:
        r = owner.client.post("/folder/create", json={"name": name,
                                                      "parentId": owner.home_folder_id})
        assert r.status_code == 200, (name, r.text)
        assert r.json()["name"] == name
        assert get_folder(owner.client, r.json()["id"])["name"] == name


def test_same_name_twice_gives_two_folders(owner):
    a = make_folder(owner.client, owner.home_folder_id, "twin")
    b = make_folder(owner.client, owner.home_folder_id, "twin")
    assert a != b
    assert {a, b} <= entry_ids(owner.client, owner.home_folder_id)


def test_create_in_unknown_parent_is_404(owner):
    before = entry_ids(owner.client, owner.home_folder_id)
    assert_problem(owner.client.post("/folder/create", json={"name": "orphan",
                                                             "parentId": "0" * 32}),
                   404, "parentId")
    assert entry_ids(owner.client, owner.home_folder_id) == before


@pytest.mark.parametrize("body,field", [
    ({"parentId": "HOME"}, "name"),
    ({"name": "x"}, "parentId"),
    ({"name": 5, "parentId": "HOME"}, "name"),
    ({"name": "x", "parentId": 5}, "parentId"),
    ({"name": "x", "parentId": "HOME", "description": 5}, "description"),
    ({"name": "x", "parentId": "HOME", "description": "bell\x07"}, "description"),
    ({"name": "", "parentId": "HOME"}, "name"),
    ({"name": "a/b", "parentId": "HOME"}, "name"),
    ({"name": "x" * 1025, "parentId": "HOME"}, "name"),
])
def test_create_folder_bad_bodies(owner, body, field):
    body = {k: (owner.home_folder_id if v == "HOME" else v) for k, v in body.items()}
    before = entry_ids(owner.client, owner.home_folder_id)
    assert_problem(owner.client.post("/folder/create", json=body), 400, field)
    assert entry_ids(owner.client, owner.home_folder_id) == before


# Rename and describe -----------------------------------------------------------------------------
def test_rename_folder(owner):
    fid = make_folder(owner.client, owner.home_folder_id, "before")
    r = owner.client.post(f"/folder/{fid}/name", json={"name": "after"})
    assert r.status_code == 200, r.text
    assert r.json() == fid
    assert get_folder(owner.client, fid)["name"] == "after"
    [entry] = [e for e in get_folder(owner.client, owner.home_folder_id)["entries"]
               if e["id"] == fid]
    assert entry["name"] == "after"


def test_rename_home_folder(owner):
    r = owner.client.post(f"/folder/{owner.home_folder_id}/name", json={"name": "My place"})
    assert r.status_code == 200, r.text
    assert get_folder(owner.client, owner.home_folder_id)["name"] == "My place"
    assert get_folder(owner.client, owner.home_folder_id)["folder_type"] == "home"


def test_describe_folder(owner):
    fid = make_folder(owner.client, owner.home_folder_id, description="old")
    text = "# Title\n\n\ttabbed\r\nunicode ✓"
    r = owner.client.post(f"/folder/{fid}/description", json={"description": text})
    assert r.status_code == 200, r.text
    assert r.json() == fid
    assert get_folder(owner.client, fid)["description"] == text
    # An empty description is a description.
    r = owner.client.post(f"/folder/{fid}/description", json={"description": ""})
    assert r.status_code == 200, r.text
    assert get_folder(owner.client, fid)["description"] == ""


def test_rename_and_describe_unknown_folder_is_404(owner):
    assert_problem(owner.client.post("/folder/nope/name", json={"name": "x"}), 404, "nope")
    assert_problem(owner.client.post("/folder/nope/description", json={"description": "x"}),
                   404, "nope")


@pytest.mark.parametrize("body,field", [
    ({}, "name"), ({"name": None}, "name"), ({"name": 1}, "name"), ({"name": " "}, "name"),
    ({"name": "a/b"}, "name"), ({"name": "new\nline"}, "name"), ({"name": "é" * 513}, "name"),
])
def test_rename_bad_bodies(owner, body, field):
    fid = make_folder(owner.client, owner.home_folder_id, "keep")
    assert_problem(owner.client.post(f"/folder/{fid}/name", json=body), 400, field)
    assert get_folder(owner.client, fid)["name"] == "keep"


@pytest.mark.parametrize("body", [{}, {"description": None}, {"description": 3},
                                  {"description": "nul\x00"}, {"description": "esc\x1b[31m"}])
def test_describe_bad_bodies(owner, body):
    fid = make_folder(owner.client, owner.home_folder_id, description="keep")
    assert_problem(owner.client.post(f"/folder/{fid}/description", json=body), 400,
                   "description")
    assert get_folder(owner.client, fid)["description"] == "keep"


# Move ----------------------------------------------------------------------------------------------
@pytest.fixture
def tree(owner):
    """owner's Home/{A/{C}, B}"""
    s = owner.client
    a = make_folder(s, owner.home_folder_id, "A")
    b = make_folder(s, owner.home_folder_id, "B")
    c = make_folder(s, a, "C")
    return owner, a, b, c


def test_move_between_folders(tree):
    owner, a, b, c = tree
    s = owner.client
    r = s.post("/move", json={"entryIds": [c], "currentFolderId": a, "targetFolderId": b})
    assert r.status_code == 200, r.text
    assert r.json() == {}
    assert entry_ids(s, a) == set()
    assert entry_ids(s, b) == {c}
    assert get_folder(s, c)["parents"] == [{"id": b, "name": "B"}]


def test_move_several_entries(tree):
    owner, a, b, c = tree
    s = owner.client
    d = make_folder(s, a, "D")
    r = s.post("/move", json={"entryIds": [c, d], "currentFolderId": a, "targetFolderId": b})
    assert r.status_code == 200, r.text
    assert entry_ids(s, a) == set()
    assert entry_ids(s, b) == {c, d}


def test_move_same_entry_listed_twice(tree):
    owner, a, b, c = tree
    s = owner.client
    r = s.post("/move", json={"entryIds": [c, c], "currentFolderId": a, "targetFolderId": b})
    assert r.status_code == 200, r.text
    assert entry_ids(s, b) == {c} and entry_ids(s, a) == set()


@pytest.mark.parametrize("target", ["absent", None, ""])
def test_move_without_target_goes_to_the_callers_trash(tree, target):
    owner, a, b, c = tree
    s = owner.client
    body = {"entryIds": [c], "currentFolderId": a}
    if target != "absent":
        body["targetFolderId"] = target
    r = s.post("/move", json=body)
    assert r.status_code == 200, r.text
    assert entry_ids(s, a) == set()
    assert c in entry_ids(s, owner.trash_folder_id)
    # ... and back out of the Trash.
    r = s.post("/move", json={"entryIds": [c], "currentFolderId": owner.trash_folder_id,
                              "targetFolderId": a})
    assert r.status_code == 200, r.text
    assert entry_ids(s, a) == {c}
    assert c not in entry_ids(s, owner.trash_folder_id)


def test_move_to_where_it_already_is(tree):
    owner, a, b, c = tree
    s = owner.client
    assert s.post("/copy", json={"entryIds": [c], "folderId": b}).status_code == 200
    r = s.post("/move", json={"entryIds": [c], "currentFolderId": a, "targetFolderId": b})
    assert r.status_code == 200, r.text
    assert [e["id"] for e in get_folder(s, b)["entries"]] == [c]
    assert entry_ids(s, a) == set()


def test_move_within_the_same_folder_is_a_no_op(tree):
    owner, a, b, c = tree
    s = owner.client
    r = s.post("/move", json={"entryIds": [c], "currentFolderId": a, "targetFolderId": a})
    assert r.status_code == 200, r.text
    assert entry_ids(s, a) == {c}


def test_move_entry_not_in_current_folder_is_400_and_changes_nothing(tree):
    owner, a, b, c = tree
    s = owner.client
    d = make_folder(s, a, "D")
    stray = make_folder(s, owner.home_folder_id, "stray")
    # d comes first and is in A: the whole move must still be undone.
    body = {"entryIds": [d, stray], "currentFolderId": a, "targetFolderId": b}
    assert_problem(s.post("/move", json=body), 400, stray)
    assert entry_ids(s, a) == {c, d}
    assert entry_ids(s, b) == set()
    assert stray in entry_ids(s, owner.home_folder_id)


def test_move_folder_into_itself_is_400(tree):
    owner, a, b, c = tree
    s = owner.client
    body = {"entryIds": [a], "currentFolderId": owner.home_folder_id, "targetFolderId": a}
    assert_problem(s.post("/move", json=body), 400, "entryIds[0]")
    assert a in entry_ids(s, owner.home_folder_id)
    assert entry_ids(s, a) == {c}


def test_move_folder_into_its_descendant_is_400(tree):
    owner, a, b, c = tree
    s = owner.client
    deep = make_folder(s, c, "deep")
    body = {"entryIds": [b, a], "currentFolderId": owner.home_folder_id, "targetFolderId": deep}
    assert_problem(s.post("/move", json=body), 400, "entryIds[1]")
    # all or nothing: b (fine on its own) did not move either
    assert {a, b} <= entry_ids(s, owner.home_folder_id)
    assert entry_ids(s, deep) == set()


@pytest.mark.parametrize("which", ["home", "trash", "public"])
def test_special_folders_cannot_be_moved(owner, admin, which):
    s = owner.client
    target = make_folder(s, owner.home_folder_id, "target")
    entry = {"home": owner.home_folder_id, "trash": owner.trash_folder_id, "public": "public"}
    body = {"entryIds": [entry[which]], "currentFolderId": owner.home_folder_id,
            "targetFolderId": target}
    assert_problem(s.post("/move", json=body), 400, "entryIds[0]")
    assert entry_ids(s, target) == set()


def test_move_unknown_ids_are_404_naming_the_field(tree):
    owner, a, b, c = tree
    s = owner.client
    assert_problem(s.post("/move", json={"entryIds": [c, "0" * 32], "currentFolderId": a,
                                         "targetFolderId": b}), 404, "entryIds[1]")
    assert_problem(s.post("/move", json={"entryIds": [c], "currentFolderId": "0" * 32,
                                         "targetFolderId": b}), 404, "currentFolderId")
    assert_problem(s.post("/move", json={"entryIds": [c], "currentFolderId": a,
                                         "targetFolderId": "0" * 32}), 404, "targetFolderId")
    assert entry_ids(s, a) == {c}
    assert entry_ids(s, b) == set()


@pytest.mark.parametrize("body,field", [
    ({"currentFolderId": "A"}, "entryIds"),
    ({"entryIds": ["C"]}, "currentFolderId"),
    ({"entryIds": "C", "currentFolderId": "A"}, "entryIds"),
    ({"entryIds": [1], "currentFolderId": "A"}, "entryIds[0]"),
    ({"entryIds": ["C", None], "currentFolderId": "A"}, "entryIds[1]"),
    ({"entryIds": [], "currentFolderId": "A"}, "entryIds"),
    ({"entryIds": ["C"], "currentFolderId": 7}, "currentFolderId"),
    ({"entryIds": ["C"], "currentFolderId": "A", "targetFolderId": ["B"]}, "targetFolderId"),
])
def test_move_bad_bodies(tree, body, field):
    owner, a, b, c = tree
    ids = {"A": a, "B": b, "C": c}
    fix = lambda v: ids.get(v, v) if isinstance(v, str) else ([fix(x) for x in v]
                                                               if isinstance(v, list) else v)
    body = {k: fix(v) for k, v in body.items()}
    assert_problem(owner.client.post("/move", json=body), 400, field)
    assert entry_ids(owner.client, a) == {c}


# Copy ----------------------------------------------------------------------------------------------
def test_copy_adds_a_parent(tree):
    owner, a, b, c = tree
    s = owner.client
    r = s.post("/copy", json={"entryIds": [c], "folderId": b})
    assert r.status_code == 200, r.text
    assert r.json() == {}
    assert entry_ids(s, a) == {c}
    assert entry_ids(s, b) == {c}
    parents = get_folder(s, c)["parents"]
    assert sorted(parents, key=lambda p: p["name"]) == [{"id": a, "name": "A"},
                                                        {"id": b, "name": "B"}]
    # It is a link, not a copy: a rename shows in both.
    s.post(f"/folder/{c}/name", json={"name": "C2"})
    assert [e["name"] for e in get_folder(s, a)["entries"]] == ["C2"]
    assert [e["name"] for e in get_folder(s, b)["entries"]] == ["C2"]


def test_copy_twice_lists_the_entry_once(tree):
    owner, a, b, c = tree
    s = owner.client
    for _ in range(2):
        assert s.post("/copy", json={"entryIds": [c], "folderId": b}).status_code == 200
    assert [e["id"] for e in get_folder(s, b)["entries"]] == [c]
    assert len(get_folder(s, c)["parents"]) == 2


def test_copy_folder_into_itself_or_descendant_is_400(tree):
    owner, a, b, c = tree
    s = owner.client
    assert_problem(s.post("/copy", json={"entryIds": [a], "folderId": a}), 400, "entryIds[0]")
    assert_problem(s.post("/copy", json={"entryIds": [b, a], "folderId": c}), 400, "entryIds[1]")
    assert entry_ids(s, c) == set()
    assert entry_ids(s, a) == {c}


def test_copy_unknown_ids_are_404(tree):
    owner, a, b, c = tree
    s = owner.client
    assert_problem(s.post("/copy", json={"entryIds": [c], "folderId": "0" * 32}), 404, "folderId")
    assert_problem(s.post("/copy", json={"entryIds": [c, "nope"], "folderId": b}), 404,
                   "entryIds[1]")
    assert entry_ids(s, b) == set()


@pytest.mark.parametrize("body,field", [
    ({"folderId": "B"}, "entryIds"),
    ({"entryIds": ["C"]}, "folderId"),
    ({"entryIds": {"id": "C"}, "folderId": "B"}, "entryIds"),
    ({"entryIds": [True], "folderId": "B"}, "entryIds[0]"),
    ({"entryIds": [], "folderId": "B"}, "entryIds"),
    ({"entryIds": ["C"], "folderId": 1.5}, "folderId"),
])
def test_copy_bad_bodies(tree, body, field):
    owner, a, b, c = tree
    ids = {"B": b, "C": c}
    body = {k: ([ids.get(x, x) for x in v] if isinstance(v, list) else ids.get(v, v)
                if isinstance(v, str) else v) for k, v in body.items()}
    assert_problem(owner.client.post("/copy", json=body), 400, field)
    assert entry_ids(owner.client, b) == set()


def test_special_folders_cannot_be_copied(owner):
    s = owner.client
    target = make_folder(s, owner.home_folder_id, "target")
    for special in (owner.home_folder_id, owner.trash_folder_id, "public"):
        assert_problem(s.post("/copy", json={"entryIds": [special], "folderId": target}), 400)
    assert entry_ids(s, target) == set()


def test_entries_list_folders(owner):
    s = owner.client
    names = ["zeta", "Alpha", "mid"]
    ids = {make_folder(s, owner.home_folder_id, n): n for n in names}
    entries = get_folder(s, owner.home_folder_id)["entries"]
    assert {e["id"]: e["name"] for e in entries} == ids
    for e in entries:
        assert set(e) == ENTRY_KEYS and e["type"] == "folder"
        assert ISO.match(e["creation_date"])
        assert e["creator"] == {"id": owner.id, "name": owner.name}


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


def test_concurrent_creates_all_land(owner, client):
    sessions = [client(owner.token) for _ in range(8)]

    def creator(s, i):
        return lambda: [s.post("/folder/create", json={"name": f"c{i}-{j}",
                                                       "parentId": owner.home_folder_id})
                        for j in range(5)]

    results = run_together(*[creator(s, i) for i, s in enumerate(sessions)])
    created = set()
    for responses in results:
        for r in responses:
            assert r.status_code == 200, r.text
            created.add(r.json()["id"])
    assert len(created) == 40
    assert created <= entry_ids(owner.client, owner.home_folder_id)


def test_crossed_concurrent_moves_make_no_cycle(owner, client):
    """Moving A into B while B moves into A: at most one may succeed, or both folders leave Home
    for a cycle that no folder reaches any more."""
    s1, s2 = client(owner.token), client(owner.token)
    home = owner.home_folder_id
    for i in range(15):
        a = make_folder(owner.client, home, f"A{i}")
        b = make_folder(owner.client, home, f"B{i}")
        r1, r2 = run_together(
            lambda: s1.post("/move", json={"entryIds": [a], "currentFolderId": home,
                                           "targetFolderId": b}),
            lambda: s2.post("/move", json={"entryIds": [b], "currentFolderId": home,
                                           "targetFolderId": a}))
        codes = sorted([r1.status_code, r2.status_code])
        assert codes != [200, 200], f"round {i}: both crossed moves succeeded: A and B now " \
                                    f"contain each other"
        assert r1.status_code < 500 and r2.status_code < 500, (r1.text, r2.text)
        assert {a, b} & entry_ids(owner.client, home)
