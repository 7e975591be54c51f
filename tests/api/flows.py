"""Client-side steps of the upload protocol, as taigapy performs them: credentials, an upload
session, bytes to the S3 endpoint with boto3, registration, task polling, dataset creation."""
import os
import tempfile
import time
import uuid

import boto3
import requests
from botocore.config import Config


def s3_client(creds):
    return boto3.client("s3", aws_access_key_id=creds["accessKeyId"],
                        aws_secret_access_key=creds["secretAccessKey"],
                        aws_session_token=creds["sessionToken"],
                        endpoint_url=creds["endpointUrl"], region_name="us-east-1",
                        config=Config(s3={"addressing_style": "path"},
                                      retries={"max_attempts": 2}))


def put_bytes(api, sid, data, name=None):
    """Uploads `data` under the caller's prefix for session `sid` with boto3's upload_file (one
    PutObject below 8 MiB, multipart above). Returns (bucket, key)."""
    creds = api.get("/credentials_s3").json()
    key = f"{creds['prefix']}{sid}/{name or uuid.uuid4().hex}"
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(data)
        path = f.name
    try:
        s3_client(creds).upload_file(path, creds["bucket"], key)
    finally:
        os.unlink(path)
    return creds["bucket"], key


def wait_task(api, task_id, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        r = api.get(f"/task_status/{task_id}")
        assert r.status_code == 200, r.text
        status = r.json()
        if status["state"] in ("SUCCESS", "FAILURE"):
            return status
        assert time.monotonic() < deadline, status
        time.sleep(0.05)


def add_s3_file(api, sid, data, filename, fmt="Raw", encoding=None, custom_metadata=None,
                wait=True):
    bucket, key = put_bytes(api, sid, data)
    upload = {"format": fmt, "bucket": bucket, "key": key}
    if encoding:
        upload["encoding"] = encoding
    body = {"filename": filename, "filetype": "s3", "s3Upload": upload,
            "custom_metadata": custom_metadata if custom_metadata is not None else {}}
    r = api.post(f"/datafile/{sid}", json=body)
    assert r.status_code == 200, r.text
    task = r.json()
    if wait:
        status = wait_task(api, task)
        assert status["state"] == "SUCCESS", status
    return task


def new_session(api):
    r = api.get("/upload_session")
    assert r.status_code == 200, r.text
    return r.json()


def create_dataset(api, files, name=None, folder_id=None, description="a description"):
    """files: {filename: bytes}. Returns the dataset JSON."""
    sid = new_session(api)
    for filename, data in files.items():
        add_s3_file(api, sid, data, filename)
    folder = folder_id or api.get("/user").json()["home_folder_id"]
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": name or f"ds {uuid.uuid4().hex[:6]}",
                                   "currentFolderId": folder, "datasetDescription": description})
    assert r.status_code == 200, r.text
    return api.get(f"/dataset/{r.json()}").json()


def download(url):
    r = requests.get(url, timeout=60)  # no Authorization header: signed URLs stand alone
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return r
