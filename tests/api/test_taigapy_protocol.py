"""The client protocol exactly as taigapy speaks it (shared/reference/taigapy-protocol.md).

Every call here goes through `Taigapy`, a strict copy of taigapy's TaigaApi transport: the URL is
base_url + "/api/...", every GET and POST carries `?taigapy_version=unknown` and
`Authorization: Bearer <token>` and nothing else, POST bodies are JSON, GETs are streamed. Where
taigapy would raise on anything but 200 (its _standard_response_handler), `Taigapy.get/post`
assert exactly 200 with a JSON body. S3 uploads use boto3 built exactly as taigapy's
_create_s3_uploader builds it (no botocore Config: default addressing, retries and transfer
settings) and `upload_file` to `<prefix><session>/<uuid4 hex>`; downloads are a bare
`requests.get(urls[0], stream=True)` without the Authorization header.

One test per item of the checklist in §11 (test_itemNN_*), then the v3 call sequences of §4 as
whole flows (test_flow_*). Behaviour already pinned by test_datasets.py (lookups, states,
deletion, activity log, the concurrent-versions race) is not repeated; the S3 endpoint's own
error catalogue is test_s3_endpoint.py's.
"""
import dataclasses
import hashlib
import os
import re
import threading
import time
import uuid
from typing import Optional

import boto3
import pytest
import requests

from conftest import BLOB_MODE

MIB = 1024 * 1024
TASK_KEYS = {"id", "state", "message", "current", "total", "s3Key"}
KNOWN_TASK_STATES = {"PENDING", "STARTED", "SUCCESS", "FAILURE", "RETRY", "REVOKED", "PROGRESS"}
DATAFILE_ID_PATTERN = r"^([a-z0-9-]+)\.([0-9]+)/(.*)$"  # client_v3.DATAFILE_ID_PATTERN
DATAFILE_FORMATS = {"HDF5", "Columnar", "Raw", ""}  # taigapy's DataFileFormat enum
DATAFILE_TYPES = {"s3", "virtual", "gcs"}
VERSION_STATES_LOWER = {"approved", "deprecated", "deleted"}  # /api/dataset... (enum names)
VERSION_STATES_VALUE = {"Approved", "Deprecated", "Deleted"}  # /api/datafile (enum values)
# What taigapy's DataFileMetadata reads with [] from GET /api/datafile.
DATAFILE_REQUIRED = {"dataset_name", "dataset_permaname", "dataset_version", "dataset_id",
                     "dataset_version_id", "datafile_name", "status", "state", "datafile_type"}


# The transport ---------------------------------------------------------------------------------
class Taigapy:
    """taigapy's TaigaApi._request_get/_request_post, made strict. `calls` records
    (method, endpoint, status) of every API call, in order."""

    def __init__(self, base_url, token):
        self.url = base_url
        self.token = token
        self.calls = []

    def _headers(self):
        return {"Authorization": "Bearer " + self.token}

    def raw_get(self, endpoint, params=None):
        params = dict(params or {})
        params["taigapy_version"] = "unknown"
        # requests drops None values from params, as it does for taigapy (version=None)
        r = requests.get(self.url + endpoint, stream=True, params=params, headers=self._headers(),
                         timeout=60)
        self.calls.append(("GET", endpoint, r.status_code))
        return r

    def raw_post(self, endpoint, data):
        assert data is not None
        r = requests.post(self.url + endpoint, params={"taigapy_version": "unknown"}, json=data,
                          headers=self._headers(), timeout=60)
        self.calls.append(("POST", endpoint, r.status_code))
        return r

    def get(self, endpoint, params=None):
        return ok_json(self.raw_get(endpoint, params))

    def post(self, endpoint, data):
        return ok_json(self.raw_post(endpoint, data))


def ok_json(r):
    """What taigapy accepts: exactly 200 and a body r.json() can parse."""
    assert r.status_code == 200, \
        f"{r.request.method} {r.url}: taigapy needs exactly 200, got {r.status_code}: {r.text[:400]}"
    ctype = r.headers.get("Content-Type", "").split(";")[0].strip()
    assert ctype == "application/json", (r.url, ctype)
    return r.json()


@pytest.fixture
def tp(server, new_user):
    """A taigapy-shaped client for a fresh user."""
    user = new_user("taigapy")
    t = Taigapy(server.base_url, user.token)
    t.user = user
    return t


# taigapy's local file types ----------------------------------------------------------------------
@dataclasses.dataclass
class UploadedFile:
    name: str
    local_path: str
    format: str = "RAW"  # LocalFormat: RAW, HDF5_MATRIX, PARQUET_TABLE, CSV_TABLE, CSV_MATRIX
    encoding: str = "utf8"
    custom_metadata: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class TaigaReference:
    name: str
    taiga_id: str
    custom_metadata: dict = dataclasses.field(default_factory=dict)


# client_v3._upload_file: LocalFormat -> (s3Upload.format, client_storage_format)
UPLOAD_FORMATS = {"CSV_MATRIX": ("NumericMatrixCSV", None), "CSV_TABLE": ("TableCSV", None),
                  "RAW": ("Raw", None), "HDF5_MATRIX": ("Raw", "raw_hdf5_matrix"),
                  "PARQUET_TABLE": ("Raw", "raw_parquet_table")}


def write(tmp_path, data, name=None):
    path = tmp_path / (name or uuid.uuid4().hex)
    path.write_bytes(data)
    return str(path)


def taigapy_s3_client(creds):
    """boto3 exactly as _create_s3_uploader makes it: endpoint and region only with endpointUrl."""
    kwargs = dict(aws_access_key_id=creds["accessKeyId"],
                  aws_secret_access_key=creds["secretAccessKey"],
                  aws_session_token=creds["sessionToken"])
    if creds["endpointUrl"]:
        kwargs["endpoint_url"] = creds["endpointUrl"]
        kwargs["region_name"] = "us-east-1"
    return boto3.client("s3", **kwargs)


class Uploader:
    """_create_s3_uploader: an upload session, then credentials, then boto3 upload_file."""

    def __init__(self, tp):
        self.session_id = tp.get("/api/upload_session")
        creds = tp.get("/api/credentials_s3")
        for k in ("accessKeyId", "secretAccessKey", "sessionToken", "bucket", "prefix",
                  "expiration"):
            assert k in creds, (k, creds)  # S3Credentials reads them all with []
        self.creds = creds
        self.s3 = taigapy_s3_client(creds)
        self.s3_ops = []
        self.s3.meta.events.register("before-call.s3.*", lambda model, **kw: self.s3_ops.append(
            (model.name, threading.get_ident())))

    def upload(self, local_path):
        key = f"{self.creds['prefix']}{self.session_id}/{uuid.uuid4().hex}"
        self.s3.upload_file(local_path, self.creds["bucket"], key)
        return self.creds["bucket"], key


def poll_task(tp, task_id, timeout=60, interval=0.02):
    """TaigaApi._poll_task without its 1 s sleeps (the loop and the reads are the same): every
    status must have the six keys and a state taigapy's TaskState knows. Returns (final status,
    every status read)."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        status = tp.get(f"/api/task_status/{task_id}")
        assert set(status) >= TASK_KEYS, status
        assert status["state"] in KNOWN_TASK_STATES, status
        assert status["id"] == task_id
        assert isinstance(status["message"], str) and isinstance(status["s3Key"], str)
        float(status["current"]), float(status["total"])
        seen.append(status)
        if status["state"] in ("SUCCESS", "FAILURE"):
            return status, seen
        assert time.monotonic() < deadline, f"task {task_id} did not finish: {status}"
        time.sleep(interval)


def register(tp, session_id, body):
    """TaigaApi.upload_file_to_taiga: POST, then "done" or poll. Returns (answer, final status)."""
    answer = tp.post(f"/api/datafile/{session_id}", body)
    assert isinstance(answer, str), answer
    if answer == "done":
        return answer, None
    status, _ = poll_task(tp, answer)
    return answer, status


def upload_one(tp, uploader, f):
    """client_v3._upload_file for one UploadedFile or TaigaReference. Returns the final task
    status (None for "done")."""
    if isinstance(f, TaigaReference):
        body = {"filename": f.name, "filetype": "virtual", "existingTaigaId": f.taiga_id,
                "custom_metadata": f.custom_metadata}
        answer, status = register(tp, uploader.session_id, body)
        assert answer == "done"
        return None
    bucket, key = uploader.upload(f.local_path)
    fmt, storage = UPLOAD_FORMATS[f.format]
    metadata = dict(f.custom_metadata)
    if storage:
        metadata["client_storage_format"] = storage
    body = {"filename": f.name, "filetype": "s3",
            "s3Upload": {"format": fmt, "bucket": bucket, "key": key, "encoding": f.encoding},
            "custom_metadata": metadata}
    answer, status = register(tp, uploader.session_id, body)
    assert answer != "done" and status is not None
    if status["state"] == "FAILURE":  # taigapy: ValueError("Error uploading <name>: <message>")
        raise UploadFailed(f"Error uploading {f.name}: {status['message']}")
    return status


class UploadFailed(Exception):
    pass


def upload_files(tp, files):
    uploader = Uploader(tp)
    for f in files:
        upload_one(tp, uploader, f)
    return uploader


# The summary taigapy builds after create/update/replace ------------------------------------------
def version_summary(tp, dataset_version_id):
    """client_v3._dataset_version_summary. Returns a DatasetVersion-like dict."""
    m = re.match(r"([a-z0-9.-]+)\.(\d+)", dataset_version_id)
    if m is not None:
        version = tp.get(f"/api/dataset/{m.group(1)}/{m.group(2)}")
    else:
        version = tp.get(f"/api/dataset/None/{dataset_version_id}")
    permaname = version["dataset"]["permanames"][0]
    number = version["datasetVersion"]["name"]
    meta = tp.get(f"/api/dataset/{permaname}/{number}")
    return {
        "permanames": meta["dataset"]["permanames"],
        "version_number": int(meta["datasetVersion"]["name"]),
        "description": meta["datasetVersion"]["description"],
        "files": [{"name": f["name"], "custom_metadata": f["custom_metadata"],
                   "datafile_id": f.get("underlying_file_id", f"{permaname}.{number}/{f['name']}"),
                   "format": f["type"], "server_id": f.get("id")}
                  for f in meta["datasetVersion"]["datafiles"]],
        "raw": meta,
    }


def post_previews(tp, files, summary):
    """client_v3._upload_previews, with a fixed preview body per uploaded file. Returns the
    statuses (taigapy accepts 200 and 201 and only logs anything else)."""
    uploaded = {f.name for f in files if isinstance(f, UploadedFile)}
    statuses = {}
    for dv_file in summary["files"]:
        if dv_file["name"] not in uploaded:
            continue
        preview = {"num_rows": 2, "num_columns": 2,
                   "top_left_preview": {"column_names": ["a", "b"], "row_names": ["r1", "r2"],
                                        "data": [[1.5, None], [2, 3]]}}
        preview_id = dv_file["server_id"] or dv_file["datafile_id"]
        r = tp.raw_post(f"/api/datafile-preview/{preview_id}", preview)
        statuses[dv_file["name"]] = r.status_code
    return statuses


def create_dataset(tp, name, description, files, folder_id=None):
    """client_v3.Client.create_dataset, call for call."""
    if folder_id is None:
        folder_id = tp.get("/api/user")["home_folder_id"]
    uploader = upload_files(tp, files)
    dataset_id = tp.post("/api/dataset", {"sessionId": uploader.session_id,
                                          "currentFolderId": folder_id, "datasetName": name,
                                          "datasetDescription": description})
    assert isinstance(dataset_id, str)
    metadata = tp.get(f"/api/dataset/{dataset_id}")
    assert len(metadata["versions"]) == 1
    summary = version_summary(tp, metadata["versions"][0]["id"])
    summary["previews"] = post_previews(tp, files, summary)
    summary["dataset_id"] = dataset_id
    summary["uploader"] = uploader
    return summary


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def get_latest_version_id(tp, permaname):
    metadata = tp.get(f"/api/dataset/{permaname}")
    return f"{permaname}.{max(int(v['name']) for v in metadata['versions'])}"


def update_dataset(tp, permaname, reason, additions, description=None,
                   skip_uploads_if_sha_matches=True):
    """client_v3.Client.update_dataset (removals are NotImplementedError there)."""
    assert "." not in permaname and additions
    latest_version_id = None
    if skip_uploads_if_sha_matches:  # _filter_out_matching_files
        latest_version_id = get_latest_version_id(tp, permaname)
        perm, version = latest_version_id.split(".")
        dvm = tp.get(f"/api/dataset/{perm}/{version}")
        by_name = {f["name"]: f for f in dvm["datasetVersion"]["datafiles"]}
        kept = []
        for a in additions:
            existing = by_name.get(a.name) if isinstance(a, UploadedFile) else None
            if existing and existing.get("original_file_sha256") == sha256_of(a.local_path):
                continue
            kept.append(a)
        additions = kept
    if not additions:
        dataset_version_id = latest_version_id
    else:
        metadata = tp.get(f"/api/dataset/{permaname}")
        uploader = upload_files(tp, additions)
        if description is None:
            description = metadata["description"]
        dataset_version_id = tp.post("/api/datasetVersion", {
            "datasetId": metadata["id"], "sessionId": uploader.session_id,
            "newDescription": description, "datasetVersion": None, "addExistingFiles": True,
            "changesDescription": reason})
        assert isinstance(dataset_version_id, str)
    summary = version_summary(tp, dataset_version_id)
    summary["previews"] = post_previews(tp, additions, summary)
    summary["uploaded"] = [a.name for a in additions]
    return summary


def replace_dataset(tp, permaname, reason, files, description=None):
    """client_v3.Client.replace_dataset."""
    assert "." not in permaname
    metadata = tp.get(f"/api/dataset/{permaname}")
    uploader = upload_files(tp, files)
    if description is None:
        description = metadata["description"]
    dataset_version_id = tp.post("/api/datasetVersion", {
        "datasetId": metadata["id"], "sessionId": uploader.session_id,
        "newDescription": description, "datasetVersion": None, "addExistingFiles": False,
        "changesDescription": reason})
    summary = version_summary(tp, dataset_version_id)
    summary["previews"] = post_previews(tp, files, summary)
    return summary


# The v3 cache's view of a version, get_canonical_id and download_to_cache --------------------------
class Cache:
    """The parts of client_v3.Client's caches the server feeds: canonical ids and
    MinDataFileMetadata, filled by _ensure_dataset_version_cached."""

    def __init__(self, tp):
        self.tp = tp
        self.canonical = {}
        self.metadata = {}
        self.versions = set()

    def ensure_version(self, permaname, version):
        key = f"{permaname}.{version}"
        if key in self.versions:
            return
        full = self.tp.get(f"/api/dataset/{permaname}/{version}")
        files = full["datasetVersion"]["datafiles"]
        for f in files:  # _add_file_to_cache
            perm = full["dataset"]["permanames"][0]
            datafile_id = f"{perm}.{full['datasetVersion']['version']}/{f['name']}"
            canonical = f.get("underlying_file_id")
            if canonical is None:
                canonical = datafile_id
            assert re.match(DATAFILE_ID_PATTERN, datafile_id), datafile_id
            self.canonical[datafile_id] = canonical
            self.canonical[canonical] = canonical
            if len(files) == 1:
                self.canonical[f"{perm}.{full['datasetVersion']['version']}"] = canonical
            self.metadata[datafile_id] = {"type": f["type"],
                                          "custom_metadata": f["custom_metadata"],
                                          "original_file_sha256": f.get("original_file_sha256")}
        self.versions.add(key)

    def get_canonical_id(self, datafile_id):
        if datafile_id in self.canonical:
            return self.canonical[datafile_id]
        m = re.match(DATAFILE_ID_PATTERN, datafile_id) or \
            re.match(r"^([a-z0-9-]+)\.([0-9]+)$", datafile_id)
        assert m, f"{datafile_id} doesn't look like a well qualified taiga datafile ID"
        self.ensure_version(m.group(1), int(m.group(2)))
        assert datafile_id in self.canonical, (datafile_id, self.canonical)
        return self.canonical[datafile_id]

    def storage_format(self, canonical_id):
        """_get_taiga_storage_format: through the canonical file's own version."""
        perm, version, _ = re.match(DATAFILE_ID_PATTERN, canonical_id).groups()
        self.ensure_version(perm, int(version))
        meta = self.metadata[canonical_id]
        if meta["type"] == "HDF5":
            return "hdf5_matrix"
        if meta["type"] == "Columnar":
            return "csv_table"
        assert meta["type"] == "Raw", meta
        return (meta["custom_metadata"] or {}).get("client_storage_format", "raw_bytes")

    def download_to_cache(self, datafile_id, requested):
        """download_to_cache's table (§4.5) for the formats that need no local conversion.
        Returns the downloaded bytes."""
        canonical = self.get_canonical_id(datafile_id)
        storage = self.storage_format(canonical)
        fmt = {("HDF5_MATRIX", "hdf5_matrix"): "hdf5",
               ("HDF5_MATRIX", "raw_hdf5_matrix"): "raw_test",
               ("PARQUET_TABLE", "raw_parquet_table"): "raw_test",
               ("PARQUET_TABLE", "csv_table"): "raw_test",
               ("CSV_TABLE", "csv_table"): "raw_test",
               ("RAW", "raw_bytes"): "raw_test"}.get((requested, storage))
        assert fmt, f"Requested {requested} but taiga_format={storage}"  # client-side Exception
        perm, version, name = re.match(DATAFILE_ID_PATTERN, canonical).groups()
        return download_datafile(self.tp, perm, version, name, fmt)


def download_datafile(tp, permaname, version, name, fmt):
    """TaigaApi.download_datafile: 200 -> DataFileMetadata(...) and urls[0] without auth. A 202
    is what taigapy would poll; it must not happen for the formats used here."""
    r = tp.raw_get("/api/datafile", {"dataset_permaname": permaname, "version": version,
                                     "datafile_name": name, "format": fmt})
    assert r.status_code != 202, f"{fmt}: taigapy would poll and then fetch raw_test: {r.text}"
    meta = ok_json(r)
    check_datafile_metadata(meta)
    assert meta["datafile_type"] != "gcs"
    assert meta.get("urls"), f"a 200 for format={fmt} must have urls: {meta}"
    return fetch_url(meta["urls"][0])


def check_datafile_metadata(meta):
    """What DataFileMetadata(...) needs to construct."""
    assert DATAFILE_REQUIRED <= set(meta), DATAFILE_REQUIRED - set(meta)
    assert meta["state"] in VERSION_STATES_VALUE, meta["state"]
    assert meta["datafile_type"] in DATAFILE_TYPES
    if "datafile_format" in meta:
        assert meta["datafile_format"] in DATAFILE_FORMATS, meta  # null crashes DataFileFormat
    assert isinstance(meta["dataset_version"], str) and meta["dataset_version"].isdigit()


def fetch_url(url):
    """TaigaApi._download_file_from_s3: a plain streamed GET, no Authorization header."""
    r = requests.get(url, stream=True, timeout=60)
    assert r.ok, (url, r.status_code, r.text[:300])
    body = b"".join(r.iter_content(MIB))
    length = r.headers.get("Content-Length")
    if length is not None and r.headers.get("Content-Encoding") is None:
        assert int(length) == len(body)
    return body


# §11 checklist -------------------------------------------------------------------------------------
def test_item01_every_success_is_exactly_200_with_json(tp, tmp_path):
    files = [UploadedFile("raw", write(tmp_path, b"some raw bytes")),
             UploadedFile("matrix", write(tmp_path, b"\x89HDF\r\n\x1a\n fake"), "HDF5_MATRIX")]
    summary = create_dataset(tp, "Item one", "d", files)
    perm = summary["permanames"][0]
    ref = TaigaReference("ref", f"{perm}.1/raw")
    update = update_dataset(tp, perm, "add a reference", [ref])
    replace = replace_dataset(tp, perm, "replace", [UploadedFile("raw", write(tmp_path, b"new"))])
    for name in ("raw", "matrix"):
        download_datafile(tp, perm, "1", name, "raw_test")
    tp.get("/api/datafile", {"dataset_permaname": perm, "version": "1", "datafile_name": "raw",
                             "format": "metadata"})
    # Every API call of the three flows, creates included, answered exactly 200 (the preview
    # POST may say 201, and its answer is not parsed).
    for method, endpoint, status in tp.calls:
        if method == "POST" and endpoint.startswith("/api/datafile-preview/"):
            assert status in (200, 201), (endpoint, status)
        else:
            assert status == 200, (method, endpoint, status)
    creates = [(m, e) for m, e, _ in tp.calls if m == "POST" or e == "/api/upload_session"]
    assert ("POST", "/api/dataset") in creates and ("POST", "/api/datasetVersion") in creates
    assert update["version_number"] == 2 and replace["version_number"] == 3
    # An unknown token is not a success: 401, which taigapy reports as TaigaHttpException.
    stranger = Taigapy(tp.url, "not-a-token")
    assert stranger.raw_get("/api/user").status_code == 401


def test_item02_bare_json_strings_and_done_or_task_id(tp, tmp_path):
    r = tp.raw_get("/api/upload_session")
    assert r.text.strip().startswith('"') and isinstance(ok_json(r), str)
    sid = r.json()
    uploader = Uploader(tp)  # a second session for the references, made the same way
    creds = uploader.creds
    bucket, key = uploader.upload(write(tmp_path, b"payload"))
    # An s3 file answers a task id: a string other than "done"; polling it reaches SUCCESS.
    body = {"filename": "f", "filetype": "s3",
            "s3Upload": {"format": "Raw", "bucket": bucket, "key": key, "encoding": "utf8"},
            "custom_metadata": {}}
    r = tp.raw_post(f"/api/datafile/{uploader.session_id}", body)
    task = ok_json(r)
    assert isinstance(task, str) and task != "done" and "." not in task
    assert poll_task(tp, task)[0]["state"] == "SUCCESS"
    home = tp.get("/api/user")["home_folder_id"]
    r = tp.raw_post("/api/dataset", {"sessionId": uploader.session_id, "currentFolderId": home,
                                     "datasetName": "strings", "datasetDescription": None})
    assert r.text.strip().startswith('"')
    dataset_id = ok_json(r)
    assert isinstance(dataset_id, str)
    perm = tp.get(f"/api/dataset/{dataset_id}")["permanames"][0]
    # A virtual file answers exactly "done".
    r = tp.raw_post(f"/api/datafile/{sid}", {"filename": "alias", "filetype": "virtual",
                                             "existingTaigaId": f"{perm}.1/f",
                                             "custom_metadata": {}})
    assert ok_json(r) == "done"
    r = tp.raw_post("/api/datasetVersion", {"datasetId": dataset_id, "sessionId": sid,
                                            "newDescription": "two", "datasetVersion": None,
                                            "addExistingFiles": True, "changesDescription": "x"})
    assert r.text.strip().startswith('"')
    version_id = ok_json(r)
    assert isinstance(version_id, str)
    assert tp.get(f"/api/dataset/None/{version_id}")["datasetVersion"]["name"] == "2"
    assert creds["bucket"] == bucket


def test_item03_state_is_lowercase_in_dataset_and_capitalised_in_datafile(tp, tmp_path):
    s = create_dataset(tp, "states", "d", [UploadedFile("f", write(tmp_path, b"1"))])
    perm = s["permanames"][0]
    vid = s["raw"]["datasetVersion"]["id"]
    owner = tp.user.client  # state changes are not taigapy calls

    def states():
        listed = tp.get(f"/api/dataset/{perm}")["versions"][0]["state"]
        version = tp.get(f"/api/dataset/{perm}/1")["datasetVersion"]["state"]
        by_id = tp.get(f"/api/dataset/None/{vid}")["datasetVersion"]["state"]
        datafile = tp.get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                            "datafile_name": "f", "format": "metadata"})
        check_datafile_metadata(datafile)
        return listed, version, by_id, datafile["state"]

    assert states() == ("approved", "approved", "approved", "Approved")
    assert owner.post(f"/datasetVersion/{vid}/deprecate",
                      json={"deprecationReason": "old"}).status_code == 200
    assert states() == ("deprecated", "deprecated", "deprecated", "Deprecated")
    assert owner.post(f"/datasetVersion/{vid}/delete").status_code == 200
    assert states() == ("deleted", "deleted", "deleted", "Deleted")
    # deleted versions are still served, downloads included (refusing is the client's business)
    assert download_datafile(tp, perm, "1", "f", "raw_test") == b"1"


def test_item04_underlying_file_id_absent_on_real_files_and_perm_v_name_on_virtual(tp, tmp_path):
    matrix = b"\x89HDF\r\n\x1a\nnot really hdf5"
    s = create_dataset(tp, "underlying", "d", [
        UploadedFile("m", write(tmp_path, matrix), "HDF5_MATRIX", custom_metadata={"k": "v"}),
        UploadedFile("r", write(tmp_path, b"raw"))])
    perm = s["permanames"][0]
    v1 = {f["name"]: f for f in s["raw"]["datasetVersion"]["datafiles"]}
    for f in v1.values():
        assert "underlying_file_id" not in f, f  # null would make datafile_id None in taigapy
        assert f["datafile_type"] == "s3"
        meta = tp.get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                        "datafile_name": f["name"], "format": "metadata"})
        assert "underlying_file_id" not in meta
    # v2: a reference to m, plus r kept by addExistingFiles
    v2 = update_dataset(tp, perm, "ref", [TaigaReference("m2", f"{perm}.1/m", {"extra": "1"})])
    # v3: a reference to v2's virtual file resolves to the real one, not to the alias
    v3 = update_dataset(tp, perm, "ref of ref", [TaigaReference("m3", f"{perm}.2/m2")])
    for summary, number in ((v2, 2), (v3, 3)):
        files = {f["name"]: f for f in summary["raw"]["datasetVersion"]["datafiles"]}
        for name, f in files.items():
            if f["datafile_type"] != "virtual":
                assert "underlying_file_id" not in f
                continue
            target = {"m2": "m", "m3": "m"}.get(name, name)
            real = v1[target]
            assert f["underlying_file_id"] == f"{perm}.1/{target}", (number, f)
            assert f["type"] == real["type"] == "Raw"
            assert f["original_file_sha256"] == real["original_file_sha256"]
            meta = tp.get("/api/datafile", {"dataset_permaname": perm, "version": str(number),
                                            "datafile_name": name, "format": "metadata"})
            check_datafile_metadata(meta)
            assert meta["datafile_type"] == "virtual"
            assert meta["underlying_file_id"] == f"{perm}.1/{target}"
            assert meta["datafile_format"] == "Raw"
    files2 = {f["name"]: f for f in v2["raw"]["datasetVersion"]["datafiles"]}
    assert files2["m2"]["original_file_sha256"] == hashlib.sha256(matrix).hexdigest()
    # a TaigaReference inherits the referenced file's metadata plus its own (so it stays an
    # HDF5-in-Raw matrix for taigapy)
    assert files2["m2"]["custom_metadata"] == {"k": "v", "extra": "1",
                                                "client_storage_format": "raw_hdf5_matrix"}
    assert {f["datafile_id"] for f in v3["files"]} == {f"{perm}.1/m", f"{perm}.1/r"}


def test_item04_underlying_file_id_follows_a_rename_of_the_real_files_dataset(tp, tmp_path):
    src = create_dataset(tp, "before rename", "d", [UploadedFile("x", write(tmp_path, b"x"))])
    old = src["permanames"][0]
    copy = create_dataset(tp, "the copy", "d", [TaigaReference("x", f"{old}.1/x")])
    assert tp.user.client.post(f"/dataset/{src['dataset_id']}/name",
                               json={"name": "after rename"}).status_code == 200
    new = tp.get(f"/api/dataset/{src['dataset_id']}")["permanames"][0]
    assert new != old and re.fullmatch(r"[a-z0-9-]+", new)
    perm = copy["permanames"][0]
    [f] = tp.get(f"/api/dataset/{perm}/1")["datasetVersion"]["datafiles"]
    # the current permaname, as the original computes it; the old one still resolves
    assert f["underlying_file_id"] == f"{new}.1/x"
    cache = Cache(tp)
    assert cache.get_canonical_id(f"{perm}.1/x") == f"{new}.1/x"
    assert cache.download_to_cache(f"{perm}.1/x", "RAW") == b"x"
    assert download_datafile(tp, old, "1", "x", "raw_test") == b"x"
    # v3 caches ids under permanames[0] of the version it fetched (the new name), so an id
    # with the old name fails taigapy's own cache lookup, as it does with the original server
    assert tp.get(f"/api/dataset/{old}/1")["dataset"]["permanames"] == [new]


TRICKY_NAMES = ["Plain", "UPPER_case.Name v2.0", "Ünïcødé Straße (2024)", "日本語のデータ",
                "...", "a.1", "x" * 150]


def test_item05_permanames_ids_and_version_names(tp, tmp_path):
    home = tp.get("/api/user")["home_folder_id"]
    perms = set()
    for name in TRICKY_NAMES:
        s = create_dataset(tp, name, None, [UploadedFile("f.csv", write(tmp_path, b"1"))],
                           folder_id=home)
        [perm] = s["permanames"]
        assert re.fullmatch(r"[a-z0-9-]+", perm), (name, perm)
        perms.add(perm)
        ds = tp.get(f"/api/dataset/{perm}")
        assert ds["name"] == name
        assert ds["description"] == ""  # null description: "" (taigapy reads it for updates)
        for ident in (s["dataset_id"], ds["versions"][0]["id"],
                      *(f["id"] for f in s["raw"]["datasetVersion"]["datafiles"])):
            assert isinstance(ident, str) and ident and "." not in ident, ident
            # _dataset_version_summary would misparse an id that looks like "x.<digits>"
            assert re.match(r"([a-z0-9.-]+)\.(\d+)", ident) is None, ident
        # the taigapy ids built from it parse
        assert re.match(DATAFILE_ID_PATTERN, f"{perm}.1/f.csv")
        assert re.match(r"[a-z0-9-]+\.\d+/.*", f"{perm}.1/f.csv")  # Client.get's assertion
    assert len(perms) == len(TRICKY_NAMES)
    # version names are decimal strings that int() takes, in /dataset and /dataset/{p}/{v}
    perm = sorted(perms)[0]
    for i in range(2):
        update_dataset(tp, perm, f"v{i + 2}",
                       [UploadedFile("f.csv", write(tmp_path, str(i + 2).encode()))])
    ds = tp.get(f"/api/dataset/{perm}")
    names = [v["name"] for v in ds["versions"]]
    assert all(isinstance(n, str) and re.fullmatch(r"[1-9][0-9]*", n) for n in names), names
    assert sorted(int(n) for n in names) == [1, 2, 3]
    for n in names:
        v = tp.get(f"/api/dataset/{perm}/{n}")["datasetVersion"]
        assert v["name"] == n and v["version"] == n and isinstance(v["version"], str)


def test_item06_dataset_none_version_id_and_dataset_by_id(tp, tmp_path, new_user):
    s = create_dataset(tp, "by id", "d", [UploadedFile("f", write(tmp_path, b"1"))])
    perm, dsid = s["permanames"][0], s["dataset_id"]
    s2 = update_dataset(tp, perm, "two", [UploadedFile("f", write(tmp_path, b"2"))])
    by_perm = tp.get(f"/api/dataset/{perm}")
    assert tp.get(f"/api/dataset/{dsid}") == by_perm
    v1_id, v2_id = (v["id"] for v in sorted(by_perm["versions"], key=lambda v: int(v["name"])))
    assert s2["raw"]["datasetVersion"]["id"] == v2_id
    other = create_dataset(tp, "other", "d", [UploadedFile("g", write(tmp_path, b"3"))])
    for vid, n in ((v1_id, "1"), (v2_id, "2")):
        expected = tp.get(f"/api/dataset/{perm}/{n}")
        assert tp.get(f"/api/dataset/None/{vid}") == expected
        # the first segment is ignored when the second is a version id
        assert tp.get(f"/api/dataset/{other['permanames'][0]}/{vid}") == expected
        assert tp.get(f"/api/dataset/{dsid}/{vid}") == expected
    # by id works for another user too (reads are open)
    reader = Taigapy(tp.url, new_user("reader").token)
    assert reader.get(f"/api/dataset/{dsid}")["id"] == dsid
    assert reader.get(f"/api/dataset/None/{v2_id}")["datasetVersion"]["id"] == v2_id
    # get_dataset_metadata returns None on a 404, so unknown ids must be exactly that
    assert tp.raw_get("/api/dataset/None/" + "0" * 32).status_code == 404
    assert tp.raw_get("/api/dataset/" + "0" * 32).status_code == 404


def test_item07_raw_test_gives_the_original_bytes_of_a_raw_upload(tp, tmp_path):
    data = os.urandom(3000) + b"\x00\n\r\n"
    s = create_dataset(tp, "raw bytes", "d", [UploadedFile("blob.bin", write(tmp_path, data))])
    perm = s["permanames"][0]
    cache = Cache(tp)
    assert cache.download_to_cache(f"{perm}.1/blob.bin", "RAW") == data
    # the single-file short id works too
    assert cache.get_canonical_id(f"{perm}.1") == f"{perm}.1/blob.bin"
    # a download format never answers a 200 without urls; formats the file lacks are 400
    # (ValueError in taigapy), never 202 (a poll) nor a null datafile_format
    for fmt in ("raw", "raw_test"):
        r = tp.raw_get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                         "datafile_name": "blob.bin", "format": fmt})
        meta = ok_json(r)
        check_datafile_metadata(meta)
        assert meta["datafile_format"] == "Raw" and meta["urls"]
    for fmt in ("hdf5", "columnar", "parquet"):
        r = tp.raw_get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                         "datafile_name": "blob.bin", "format": fmt})
        assert r.status_code == 400, (fmt, r.status_code, r.text)


def test_item07_hdf5_matrix_upload_is_served_as_uploaded_for_hdf5_and_raw_test(tp, tmp_path):
    # LocalFormat.HDF5_MATRIX: Raw + client_storage_format=raw_hdf5_matrix.
    matrix = b"\x89HDF\r\n\x1a\n" + os.urandom(5000)
    table = b"PAR1" + os.urandom(2000) + b"PAR1"
    s = create_dataset(tp, "hdf5 style", "d", [
        UploadedFile("matrix", write(tmp_path, matrix), "HDF5_MATRIX"),
        UploadedFile("table", write(tmp_path, table), "PARQUET_TABLE")])
    perm = s["permanames"][0]
    files = {f["name"]: f for f in s["files"]}
    assert files["matrix"]["format"] == "Raw" and files["table"]["format"] == "Raw"
    assert files["matrix"]["custom_metadata"] == {"client_storage_format": "raw_hdf5_matrix"}
    for fmt in ("hdf5", "raw_test"):
        r = tp.raw_get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                         "datafile_name": "matrix", "format": fmt})
        assert r.status_code == 200, (fmt, r.status_code, r.text)  # never 202
        meta = r.json()
        check_datafile_metadata(meta)
        assert meta["datafile_format"] == "Raw"
        assert fetch_url(meta["urls"][0]) == matrix
    r = tp.raw_get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                     "datafile_name": "table", "format": "parquet"})
    assert fetch_url(ok_json(r)["urls"][0]) == table
    cache = Cache(tp)
    assert cache.download_to_cache(f"{perm}.1/matrix", "HDF5_MATRIX") == matrix
    assert cache.download_to_cache(f"{perm}.1/table", "PARQUET_TABLE") == table
    # ... and the same through an alias kept by addExistingFiles
    update_dataset(tp, perm, "touch", [UploadedFile("other", write(tmp_path, b"x"))])
    r = tp.raw_get("/api/datafile", {"dataset_permaname": perm, "version": "2",
                                     "datafile_name": "matrix", "format": "hdf5"})
    meta = ok_json(r)
    assert meta["datafile_type"] == "virtual" and meta["datafile_format"] == "Raw"
    assert fetch_url(meta["urls"][0]) == matrix
    assert Cache(tp).download_to_cache(f"{perm}.2/matrix", "HDF5_MATRIX") == matrix


def test_item07_csv_table_raw_test_is_the_uploaded_csv(tp, tmp_path):
    csv = b"id,name\n1,x\n2,\n"
    try:
        s = create_dataset(tp, "csv table", "d",
                           [UploadedFile("t", write(tmp_path, csv), "CSV_TABLE")])
    except UploadFailed as e:
        pytest.skip(f"TableCSV conversion is not available on this server: {e}")
    perm = s["permanames"][0]
    assert s["files"][0]["format"] == "Columnar"
    assert Cache(tp).download_to_cache(f"{perm}.1/t", "CSV_TABLE") == csv


def test_item07_csv_matrix_hdf5_is_the_converted_matrix_and_raw_test_the_csv(tp, tmp_path):
    csv = b",c1,c2\nr1,1,2\nr2,3,NA\n"
    try:
        s = create_dataset(tp, "csv matrix", "d",
                           [UploadedFile("m", write(tmp_path, csv), "CSV_MATRIX")])
    except UploadFailed as e:
        pytest.skip(f"NumericMatrixCSV conversion is not available on this server: {e}")
    perm = s["permanames"][0]
    assert s["files"][0]["format"] == "HDF5"
    hdf5 = Cache(tp).download_to_cache(f"{perm}.1/m", "HDF5_MATRIX")  # format=hdf5, never 202
    assert hdf5.startswith(b"\x89HDF\r\n\x1a\n")
    assert download_datafile(tp, perm, "1", "m", "raw_test") == csv


def test_item08_download_urls_work_without_the_authorization_header(tp, tmp_path):
    data = b"no auth needed " * 100
    s = create_dataset(tp, "no auth", "d", [UploadedFile("f", write(tmp_path, data))])
    perm = s["permanames"][0]
    meta = tp.get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                    "datafile_name": "f", "format": "raw_test"})
    url = meta["urls"][0]
    r = requests.get(url, stream=True, timeout=30)  # no headers at all, not even a cookie
    assert r.ok and r.content == data
    assert "Authorization" not in r.request.headers
    # a url is absolute, so taigapy can fetch it with nothing but the string
    assert url.startswith("http://") or url.startswith("https://")
    # a bad bearer token along with it does not matter either (on the embedded store; S3 refuses a
    # request carrying both query and header auth with 400, as it did for Taiga 2)
    if BLOB_MODE == "local":
        assert requests.get(url, headers={"Authorization": "Bearer nonsense"}, timeout=30).ok


def test_item09_add_existing_files_keeps_virtual_files_and_update_dedup(tp, tmp_path):
    keep, replace = b"keep me", b"old contents"
    s = create_dataset(tp, "dedup", "first", [
        UploadedFile("keep", write(tmp_path, keep), custom_metadata={"why": "kept"}),
        UploadedFile("replace", write(tmp_path, replace))])
    perm = s["permanames"][0]
    v1 = {f["name"]: f for f in s["raw"]["datasetVersion"]["datafiles"]}
    for name, data in (("keep", keep), ("replace", replace)):
        assert v1[name]["original_file_sha256"] == hashlib.sha256(data).hexdigest()
    # an update whose files all match by sha256 uploads nothing and makes no version
    same = update_dataset(tp, perm, "no-op", [UploadedFile("keep", write(tmp_path, keep)),
                                              UploadedFile("replace", write(tmp_path, replace))])
    assert same["uploaded"] == [] and same["version_number"] == 1
    assert len(tp.get(f"/api/dataset/{perm}")["versions"]) == 1
    # one changed file: only it is uploaded; the other becomes an alias of version 1
    changed = b"new contents"
    v2 = update_dataset(tp, perm, "change one",
                        [UploadedFile("keep", write(tmp_path, keep)),
                         UploadedFile("replace", write(tmp_path, changed))])
    assert v2["uploaded"] == ["replace"] and v2["version_number"] == 2
    assert v2["description"] == "first"  # the previous description is the default
    files = {f["name"]: f for f in v2["raw"]["datasetVersion"]["datafiles"]}
    assert files["keep"]["datafile_type"] == "virtual"
    assert files["keep"]["underlying_file_id"] == f"{perm}.1/keep"
    assert files["keep"]["custom_metadata"] == {"why": "kept"}
    assert files["keep"]["original_file_sha256"] == hashlib.sha256(keep).hexdigest()
    assert files["replace"]["original_file_sha256"] == hashlib.sha256(changed).hexdigest()
    assert "underlying_file_id" not in files["replace"]
    assert v2["raw"]["datasetVersion"]["changes_description"] == "change one"
    # a third version through another addExistingFiles still points at version 1's files
    update_dataset(tp, perm, "add", [UploadedFile("new", write(tmp_path, b"n"))])
    cache = Cache(tp)
    assert cache.get_canonical_id(f"{perm}.3/keep") == f"{perm}.1/keep"
    assert cache.get_canonical_id(f"{perm}.3/replace") == f"{perm}.2/replace"
    assert cache.get_canonical_id(f"{perm}.3/new") == f"{perm}.3/new"
    assert cache.download_to_cache(f"{perm}.3/keep", "RAW") == keep
    # dedup also works against the aliases (their sha256 is the real file's)
    again = update_dataset(tp, perm, "no-op", [UploadedFile("keep", write(tmp_path, keep))])
    assert again["uploaded"] == [] and again["version_number"] == 3


def test_item09_update_dedup_sha256_of_a_multipart_upload(tp, tmp_path):
    big = os.urandom(9 * MIB + 123)  # above the 8 MiB threshold: a multipart upload
    path = write(tmp_path, big)
    s = create_dataset(tp, "big dedup", "d", [UploadedFile("big", path)])
    [f] = s["raw"]["datasetVersion"]["datafiles"]
    assert f["original_file_sha256"] == hashlib.sha256(big).hexdigest()
    assert f["original_file_md5"] == hashlib.md5(big).hexdigest()
    again = update_dataset(tp, s["permanames"][0], "same", [UploadedFile("big", path)])
    assert again["uploaded"] == []


def test_item10_credentials_have_endpoint_url_also_for_a_virtual_only_session(tp, server, tmp_path):
    s = create_dataset(tp, "source", "d", [UploadedFile("f", write(tmp_path, b"src"))])
    perm = s["permanames"][0]
    creds = s["uploader"].creds
    assert creds["endpointUrl"], creds  # without it v3 sends boto3 to AWS
    endpoint = os.environ["TAIGA_TEST_S3_ENDPOINT"] if BLOB_MODE == "s3" else server.root_url
    assert creds["endpointUrl"].startswith(endpoint), creds
    assert creds["prefix"].endswith("/")
    for k in ("accessKeyId", "secretAccessKey", "sessionToken", "bucket", "expiration"):
        assert isinstance(creds[k], str) and creds[k], k
    # a copy (virtual files only) still goes through upload_session + credentials_s3
    copy = create_dataset(tp, "copy", "d", [TaigaReference("f", f"{perm}.1/f")])
    calls = [(m, e) for m, e, _ in tp.calls]
    i = calls.index(("GET", "/api/upload_session"), calls.index(("POST", "/api/dataset")) + 1)
    assert calls[i + 1] == ("GET", "/api/credentials_s3")
    assert copy["files"][0]["datafile_id"] == f"{perm}.1/f"
    assert copy["uploader"].creds["endpointUrl"] == creds["endpointUrl"]
    assert copy["uploader"].s3_ops == []  # nothing went to S3


def test_item11_small_file_is_one_put_object_without_a_continue_stall(tp, tmp_path):
    data = b"small" * 1000
    uploader = Uploader(tp)
    path = write(tmp_path, data)
    started = time.monotonic()
    bucket, key = uploader.upload(path)
    elapsed = time.monotonic() - started
    assert [op for op, _ in uploader.s3_ops] == ["PutObject"]
    # botocore sends Expect: 100-continue and waits ~1 s for the interim answer if none comes
    assert elapsed < 0.9, f"PutObject took {elapsed:.2f}s: is 100 Continue answered?"
    task = tp.post(f"/api/datafile/{uploader.session_id}", {
        "filename": "small", "filetype": "s3",
        "s3Upload": {"format": "Raw", "bucket": bucket, "key": key, "encoding": "utf8"},
        "custom_metadata": {}})
    assert poll_task(tp, task)[0]["state"] == "SUCCESS"


def test_item11_file_above_8_mib_is_a_concurrent_multipart_upload(tp, tmp_path):
    data = os.urandom(20 * MIB + 7)  # 3 parts of 8, 8 and 4 MiB
    s = create_dataset(tp, "multipart", "d", [UploadedFile("big", write(tmp_path, data))])
    ops = s["uploader"].s3_ops
    names = [op for op, _ in ops]
    assert names[0] == "CreateMultipartUpload" and names[-1] == "CompleteMultipartUpload", names
    assert names.count("UploadPart") == 3 and "AbortMultipartUpload" not in names
    assert len({t for op, t in ops if op == "UploadPart"}) > 1  # parts from several threads
    perm = s["permanames"][0]
    assert download_datafile(tp, perm, "1", "big", "raw_test") == data


def test_item11_multipart_parts_out_of_order_by_hand(tp, tmp_path):
    """The exchange s3transfer makes, spelled out: parts in parallel and out of order, an ETag
    on each UploadPart, an XML result from CompleteMultipartUpload."""
    uploader = Uploader(tp)
    s3, creds = uploader.s3, uploader.creds
    key = f"{creds['prefix']}{uploader.session_id}/{uuid.uuid4().hex}"
    parts = [os.urandom(5 * MIB), os.urandom(5 * MIB), os.urandom(1000)]
    upload_id = s3.create_multipart_upload(Bucket=creds["bucket"], Key=key)["UploadId"]
    etags = {}

    def send(n):
        r = s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=upload_id, PartNumber=n,
                           Body=parts[n - 1])
        etags[n] = r["ETag"]

    threads = [threading.Thread(target=send, args=(n,)) for n in (3, 2, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(etags) == {1, 2, 3} and all(etags.values())
    done = s3.complete_multipart_upload(
        Bucket=creds["bucket"], Key=key, UploadId=upload_id,
        MultipartUpload={"Parts": [{"ETag": etags[n], "PartNumber": n} for n in (1, 2, 3)]})
    assert done["ResponseMetadata"]["HTTPStatusCode"] == 200, done
    if BLOB_MODE == "local":  # Ceph RGW 16 answers CompleteMultipartUpload with an empty ETag
        assert done.get("ETag"), done
    task = tp.post(f"/api/datafile/{uploader.session_id}", {
        "filename": "by-hand", "filetype": "s3",
        "s3Upload": {"format": "Raw", "bucket": creds["bucket"], "key": key, "encoding": "utf8"},
        "custom_metadata": {}})
    assert poll_task(tp, task)[0]["state"] == "SUCCESS"
    home = tp.get("/api/user")["home_folder_id"]
    dsid = tp.post("/api/dataset", {"sessionId": uploader.session_id, "currentFolderId": home,
                                    "datasetName": "by hand", "datasetDescription": None})
    perm = tp.get(f"/api/dataset/{dsid}")["permanames"][0]
    [f] = tp.get(f"/api/dataset/{perm}/1")["datasetVersion"]["datafiles"]
    assert f["original_file_sha256"] == hashlib.sha256(b"".join(parts)).hexdigest()


def test_item12_task_status_has_six_keys_a_known_state_and_finishes_quickly(tp, tmp_path):
    uploader = Uploader(tp)
    # a small file: done well within taigapy's first 1 s sleep
    bucket, key = uploader.upload(write(tmp_path, b"quick"))
    started = time.monotonic()
    task = tp.post(f"/api/datafile/{uploader.session_id}", {
        "filename": "quick", "filetype": "s3",
        "s3Upload": {"format": "Raw", "bucket": bucket, "key": key, "encoding": "utf8"},
        "custom_metadata": {}})
    final, seen = poll_task(tp, task, interval=0.01)
    assert final["state"] == "SUCCESS", final
    assert time.monotonic() - started < 1.0, seen
    assert final == {"id": task, "state": "SUCCESS", "message": "Task has successfully terminated",
                     "current": 1, "total": 1, "s3Key": "TODO", **({"result": final["result"]}
                                                                  if "result" in final else {})}
    # a larger one shows only known states on the way, with numeric progress
    bucket, key = uploader.upload(write(tmp_path, os.urandom(64 * MIB)))
    task = tp.post(f"/api/datafile/{uploader.session_id}", {
        "filename": "slower", "filetype": "s3",
        "s3Upload": {"format": "Raw", "bucket": bucket, "key": key, "encoding": "utf8"},
        "custom_metadata": {}})
    final, seen = poll_task(tp, task, interval=0.005)
    assert final["state"] == "SUCCESS"
    for status in seen[:-1]:
        assert status["state"] in ("PENDING", "STARTED", "PROGRESS", "RETRY"), status
        assert 0 <= status["current"] <= max(status["total"], 1), status
    # taigapy turns a failed task into "Error uploading <name>: <message>"
    bucket, key = uploader.upload(write(tmp_path, b"a,b\n1,2,3\n"))
    task = tp.post(f"/api/datafile/{uploader.session_id}", {
        "filename": "bad", "filetype": "s3",
        "s3Upload": {"format": "TableCSV", "bucket": bucket, "key": key, "encoding": "utf8"},
        "custom_metadata": {}})
    final, _ = poll_task(tp, task)
    if final["state"] == "FAILURE":
        assert final["message"] and final["total"] == -1, final


def test_item13_preview_routes_take_slashes_and_post_answers_200_or_201(tp, tmp_path):
    s = create_dataset(tp, "previews", "d", [UploadedFile("m", write(tmp_path, b"m"),
                                                          "HDF5_MATRIX")])
    perm = s["permanames"][0]
    # create_dataset posted one preview per uploaded file, by server id
    assert s["previews"] == {"m": 201}, s["previews"]
    [f] = s["files"]
    got = tp.raw_get(f"/api/datafile-preview/{f['server_id']}")
    preview = ok_json(got)
    assert preview["num_rows"] == 2 and preview["top_left_preview"]["row_names"] == ["r1", "r2"]
    assert preview["top_left_preview"]["data"] == [[1.5, None], [2, 3]]
    # get_preview: GET /api/datafile-preview/perm.V/file with the '/' unescaped
    assert tp.get(f"/api/datafile-preview/{perm}.1/m") == preview
    # posting by taiga id replaces it: 200
    table = {"num_rows": 1, "num_columns": 1,
             "top_left_preview": {"column_names": ["c"], "row_names": None, "data": [["x"]]}}
    assert tp.raw_post(f"/api/datafile-preview/{perm}.1/m", table).status_code in (200, 201)
    assert tp.get(f"/api/datafile-preview/{perm}.1/m")["top_left_preview"]["row_names"] is None
    # an alias kept by an update shows the real file's preview; dotted names resolve too
    update_dataset(tp, perm, "more", [UploadedFile("table.v2.csv", write(tmp_path, b"n"))])
    assert tp.get(f"/api/datafile-preview/{perm}.2/m") == tp.get(f"/api/datafile-preview/{perm}.1/m")
    r = tp.raw_post(f"/api/datafile-preview/{perm}.2/table.v2.csv", table)
    assert r.status_code in (200, 201), r.text
    assert tp.get(f"/api/datafile-preview/{perm}.2/table.v2.csv") == table
    # no preview is a 404, which get_preview turns into None
    assert tp.raw_get(f"/api/datafile-preview/{perm}.9/m").status_code == 404


def test_item14_base_url_answers_without_auth(server):
    for url in (server.base_url, server.base_url + "/"):
        r = requests.get(url, timeout=10)  # is_connected(): any answer means online
        assert r.status_code < 500, (url, r.status_code)
        assert len(r.content) < 64 * 1024


def test_item15_home_folder_id_is_accepted_as_current_folder_id(tp, tmp_path):
    user = tp.get("/api/user")
    home = user["home_folder_id"]
    assert isinstance(home, str) and home and "." not in home
    s = create_dataset(tp, "at home", "d", [UploadedFile("f", write(tmp_path, b"1"))])
    assert [c for c in tp.calls if c[1] == "/api/user"][0][2] == 200
    ds = tp.get(f"/api/dataset/{s['dataset_id']}")
    assert [f["id"] for f in ds["folders"]] == [home]
    # v2 TaigaClient.create_dataset checks the folder first: GET /api/folder/{id} must be 200
    folder = tp.get(f"/api/folder/{home}")
    assert s["dataset_id"] in [e["id"] for e in folder["entries"]]


def test_v2_bodies_null_custom_metadata_codecs_encoding_and_a_numeric_base_version(tp, tmp_path):
    """What the legacy TaigaClient sends differently: custom_metadata null, the encoding through
    codecs.lookup ("utf-8"), and "datasetVersion": <number> with addExistingFiles."""
    s = create_dataset(tp, "v2 bodies", "d", [
        UploadedFile("a", write(tmp_path, b"a1"), custom_metadata={"from": "a"}),
        UploadedFile("b", write(tmp_path, b"b1"))])
    perm, dsid = s["permanames"][0], s["dataset_id"]
    replace_dataset(tp, perm, "only c", [UploadedFile("c", write(tmp_path, b"c"))])
    uploader = Uploader(tp)
    bucket, key = uploader.upload(write(tmp_path, b"v2 upload"))
    answer, status = register(tp, uploader.session_id, {
        "filename": "d", "filetype": "s3",
        "s3Upload": {"format": "Raw", "bucket": bucket, "key": key, "encoding": "utf-8"},
        "custom_metadata": None})
    assert status["state"] == "SUCCESS"
    answer, _ = register(tp, uploader.session_id, {"filename": "alias", "filetype": "virtual",
                                                   "existingTaigaId": f"{perm}.1/a",
                                                   "custom_metadata": None})
    assert answer == "done"
    # based on version 1 (not the latest, 2): a and b come along, c does not
    vid = tp.post("/api/datasetVersion", {"datasetId": dsid, "sessionId": uploader.session_id,
                                          "newDescription": "v3", "changesDescription": "v2 call",
                                          "datasetVersion": 1, "addExistingFiles": True})
    v3 = tp.get(f"/api/dataset/None/{vid}")["datasetVersion"]
    files = {f["name"]: f for f in v3["datafiles"]}
    assert v3["name"] == "3" and sorted(files) == ["a", "alias", "b", "d"]
    assert files["alias"]["custom_metadata"] == {"from": "a"}  # null inherits the referenced
    assert files["a"]["underlying_file_id"] == f"{perm}.1/a"
    meta = tp.get("/api/datafile", {"dataset_permaname": perm, "version": "3",
                                    "datafile_name": "d", "format": "metadata"})
    assert meta["datafile_encoding"] == "utf-8"
    meta = tp.get("/api/datafile", {"dataset_permaname": perm, "version": "1",
                                    "datafile_name": "b", "format": "metadata"})
    assert meta["datafile_encoding"] == "utf8"  # what v3 sends, kept as given


# §4 v3 operations as whole flows -------------------------------------------------------------------
def calls_between(tp, start):
    return [(m, e) for m, e, _ in tp.calls[start:]]


def test_flow_create_dataset(tp, tmp_path):
    src = create_dataset(tp, "flow source", "d", [UploadedFile("x", write(tmp_path, b"x"))])
    start = len(tp.calls)
    files = [UploadedFile("raw", write(tmp_path, b"raw bytes")),
             UploadedFile("matrix", write(tmp_path, b"\x89HDF matrix"), "HDF5_MATRIX",
                          custom_metadata={"units": "tpm"}),
             TaigaReference("ref", f"{src['permanames'][0]}.1/x")]
    s = create_dataset(tp, "Flow: create", "my description", files)
    perm = s["permanames"][0]
    sid = s["uploader"].session_id
    calls = calls_between(tp, start)
    expected_prefix = [("GET", "/api/user"), ("GET", "/api/upload_session"),
                       ("GET", "/api/credentials_s3"), ("POST", f"/api/datafile/{sid}")]
    assert calls[:4] == expected_prefix, calls
    post_dataset = calls.index(("POST", "/api/dataset"))
    version_id = s["raw"]["datasetVersion"]["id"]
    assert calls[post_dataset + 1:post_dataset + 4] == [
        ("GET", f"/api/dataset/{s['dataset_id']}"), ("GET", f"/api/dataset/None/{version_id}"),
        ("GET", f"/api/dataset/{perm}/1")]
    assert s["version_number"] == 1 and s["description"] == "my description"
    by_name = {f["name"]: f for f in s["files"]}
    assert by_name["raw"]["datafile_id"] == f"{perm}.1/raw" and by_name["raw"]["format"] == "Raw"
    assert by_name["matrix"]["custom_metadata"] == {"units": "tpm",
                                                    "client_storage_format": "raw_hdf5_matrix"}
    assert by_name["ref"]["datafile_id"] == f"{src['permanames'][0]}.1/x"
    assert all(f["server_id"] for f in s["files"])
    assert s["previews"] == {"raw": 201, "matrix": 201}


def test_flow_update_dataset_with_additions_via_add_existing_files(tp, tmp_path):
    a, b = write(tmp_path, b"a1"), write(tmp_path, b"b1")
    s = create_dataset(tp, "flow update", "d1", [UploadedFile("a", a), UploadedFile("b", b)])
    perm = s["permanames"][0]
    start = len(tp.calls)
    u = update_dataset(tp, perm, "changed b, added c",
                       [UploadedFile("a", a), UploadedFile("b", write(tmp_path, b"b2")),
                        TaigaReference("c", f"{perm}.1/a")], description="d2")
    calls = calls_between(tp, start)
    assert calls[:3] == [("GET", f"/api/dataset/{perm}"), ("GET", f"/api/dataset/{perm}/1"),
                         ("GET", f"/api/dataset/{perm}")], calls
    assert ("POST", "/api/datasetVersion") in calls
    assert u["uploaded"] == ["b", "c"] and u["version_number"] == 2 and u["description"] == "d2"
    ids = {f["name"]: f["datafile_id"] for f in u["files"]}
    assert ids == {"a": f"{perm}.1/a", "b": f"{perm}.2/b", "c": f"{perm}.1/a"}
    # the latest version counts deleted ones (get_latest_version_id takes max over all)
    vid2 = u["raw"]["datasetVersion"]["id"]
    assert tp.user.client.post(f"/datasetVersion/{vid2}/delete").status_code == 200
    assert get_latest_version_id(tp, perm) == f"{perm}.2"
    u3 = update_dataset(tp, perm, "after delete", [UploadedFile("d", write(tmp_path, b"d"))])
    assert u3["version_number"] == 3
    assert {f["name"] for f in u3["files"]} == {"a", "b", "c", "d"}
    assert {f["name"]: f["datafile_id"] for f in u3["files"]}["b"] == f"{perm}.2/b"


def test_flow_replace_dataset(tp, tmp_path):
    s = create_dataset(tp, "flow replace", "keep this description",
                       [UploadedFile("a", write(tmp_path, b"a")),
                        UploadedFile("b", write(tmp_path, b"b"))])
    perm = s["permanames"][0]
    r = replace_dataset(tp, perm, "only c", [UploadedFile("c", write(tmp_path, b"c")),
                                             TaigaReference("a-again", f"{perm}.1/a")])
    assert r["version_number"] == 2 and r["description"] == "keep this description"
    assert {f["name"]: f["datafile_id"] for f in r["files"]} == {"c": f"{perm}.2/c",
                                                                 "a-again": f"{perm}.1/a"}
    assert r["raw"]["datasetVersion"]["changes_description"] == "only c"
    assert r["previews"] == {"c": 201}


def test_flow_get_and_download_to_cache_metadata_calls(tp, server, tmp_path):
    matrix = b"\x89HDF\r\n\x1a\nmatrix"
    s = create_dataset(tp, "flow get", "d", [UploadedFile("m", write(tmp_path, matrix),
                                                          "HDF5_MATRIX"),
                                             UploadedFile("r", write(tmp_path, b"raw"))])
    perm = s["permanames"][0]
    u = update_dataset(tp, perm, "v2", [UploadedFile("m", write(tmp_path, b"\x89HDF v2"),
                                                     "HDF5_MATRIX")])
    # v2 is deleted: get(name=..., file=...) uses the highest version that is not deleted
    assert tp.user.client.post(f"/datasetVersion/{u['raw']['datasetVersion']['id']}/delete") \
        .status_code == 200
    start = len(tp.calls)
    assert requests.get(tp.url, timeout=10).status_code < 500  # is_connected()
    meta = tp.get(f"/api/dataset/{perm}")
    version = max([int(v["name"]) for v in meta["versions"] if v["state"] != "deleted"] or [1])
    assert version == 1
    cache = Cache(tp)
    datafile_id = f"{perm}.{version}/m"
    canonical = cache.get_canonical_id(datafile_id)
    assert canonical == datafile_id
    assert cache.storage_format(canonical) == "raw_hdf5_matrix"
    assert cache.download_to_cache(datafile_id, "HDF5_MATRIX") == matrix
    calls = calls_between(tp, start)
    assert calls[:2] == [("GET", f"/api/dataset/{perm}"), ("GET", f"/api/dataset/{perm}/1")]
    assert calls[2] == ("GET", "/api/datafile")
    # an explicit id of the deleted version still works, and its alias resolves to v1
    assert cache.get_canonical_id(f"{perm}.2/r") == f"{perm}.1/r"
    assert cache.download_to_cache(f"{perm}.2/r", "RAW") == b"raw"
    assert cache.download_to_cache(f"{perm}.2/m", "HDF5_MATRIX") == b"\x89HDF v2"
    # get_dataset_metadata / get_latest_version_id
    assert tp.get(f"/api/dataset/{perm}/2")["datasetVersion"]["state"] == "deleted"
    assert get_latest_version_id(tp, perm) == f"{perm}.2"
    # a Raw file refuses the matrix path client-side (no server call decides it)
    with pytest.raises(AssertionError, match="Requested HDF5_MATRIX"):
        cache.download_to_cache(f"{perm}.1/r", "HDF5_MATRIX")


def test_flow_get_canonical_id(tp, tmp_path):
    s = create_dataset(tp, "canonical", "d", [UploadedFile("only", write(tmp_path, b"1"))])
    perm = s["permanames"][0]
    other = create_dataset(tp, "canonical copy", "d",
                           [TaigaReference("alias", f"{perm}.1/only")])
    operm = other["permanames"][0]
    update_dataset(tp, operm, "again", [UploadedFile("new", write(tmp_path, b"2"))])
    cache = Cache(tp)
    assert cache.get_canonical_id(f"{perm}.1") == f"{perm}.1/only"  # single-file short id
    assert cache.get_canonical_id(f"{operm}.1/alias") == f"{perm}.1/only"
    assert cache.get_canonical_id(f"{operm}.2/alias") == f"{perm}.1/only"
    assert cache.get_canonical_id(f"{operm}.2/new") == f"{operm}.2/new"
    # v2 TaigaClient.get_canonical_id: GET /api/datafile?format=metadata, then the version
    meta = tp.get("/api/datafile", {"dataset_permaname": operm, "version": "2",
                                    "datafile_name": "alias", "format": "metadata"})
    check_datafile_metadata(meta)
    assert meta["underlying_file_id"] == f"{perm}.1/only" and "urls" not in meta
    # ... and by dataset_version_id (an id without '.')
    vid = tp.get(f"/api/dataset/{operm}/2")["datasetVersion"]["id"]
    meta = tp.get("/api/datafile", {"dataset_version_id": vid, "datafile_name": "new",
                                    "format": "metadata"})
    assert meta["dataset_version"] == "2" and "underlying_file_id" not in meta
    # v2 get() of a non-table asks column_types; 400 means "not a table" to taigapy
    r = tp.raw_get("/api/datafile/column_types", {"dataset_permaname": operm, "version": "2",
                                                  "datafile_name": "new"})
    assert r.status_code == 400
    # an unknown version propagates as a 404 (Taiga404Exception)
    assert tp.raw_get(f"/api/dataset/{perm}/7").status_code == 404
