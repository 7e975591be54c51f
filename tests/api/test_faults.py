"""Crashes: each test runs its own server (short worker leases) and SIGKILLs it at a bad moment —
in the middle of a multipart upload, while an upload is being processed, right after a new
version was acknowledged — then starts it again on the same data dir (and database) and checks
that nothing half-done is visible and that the client can carry on.

Twenty concurrent POST /api/datasetVersion on one dataset are covered by
test_datasets.py::test_concurrent_new_versions_are_consecutive."""
import hashlib
import os
import threading
import time
import uuid

import boto3
import pytest
import requests
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import assert_problem, embedded_only, running_server, uniq
from flows import add_s3_file, download, new_session, s3_client, wait_task

MIB = 1024 * 1024
# workers.lease_seconds: the config's minimum (5) — a killed worker's job is claimed again
# that long after its last renewal.
FAULT_ENV = {"TAIGA_WORKERS_LEASE_SECONDS": "5"}


def sigkill_and_restart(srv):
    """SIGKILL (no shutdown at all), then `taiga serve` again on the same data dir, database
    and port."""
    srv.proc.kill()
    srv.proc.wait()
    srv.running = False
    srv.start()


def user_client(srv, prefix="crash"):
    name = uniq(prefix)
    token = srv.create_user(name, f"{name}@example.org")
    return srv.client(token)


def home_of(api):
    return api.get("/user").json()["home_folder_id"]


def s3_status(e):
    return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]


def register_body(bucket, key, filename):
    return {"filename": filename, "filetype": "s3",
            "s3Upload": {"format": "Raw", "bucket": bucket, "key": key, "encoding": "utf8"},
            "custom_metadata": {}}


@embedded_only  # with blob.backend s3 the upload never passes through the server
def test_sigkill_in_the_middle_of_a_multipart_upload(tmp_path):
    parts = [os.urandom(5 * MIB), os.urandom(5 * MIB), os.urandom(777)]
    whole = b"".join(parts)
    with running_server(extra_env=FAULT_ENV) as srv:
        api = user_client(srv)
        sid = new_session(api)
        creds = api.get("/credentials_s3").json()
        s3, bucket = s3_client(creds), creds["bucket"]
        key_a = f"{creds['prefix']}{sid}/{uuid.uuid4().hex}"  # completed after the crash
        key_b = f"{creds['prefix']}{sid}/{uuid.uuid4().hex}"  # aborted, then started again
        up_a = s3.create_multipart_upload(Bucket=bucket, Key=key_a)["UploadId"]
        up_b = s3.create_multipart_upload(Bucket=bucket, Key=key_b)["UploadId"]
        etag_a1 = s3.upload_part(Bucket=bucket, Key=key_a, UploadId=up_a, PartNumber=1,
                                 Body=parts[0])["ETag"]
        s3.upload_part(Bucket=bucket, Key=key_b, UploadId=up_b, PartNumber=1, Body=parts[0])

        sigkill_and_restart(srv)

        # Nothing is visible: neither object exists, and registering one is a 404.
        for key in (key_a, key_b):
            with pytest.raises(ClientError) as e:
                s3.head_object(Bucket=bucket, Key=key)
            assert s3_status(e.value)[1] == 404
            assert_problem(api.post(f"/datafile/{sid}", json=register_body(bucket, key, "x")), 404)
        # The credentials issued before the crash still work, and the upload goes on.
        etags = {1: etag_a1}
        for n in (3, 2):
            etags[n] = s3.upload_part(Bucket=bucket, Key=key_a, UploadId=up_a, PartNumber=n,
                                      Body=parts[n - 1])["ETag"]
        with pytest.raises(ClientError):  # still not there before it is completed
            s3.head_object(Bucket=bucket, Key=key_a)
        s3.complete_multipart_upload(
            Bucket=bucket, Key=key_a, UploadId=up_a,
            MultipartUpload={"Parts": [{"ETag": etags[n], "PartNumber": n} for n in (1, 2, 3)]})
        assert s3.head_object(Bucket=bucket, Key=key_a)["ContentLength"] == len(whole)
        # The other one is aborted after the restart; it is gone for good.
        s3.abort_multipart_upload(Bucket=bucket, Key=key_b, UploadId=up_b)
        with pytest.raises(ClientError) as e:
            s3.upload_part(Bucket=bucket, Key=key_b, UploadId=up_b, PartNumber=2, Body=parts[1])
        assert s3_status(e.value) == ("NoSuchUpload", 404)
        with pytest.raises(ClientError) as e:
            s3.head_object(Bucket=bucket, Key=key_b)
        assert s3_status(e.value)[1] == 404
        # ... and started again: a fresh upload_file of the same bytes to the same key.
        path = tmp_path / "again.bin"
        path.write_bytes(whole)
        s3.upload_file(str(path), bucket, key_b,
                       Config=TransferConfig(multipart_threshold=5 * MIB,
                                             multipart_chunksize=5 * MIB))
        assert s3.head_object(Bucket=bucket, Key=key_b)["ContentLength"] == len(whole)

        # Both register, process and make a dataset whose bytes are the upload's.
        for key, name in ((key_a, "completed"), (key_b, "restarted")):
            r = api.post(f"/datafile/{sid}", json=register_body(bucket, key, name))
            assert r.status_code == 200, r.text
            assert wait_task(api, r.json())["state"] == "SUCCESS"
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "after the crash",
                                       "currentFolderId": home_of(api)})
        assert r.status_code == 200, r.text
        perm = api.get(f"/dataset/{r.json()}").json()["permanames"][0]
        files = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"]
        assert {f["name"]: f["original_file_sha256"] for f in files} == {
            "completed": hashlib.sha256(whole).hexdigest(),
            "restarted": hashlib.sha256(whole).hexdigest()}
        for name in ("completed", "restarted"):
            meta = api.get("/datafile", params={"dataset_permaname": perm, "version": "1",
                                                "datafile_name": name, "format": "raw"}).json()
            assert hashlib.sha256(download(meta["urls"][0]).content).hexdigest() == \
                hashlib.sha256(whole).hexdigest()


def _partial_temp_files(srv, total):
    """The store's temp files (blobs/tmp/*.part) that hold some but not all of `total` bytes."""
    d = os.path.join(srv.data_dir, "blobs", "tmp")
    out = []
    for name in os.listdir(d) if os.path.isdir(d) else []:
        try:
            size = os.path.getsize(os.path.join(d, name))
        except FileNotFoundError:
            continue
        if 0 < size < total:
            out.append((name, size))
    return out


def _partial_data_files(srv, total):
    """The multipart data files (blobs/multipart/*.data, parts written in place) that hold
    some but not all of `total` bytes."""
    d = os.path.join(srv.data_dir, "blobs", "multipart")
    out = []
    for name in os.listdir(d) if os.path.isdir(d) else []:
        try:
            size = os.stat(os.path.join(d, name)).st_blocks * 512 if name.endswith(".data") else 0
        except FileNotFoundError:
            continue
        if 0 < size < total:
            out.append((name, size))
    return out


def _kill_while_writing(srv, call, total, timeout=20, in_place_total=None):
    """Runs `call` (an S3 request) in a thread and SIGKILLs the server as soon as the store is
    part-way through writing its bytes (a temp file with some of `total`, or a multipart data
    file with some of `in_place_total`); restarts it. Returns what the call raised or
    returned."""
    outcome = {}

    def run():
        try:
            outcome["result"] = call()
        except Exception as e:  # the connection dies with the server
            outcome["error"] = e

    t = threading.Thread(target=run)
    t.start()
    deadline = time.monotonic() + timeout
    while not (_partial_temp_files(srv, total) or
               (in_place_total and _partial_data_files(srv, in_place_total))):
        assert t.is_alive(), f"the request ended before the test could kill the server: {outcome}"
        assert time.monotonic() < deadline, "the server never started writing"
        time.sleep(0.001)
    sigkill_and_restart(srv)
    t.join(timeout=30)
    assert not t.is_alive()
    return outcome


def no_retries(creds):
    """An S3 client that does not retry, so a request cut by the crash stays cut."""
    return boto3.client("s3", aws_access_key_id=creds["accessKeyId"],
                        aws_secret_access_key=creds["secretAccessKey"],
                        aws_session_token=creds["sessionToken"],
                        endpoint_url=creds["endpointUrl"], region_name="us-east-1",
                        config=Config(s3={"addressing_style": "path"},
                                      retries={"total_max_attempts": 1, "mode": "standard"},
                                      read_timeout=30, connect_timeout=5))


@embedded_only  # the server's own S3 endpoint is killed mid-request
def test_sigkill_while_complete_multipart_upload_assembles_the_object():
    # Part 2 is longer than part 1, so it cannot be written in place (LocalPartSlots) and
    # Complete has to copy the parts into a temp file: that is when the server is killed.
    parts = [os.urandom(64 * MIB), os.urandom(65 * MIB), os.urandom(64 * MIB), b"tail"]
    total = sum(len(p) for p in parts)
    with running_server(extra_env=FAULT_ENV) as srv:
        api = user_client(srv)
        sid = new_session(api)
        creds = api.get("/credentials_s3").json()
        s3, bucket = no_retries(creds), creds["bucket"]
        key = f"{creds['prefix']}{sid}/{uuid.uuid4().hex}"
        upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        listing = [{"ETag": s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id,
                                           PartNumber=n + 1, Body=p)["ETag"], "PartNumber": n + 1}
                   for n, p in enumerate(parts)]
        outcome = _kill_while_writing(srv, lambda: s3.complete_multipart_upload(
            Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": listing}), total)
        assert "error" in outcome, outcome  # it was cut off, not answered

        # No half-assembled object: not there at all, and it cannot be registered.
        with pytest.raises(ClientError) as e:
            s3.head_object(Bucket=bucket, Key=key)
        assert s3_status(e.value)[1] == 404
        assert_problem(api.post(f"/datafile/{sid}", json=register_body(bucket, key, "x")), 404)
        # The client's retry of the same CompleteMultipartUpload finishes it.
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                     MultipartUpload={"Parts": listing})
        assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == total
        r = api.post(f"/datafile/{sid}", json=register_body(bucket, key, "assembled"))
        assert r.status_code == 200, r.text
        assert wait_task(api, r.json())["state"] == "SUCCESS"
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "assembled",
                                       "currentFolderId": home_of(api)})
        assert r.status_code == 200, r.text
        perm = api.get(f"/dataset/{r.json()}").json()["permanames"][0]
        [f] = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"]
        assert f["original_file_sha256"] == hashlib.sha256(b"".join(parts)).hexdigest()


@embedded_only  # the server's own S3 endpoint is killed mid-request
def test_sigkill_in_the_middle_of_a_put_object_body():
    data = os.urandom(300 * MIB)
    with running_server(extra_env=FAULT_ENV) as srv:
        api = user_client(srv)
        sid = new_session(api)
        creds = api.get("/credentials_s3").json()
        s3, bucket = no_retries(creds), creds["bucket"]
        key = f"{creds['prefix']}{sid}/{uuid.uuid4().hex}"
        outcome = _kill_while_writing(
            srv, lambda: s3.put_object(Bucket=bucket, Key=key, Body=data), len(data))
        assert "error" in outcome, outcome
        with pytest.raises(ClientError) as e:
            s3.head_object(Bucket=bucket, Key=key)
        assert s3_status(e.value)[1] == 404
        assert_problem(api.post(f"/datafile/{sid}", json=register_body(bucket, key, "x")), 404)
        # sending it again works end to end
        small = data[:MIB]
        s3.put_object(Bucket=bucket, Key=key, Body=small)
        assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == len(small)
        r = api.post(f"/datafile/{sid}", json=register_body(bucket, key, "again"))
        assert r.status_code == 200, r.text
        assert wait_task(api, r.json())["state"] == "SUCCESS"


@embedded_only  # the server's own S3 endpoint is killed mid-request
def test_taigapy_upload_file_rides_out_a_restart_with_botocore_retries(tmp_path):
    """taigapy's boto3 client (no Config: legacy retries, 5 attempts) keeps going when the server
    dies under a multipart upload and comes back: the cut part is retried on the new process."""
    data = os.urandom(40 * MIB)  # 5 parts of 8 MiB
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    with running_server(extra_env=FAULT_ENV) as srv:
        api = user_client(srv)
        sid = new_session(api)
        creds = api.get("/credentials_s3").json()
        s3 = boto3.client("s3", aws_access_key_id=creds["accessKeyId"],
                          aws_secret_access_key=creds["secretAccessKey"],
                          aws_session_token=creds["sessionToken"],
                          endpoint_url=creds["endpointUrl"], region_name="us-east-1")
        key = f"{creds['prefix']}{sid}/{uuid.uuid4().hex}"
        outcome = _kill_while_writing(
            srv, lambda: s3.upload_file(str(path), creds["bucket"], key), 8 * MIB,
            in_place_total=len(data))
        assert "error" not in outcome, outcome
        assert s3.head_object(Bucket=creds["bucket"], Key=key)["ContentLength"] == len(data)
        r = api.post(f"/datafile/{sid}", json=register_body(creds["bucket"], key, "f"))
        assert r.status_code == 200, r.text
        assert wait_task(api, r.json())["state"] == "SUCCESS"
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "retried",
                                       "currentFolderId": home_of(api)})
        assert r.status_code == 200, r.text
        perm = api.get(f"/dataset/{r.json()}").json()["permanames"][0]
        [f] = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"]
        assert f["original_file_sha256"] == hashlib.sha256(data).hexdigest()


def _write_big_file(path, size):
    """`size` bytes, random enough to be unique, fast to make: one random MiB, each copy
    prefixed by its index."""
    block = os.urandom(MIB)
    digest = hashlib.sha256()
    with open(path, "wb") as f:
        written = 0
        i = 0
        while written < size:
            chunk = (i.to_bytes(8, "big") + block)[:min(MIB, size - written)]
            f.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            i += 1
    return digest.hexdigest()


def test_sigkill_while_an_upload_is_being_processed(tmp_path):
    size = 400 * MIB
    path = tmp_path / "big.bin"
    sha256 = _write_big_file(path, size)
    with running_server(extra_env=FAULT_ENV) as srv:
        api = user_client(srv)
        home = home_of(api)
        sid = new_session(api)
        creds = api.get("/credentials_s3").json()
        key = f"{creds['prefix']}{sid}/{uuid.uuid4().hex}"
        s3_client(creds).upload_file(str(path), creds["bucket"], key,
                                     Config=TransferConfig(multipart_chunksize=64 * MIB,
                                                           max_concurrency=4))
        r = api.post(f"/datafile/{sid}", json=register_body(creds["bucket"], key, "big"))
        assert r.status_code == 200, r.text
        task = r.json()

        # Before processing ends the session cannot become a dataset.
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "too early",
                                       "currentFolderId": home})
        state = api.get(f"/task_status/{task}").json()["state"]
        assert state in ("PENDING", "STARTED", "PROGRESS"), \
            f"processing {size >> 20} MiB finished before the test could look ({state})"
        assert_problem(r, 409, "still being processed")

        # SIGKILL while a worker is hashing it: some of the bytes done, not all.
        seen = []
        deadline = time.monotonic() + 20
        while True:
            status = api.get(f"/task_status/{task}").json()
            seen.append((status["state"], status["current"]))
            if status["state"] == "PROGRESS" and 0 < status["current"] < size:
                break
            assert status["state"] in ("PENDING", "STARTED", "PROGRESS"), seen
            assert time.monotonic() < deadline, seen
            time.sleep(0.002)
        sigkill_and_restart(srv)
        print(f"killed at {status}; polled {len(seen)} times")

        # After the restart: the task is not finished yet (its lease has to run out first),
        # and nothing of it is visible.
        status = api.get(f"/task_status/{task}").json()
        assert status["state"] in ("PENDING", "STARTED", "PROGRESS"), status
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "still too early",
                                       "currentFolderId": home})
        assert_problem(r, 409, "still being processed")
        entries = api.get(f"/folder/{home}").json()["entries"]
        assert [e for e in entries if e["type"] == "dataset"] == []
        content = os.path.join(srv.data_dir, "blobs", "blobs", sha256[:2], sha256)
        assert not os.path.exists(content) or os.path.getsize(content) == size

        # The lease expires, a worker claims the task again and finishes it.
        status = wait_task(api, task, timeout=60)
        assert status["state"] == "SUCCESS", status
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "processed",
                                       "currentFolderId": home})
        assert r.status_code == 200, r.text
        ds = api.get(f"/dataset/{r.json()}").json()
        perm = ds["permanames"][0]
        [f] = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"]
        assert f["original_file_sha256"] == sha256
        meta = api.get("/datafile", params={"dataset_permaname": perm, "version": "1",
                                            "datafile_name": "big", "format": "raw"}).json()
        got = hashlib.sha256()
        with requests.get(meta["urls"][0], stream=True, timeout=120) as resp:
            assert resp.status_code == 200
            for chunk in resp.iter_content(4 * MIB):
                got.update(chunk)
        assert got.hexdigest() == sha256
        assert len(ds["versions"]) == 1


def test_sigkill_right_after_a_new_version_was_acknowledged():
    with running_server(extra_env=FAULT_ENV) as srv:
        api = user_client(srv)
        home = home_of(api)
        sid = new_session(api)
        add_s3_file(api, sid, b"version one", "f")
        r = api.post("/dataset", json={"sessionId": sid, "datasetName": "durable",
                                       "currentFolderId": home})
        assert r.status_code == 200, r.text
        dsid = r.json()
        sid2 = new_session(api)
        add_s3_file(api, sid2, b"version two", "f")
        add_s3_file(api, sid2, b"added", "g")
        r = api.post("/datasetVersion", json={"datasetId": dsid, "sessionId": sid2,
                                              "newDescription": "two", "datasetVersion": None,
                                              "addExistingFiles": True,
                                              "changesDescription": "before the crash"})
        assert r.status_code == 200, r.text
        vid = r.json()

        sigkill_and_restart(srv)  # at once: no request in between

        r = api.get(f"/datasetVersion/{vid}")
        assert r.status_code == 200, r.text
        v = r.json()
        assert v["name"] == "2" and v["changes_description"] == "before the crash"
        assert sorted(f["name"] for f in v["datafiles"]) == ["f", "g"]
        ds = api.get(f"/dataset/{dsid}").json()
        assert sorted(x["name"] for x in ds["versions"]) == ["1", "2"]
        assert ds["description"] == "two"
        perm = ds["permanames"][0]
        for name, data in (("f", b"version two"), ("g", b"added")):
            meta = api.get("/datafile", params={"dataset_permaname": perm, "version": "2",
                                                "datafile_name": name, "format": "raw"}).json()
            assert download(meta["urls"][0]).content == data
        # the session stays used, and the next version is 3
        r = api.post("/datasetVersion", json={"datasetId": dsid, "sessionId": sid2,
                                              "newDescription": "again"})
        assert_problem(r, 409)
        sid3 = new_session(api)
        add_s3_file(api, sid3, b"three", "f")
        r = api.post("/datasetVersion", json={"datasetId": dsid, "sessionId": sid3,
                                              "newDescription": "three"})
        assert r.status_code == 200, r.text
        assert api.get(f"/datasetVersion/{r.json()}").json()["name"] == "3"
