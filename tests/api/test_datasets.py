"""Datasets end to end on the real protocol: bytes to the S3 endpoint with boto3, registration,
processing, POST /dataset and /datasetVersion, every way of reading them back, signed downloads,
updates, states, the activity log and permanent deletion."""
import concurrent.futures
import hashlib
import os

import pytest
import requests

from conftest import assert_problem, uniq
from flows import add_s3_file, create_dataset, download, new_session, put_bytes, wait_task

RAW = b"a,b,c\nd,1,2,3\n"
RAW_SHA256 = "629910bba467f4d6f518d309b3d2a99e316d7d5ef1faa744a7c5a6a084219255"
RAW_MD5 = "28ed28fa14570cc1409563f848a4c962"


@pytest.fixture
def owner(new_user):
    return new_user("owner")


def version_of(api, dataset, number=None):
    n = number or max(int(v["name"]) for v in dataset["versions"])
    r = api.get(f"/dataset/{dataset['permanames'][0]}/{n}")
    assert r.status_code == 200, r.text
    return r.json()["datasetVersion"]


def test_create_and_read_back_every_way(owner):
    api = owner.client
    ds = create_dataset(api, {"raw": RAW}, name="My Data (v2)!")
    perm = ds["permanames"][0]
    assert perm.startswith("my-data-v2--") and len(perm) == len("my-data-v2--") + 4
    assert ds["name"] == "My Data (v2)!" and ds["description"] == "a description"
    assert [(v["name"], v["state"]) for v in ds["versions"]] == [("1", "approved")]
    assert ds["can_edit"] is True and ds["can_view"] is True
    home = api.get("/user").json()["home_folder_id"]
    assert [f["id"] for f in ds["folders"]] == [home]
    assert api.get(f"/dataset/{ds['id']}").json() == ds
    vid = ds["versions"][0]["id"]
    by_number = api.get(f"/dataset/{perm}/1").json()
    by_none = api.get(f"/dataset/None/{vid}").json()
    assert by_number == by_none
    assert by_number["dataset"]["id"] == ds["id"]
    v = by_number["datasetVersion"]
    assert v["id"] == vid and v["name"] == "1" and v["version"] == "1"
    assert v["state"] == "approved" and v["reason_state"] == "" and v["description"] == "a description"
    assert v["creator"]["name"] == owner.name
    [f] = v["datafiles"]
    assert f["name"] == "raw" and f["datafile_type"] == "s3" and f["type"] == "Raw"
    assert "underlying_file_id" not in f
    assert f["original_file_sha256"] == RAW_SHA256 and f["original_file_md5"] == RAW_MD5
    assert f["allowed_conversion_type"] == ["raw"] and f["short_summary"] == "14 Bytes"
    assert api.get(f"/datasetVersion/{vid}").json() == v
    assert api.get(f"/dataset/{ds['id']}/last").json() == v
    assert api.get(f"/dataset/{perm}/latest").json()["datasetVersion"]["id"] == vid
    assert_problem(api.get(f"/dataset/{perm}/2"), 404)
    assert_problem(api.get("/dataset/nope-0000"), 404)


def test_signed_downloads_work_without_credentials(owner):
    api = owner.client
    ds = create_dataset(api, {"raw file": RAW}, name="Download Me")
    perm = ds["permanames"][0]
    for fmt in ("raw", "raw_test"):
        r = api.get("/datafile", params={"dataset_permaname": perm, "version": "1",
                                         "datafile_name": "raw file", "format": fmt})
        assert r.status_code == 200, r.text
        meta = r.json()
        assert meta["state"] == "Approved" and meta["datafile_format"] == "Raw"
        assert meta["dataset_permaname"] == perm and meta["dataset_version"] == "1"
        assert meta["status"] == "Completed successfully"
        got = download(meta["urls"][0])
        assert got.content == RAW
        disposition = got.headers["Content-Disposition"]
        assert "download-me_v1-raw-file" in disposition
    meta = api.get("/datafile", params={"dataset_version_id": ds["versions"][0]["id"],
                                        "format": "metadata"}).json()
    assert "urls" not in meta and meta["datafile_name"] == "raw file"
    url = api.get("/datafile", params={"dataset_permaname": perm, "format": "raw"}).json()["urls"][0]
    assert requests.get(url[:-3] + ("aaa" if not url.endswith("aaa") else "bbb"), timeout=30).status_code == 403


def test_datafile_lookup_errors(owner):
    api = owner.client
    ds = create_dataset(api, {"a": b"1", "b": b"2"})
    perm = ds["permanames"][0]
    assert_problem(api.get("/datafile", params={"dataset_permaname": perm, "format": "raw"}), 400)
    assert_problem(api.get("/datafile", params={"format": "raw"}), 400)
    assert_problem(api.get("/datafile", params={"dataset_permaname": perm, "datafile_name": "a"}), 400)
    assert_problem(api.get("/datafile", params={"dataset_permaname": perm, "datafile_name": "zz",
                                                "format": "raw"}), 404)
    assert_problem(api.get("/datafile", params={"dataset_permaname": perm, "datafile_name": "a",
                                                "format": "csv"}), 400, "offers")
    assert_problem(api.get("/datafile", params={"dataset_permaname": perm, "version": "x",
                                                "datafile_name": "a", "format": "raw"}), 400)


def test_new_version_keeps_unreplaced_files_as_aliases(owner):
    api = owner.client
    ds = create_dataset(api, {"keep": b"kept bytes", "replace": b"old"}, name="versions")
    perm = ds["permanames"][0]
    v1 = version_of(api, ds, 1)
    sid = new_session(api)
    add_s3_file(api, sid, b"new bytes", "replace")
    add_s3_file(api, sid, b"added", "extra")
    r = api.post("/datasetVersion", json={"sessionId": sid, "datasetId": ds["id"],
                                          "newDescription": "second", "changesDescription": "why",
                                          "addExistingFiles": True, "datasetVersion": None})
    assert r.status_code == 200, r.text
    v2 = api.get(f"/datasetVersion/{r.json()}").json()
    assert v2["version"] == "2" and v2["changes_description"] == "why"
    files = {f["name"]: f for f in v2["datafiles"]}
    assert sorted(files) == ["extra", "keep", "replace"]
    assert files["keep"]["datafile_type"] == "virtual"
    assert files["keep"]["underlying_file_id"] == f"{perm}.1/keep"
    old_keep = next(f for f in v1["datafiles"] if f["name"] == "keep")
    assert files["keep"]["original_file_sha256"] == old_keep["original_file_sha256"]
    assert files["replace"]["original_file_sha256"] == hashlib.sha256(b"new bytes").hexdigest()
    url = api.get("/datafile", params={"dataset_permaname": perm, "version": "2",
                                       "datafile_name": "keep", "format": "raw"}).json()
    assert url["datafile_type"] == "virtual" and url["underlying_file_id"] == f"{perm}.1/keep"
    assert download(url["urls"][0]).content == b"kept bytes"
    log = api.get(f"/dataset/{ds['id']}/activityLog").json()
    assert [a["type"] for a in log] == ["created", "added_version"]
    assert log[1]["comments"] == "Added:\n- extra\nUpdated:\n- replace"
    assert log[1]["dataset_version"] == 2 and log[1]["dataset_description"] == "second"
    assert api.get(f"/dataset/{ds['id']}").json()["description"] == "second"


def test_virtual_files_and_metadata_merge(owner):
    api = owner.client
    src = create_dataset(api, {"t": b"x"}, name="source")
    perm = src["permanames"][0]
    sid = new_session(api)
    r = api.post(f"/datafile/{sid}", json={"filename": "alias", "filetype": "virtual",
                                           "existingTaigaId": f"{perm}.1/t",
                                           "custom_metadata": {"k": "v"}})
    assert r.status_code == 200 and r.json() == "done", r.text
    for bad, why in [("not a taiga id", "not formatted"), (f"{perm}.9/t", "Unknown"),
                     (f"{perm}.1/none", "Unknown"), ("nope-0000.1/t", "Unknown")]:
        r = api.post(f"/datafile/{sid}", json={"filename": "x", "filetype": "virtual",
                                               "existingTaigaId": bad})
        assert_problem(r, 400, why)
    folder = api.get("/user").json()["home_folder_id"]
    dsid = api.post("/dataset", json={"sessionId": sid, "datasetName": "aliases",
                                      "currentFolderId": folder}).json()
    [f] = version_of(api, api.get(f"/dataset/{dsid}").json(), 1)["datafiles"]
    assert f["underlying_file_id"] == f"{perm}.1/t" and f["custom_metadata"] == {"k": "v"}


def test_rename_adds_a_permaname_and_old_ones_resolve(owner):
    api = owner.client
    ds = create_dataset(api, {"f": b"1"}, name="first name")
    old = ds["permanames"][0]
    assert api.post(f"/dataset/{ds['id']}/name", json={"name": "Second Name"}).json() == ds["id"]
    renamed = api.get(f"/dataset/{old}").json()
    assert renamed["name"] == "Second Name" and renamed["permanames"][0].startswith("second-name-")
    assert api.get(f"/dataset/{renamed['permanames'][0]}").json()["id"] == ds["id"]
    full = api.post("/datasets", json={"datasetIds": [ds["id"]]}).json()[0]
    assert full["permanames"][0] == old and full["permaname"] == renamed["permanames"][0]
    assert api.get(f"/dataset/{old}/1").json()["dataset"]["id"] == ds["id"]
    assert api.post(f"/dataset/{ds['id']}/description", json={"description": "new d"}).status_code == 200
    assert api.get(f"/dataset/{ds['id']}").json()["description"] == "new d"
    types = [a["type"] for a in api.get(f"/dataset/{ds['id']}/activityLog").json()]
    assert types == ["created", "changed_name", "changed_description"]


def test_version_states_with_reasons(owner):
    api = owner.client
    ds = create_dataset(api, {"f": b"1"})
    vid = ds["versions"][0]["id"]
    perm = ds["permanames"][0]
    assert_problem(api.post(f"/datasetVersion/{vid}/deprecate", json={"deprecationReason": " "}), 400)
    assert api.post(f"/datasetVersion/{vid}/deprecate", json={"deprecationReason": "bad data"}).json() == {}
    v = api.get(f"/datasetVersion/{vid}").json()
    assert v["state"] == "deprecated" and v["reason_state"] == "bad data"
    meta = api.get("/datafile", params={"dataset_permaname": perm, "format": "metadata"}).json()
    assert meta["state"] == "Deprecated" and meta["reason_state"] == "bad data"
    assert api.post(f"/datasetVersion/{vid}/delete", json={"reason": "gone"}).status_code == 200
    assert api.get(f"/dataset/{perm}").json()["versions"][0]["state"] == "deleted"
    assert api.get(f"/datasetVersion/{vid}").json()["reason_state"] == "gone"
    assert api.post(f"/datasetVersion/{vid}/de-deprecate").status_code == 200
    v = api.get(f"/datasetVersion/{vid}").json()
    assert v["state"] == "approved" and v["reason_state"] == ""
    assert_problem(api.post("/datasetVersion/" + "0" * 32 + "/delete"), 404)


def test_unfinished_failed_and_duplicate_files(owner):
    api = owner.client
    folder = api.get("/user").json()["home_folder_id"]
    sid = new_session(api)
    add_s3_file(api, sid, b"1", "same")
    add_s3_file(api, sid, b"2", " same ")
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": "dup", "currentFolderId": folder})
    assert_problem(r, 400, "Duplicate file names in upload: same")
    sid = new_session(api)
    task = add_s3_file(api, sid, b"a,b\n1,2\n", "table", fmt="TableCSV", wait=False)
    status = wait_task(api, task)
    if status["state"] == "FAILURE":  # conversion not available: the failure names the file
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "x", "currentFolderId": folder})
        assert_problem(r, 400, "table")
    sid = new_session(api)
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": "empty", "currentFolderId": folder})
    assert_problem(r, 400, "no files")


def test_registration_checks(owner, new_user):
    api = owner.client
    sid = new_session(api)
    creds = api.get("/credentials_s3").json()
    assert creds["prefix"].startswith("upload/") and creds["prefix"].endswith("/")
    assert set(creds) >= {"accessKeyId", "secretAccessKey", "sessionToken", "expiration", "bucket",
                          "prefix", "endpointUrl"}
    body = {"filename": "f", "filetype": "s3",
            "s3Upload": {"format": "Raw", "bucket": creds["bucket"], "key": "upload/someone-else/x"}}
    assert_problem(api.post(f"/datafile/{sid}", json=body), 403, "prefix")
    body["s3Upload"]["key"] = creds["prefix"] + sid + "/never-uploaded"
    assert_problem(api.post(f"/datafile/{sid}", json=body), 404)
    body["s3Upload"]["format"] = "Excel"
    assert_problem(api.post(f"/datafile/{sid}", json=body), 400, "format")
    assert_problem(api.post(f"/datafile/{sid}", json={"filename": "f", "filetype": "gcs",
                                                      "gcsPath": "gs://b/o"}), 400, "Google")
    assert_problem(api.post(f"/datafile/{sid}", json={"filename": "f", "filetype": "ftp"}), 400)
    assert_problem(api.post("/datafile/" + "0" * 32, json={"filename": "f", "filetype": "virtual",
                                                          "existingTaigaId": "a-0000.1/f"}), 404)
    other = new_user("intruder")
    r = other.client.post(f"/datafile/{sid}", json={"filename": "f", "filetype": "virtual",
                                                    "existingTaigaId": "a-0000.1/f"})
    assert_problem(r, 403)
    assert_problem(api.get("/task_status/" + "0" * 8 + "-0000-4000-8000-" + "0" * 12), 404)


def test_session_used_once_and_owned(owner, new_user):
    api = owner.client
    folder = api.get("/user").json()["home_folder_id"]
    sid = new_session(api)
    add_s3_file(api, sid, b"1", "f")
    other = new_user("thief")
    r = other.client.post("/dataset", json={"sessionId": sid, "datasetName": "stolen",
                                            "currentFolderId": other.client.get("/user").json()["home_folder_id"]})
    assert_problem(r, 403)
    assert api.post("/dataset", json={"sessionId": sid, "datasetName": "once",
                                      "currentFolderId": folder}).status_code == 200
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": "twice", "currentFolderId": folder})
    assert_problem(r, 409)


def test_others_may_read_but_not_change(owner, new_user):
    ds = create_dataset(owner.client, {"f": b"1"})
    other = new_user("reader").client
    assert other.get(f"/dataset/{ds['id']}").json()["can_edit"] is False
    assert_problem(other.post(f"/dataset/{ds['id']}/name", json={"name": "mine"}), 403)
    vid = ds["versions"][0]["id"]
    assert_problem(other.post(f"/datasetVersion/{vid}/deprecate", json={"deprecationReason": "x"}), 403)
    sid = new_session(other)
    add_s3_file(other, sid, b"2", "g")
    assert_problem(other.post("/datasetVersion", json={"sessionId": sid, "datasetId": ds["id"],
                                                       "newDescription": "x"}), 403)


def test_concurrent_new_versions_are_consecutive(owner):
    api = owner.client
    ds = create_dataset(api, {"f": b"0"})
    sessions = []
    for i in range(20):
        sid = new_session(api)
        add_s3_file(api, sid, str(i).encode(), "f")
        sessions.append(sid)

    def make(sid):
        return api.post("/datasetVersion", json={"sessionId": sid, "datasetId": ds["id"],
                                                 "newDescription": sid})

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(make, sessions))
    assert all(r.status_code == 200 for r in results), [r.text for r in results if r.status_code != 200]
    numbers = sorted(int(v["name"]) for v in api.get(f"/dataset/{ds['id']}").json()["versions"])
    assert numbers == list(range(1, 22))


def test_find_version_id(owner):
    api = owner.client
    ds = create_dataset(api, {"f": b"1"})
    perm, vid = ds["permanames"][0], ds["versions"][0]["id"]
    for text in (ds["id"], perm, f"{perm}.1", f"{perm}/1", vid):
        r = api.get("/datasetVersion/id/find", params={"entry_submitted_by_user": text})
        assert r.status_code == 200 and r.json() == vid, (text, r.text)
    assert_problem(api.get("/datasetVersion/id/find"), 400)
    assert_problem(api.get("/datasetVersion/id/find", params={"entry_submitted_by_user": "a.b.c"}), 400)
    assert_problem(api.get("/datasetVersion/id/find", params={"entry_submitted_by_user": "zzz"}), 404)
    versions = api.post("/datasetVersions", json={"datasetVersionIds": [vid, "0" * 32]}).json()
    assert [v["id"] for v in versions] == [vid]


def test_previews(owner):
    api = owner.client
    ds = create_dataset(api, {"f": b"1"})
    perm = ds["permanames"][0]
    [f] = version_of(api, ds, 1)["datafiles"]
    assert_problem(api.get(f"/datafile-preview/{f['id']}"), 404)
    preview = {"num_rows": 2, "num_columns": 60,
               "top_left_preview": {"column_names": [f"c{i}" for i in range(60)],
                                    "data": [[i] * 60 for i in range(70)]}}
    assert api.post(f"/datafile-preview/{f['id']}", json=preview).status_code == 201
    assert api.post(f"/datafile-preview/{perm}.1/f", json=preview).status_code == 200
    got = api.get(f"/datafile-preview/{perm}.1/f").json()
    assert got["num_columns"] == 60 and len(got["top_left_preview"]["column_names"]) == 50
    assert len(got["top_left_preview"]["data"]) == 50 and len(got["top_left_preview"]["data"][0]) == 50
    bad = {"top_left_preview": {"data": []}}
    assert_problem(api.post(f"/datafile-preview/{f['id']}", json=bad), 400, "column_names")


def test_permanent_deletion_from_the_trash(owner):
    api = owner.client
    home = api.get("/user").json()["home_folder_id"]
    ds = create_dataset(api, {"f": b"delete me"}, name="doomed")
    user_ds = create_dataset(api, {"g": b"2"}, name="user")
    assert_problem(api.delete(f"/dataset/{ds['id']}"), 409, "Trash")
    # Another dataset points into it: refused while that alias exists.
    sid = new_session(api)
    api.post(f"/datafile/{sid}", json={"filename": "alias", "filetype": "virtual",
                                       "existingTaigaId": f"{ds['permanames'][0]}.1/f"})
    api.post("/datasetVersion", json={"sessionId": sid, "datasetId": user_ds["id"],
                                      "newDescription": "with alias"})
    assert api.post("/move", json={"entryIds": [ds["id"]], "currentFolderId": home}).status_code == 200
    assert_problem(api.delete(f"/dataset/{ds['id']}"), 409, user_ds["permanames"][0])
    lonely = create_dataset(api, {"h": b"3"}, name="lonely")
    api.post("/move", json={"entryIds": [lonely["id"]], "currentFolderId": home})
    assert api.delete(f"/dataset/{lonely['id']}").status_code == 200
    assert_problem(api.get(f"/dataset/{lonely['id']}"), 404)
    trash = api.get("/user").json()["trash_folder_id"]
    assert lonely["id"] not in [e["id"] for e in api.get(f"/folder/{trash}").json()["entries"]]


def test_original_file_size_is_the_uploaded_byte_count(owner):
    """Issue #5: every s3 file reports the size of what was uploaded (before any conversion),
    virtual files their real file's; GET /api/datafile does not."""
    api = owner.client
    raw = os.urandom(1_500_001)  # several read chunks
    table = b"a,b,c\r\n" + b"".join(b"%d,x%d,0.5\r\n" % (i, i) for i in range(5000))
    sid = new_session(api)
    add_s3_file(api, sid, raw, "raw")
    add_s3_file(api, sid, table, "table", fmt="TableCSV")
    folder = api.get("/user").json()["home_folder_id"]
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": uniq("sizes"),
                                   "currentFolderId": folder})
    assert r.status_code == 200, r.text
    ds = api.get(f"/dataset/{r.json()}").json()
    perm = ds["permanames"][0]
    v1 = version_of(api, ds, 1)
    files = {f["name"]: f for f in v1["datafiles"]}
    assert files["raw"]["original_file_size"] == len(raw)
    assert files["table"]["type"] == "Columnar"
    assert files["table"]["original_file_size"] == len(table)
    assert api.get(f"/datasetVersion/{v1['id']}").json() == v1

    sid = new_session(api)
    r = api.post(f"/datafile/{sid}", json={"filename": "alias", "filetype": "virtual",
                                           "existingTaigaId": f"{perm}.1/table"})
    assert r.status_code == 200, r.text
    r = api.post("/datasetVersion", json={"sessionId": sid, "datasetId": ds["id"],
                                          "newDescription": "", "addExistingFiles": True,
                                          "datasetVersion": None})
    assert r.status_code == 200, r.text
    v2 = api.get(f"/datasetVersion/{r.json()}").json()
    files = {f["name"]: f for f in v2["datafiles"]}
    assert sorted(files) == ["alias", "raw", "table"]
    assert files["alias"]["datafile_type"] == "virtual"
    assert files["alias"]["original_file_size"] == len(table)
    assert files["raw"]["datafile_type"] == "virtual"  # kept from v1
    assert files["raw"]["original_file_size"] == len(raw)
    assert api.get(f"/dataset/{perm}/2").json()["datasetVersion"] == v2

    meta = api.get("/datafile", params={"dataset_permaname": perm, "version": "2",
                                        "datafile_name": "alias", "format": "metadata"}).json()
    assert "original_file_size" not in meta
