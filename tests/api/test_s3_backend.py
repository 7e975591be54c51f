"""blob.backend s3 (TAIGA_TEST_BLOB=s3, the Ceph RGW of scripts/with-rgw): GET /api/credentials_s3
hands out STS credentials for the bucket that upload under the caller's prefix and nothing else,
processed uploads are moved to blobs/<2>/<sha256> in the bucket, downloads are presigned S3 URLs
naming the file, and the server itself serves no bytes ({prefix}/s3/ and {prefix}/blob/ are gone)."""
import datetime
import hashlib
import os

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import BLOB_MODE
from flows import create_dataset, download, s3_client

pytestmark = pytest.mark.skipif(BLOB_MODE != "s3", reason="s3-only: run with TAIGA_TEST_BLOB=s3 "
                                                          "under scripts/with-rgw")

DATA = b"id,name\n1,caf\xc3\xa9\n"


@pytest.fixture
def owner(new_user):
    return new_user("s3owner")


@pytest.fixture
def bucket_admin():
    """boto3 with the server's own key, to look into the bucket."""
    return boto3.client("s3", endpoint_url=os.environ["TAIGA_TEST_S3_ENDPOINT"],
                        region_name=os.environ["TAIGA_TEST_S3_REGION"],
                        aws_access_key_id=os.environ["TAIGA_TEST_S3_ACCESS_KEY"],
                        aws_secret_access_key=os.environ["TAIGA_TEST_S3_SECRET_KEY"],
                        config=Config(s3={"addressing_style": "path"}))


def status_of(call):
    try:
        call()
    except ClientError as e:
        return e.response["ResponseMetadata"]["HTTPStatusCode"]
    return 200


def test_credentials_upload_under_the_prefix_only(owner, bucket_admin):
    creds = owner.client.get("/credentials_s3").json()
    bucket = os.environ["TAIGA_TEST_S3_BUCKET"]
    assert creds["endpointUrl"] == os.environ["TAIGA_TEST_S3_ENDPOINT"]
    assert creds["bucket"] == bucket and creds["prefix"] == f"upload/{owner.id}/"
    assert creds["accessKeyId"] != os.environ["TAIGA_TEST_S3_ACCESS_KEY"] and creds["sessionToken"]
    expires = datetime.datetime.fromisoformat(creds["expiration"])
    left = expires - datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(minutes=50) < left <= datetime.timedelta(hours=1, minutes=1), left
    s3 = s3_client(creds)
    mine = creds["prefix"] + "session/x.csv"
    s3.put_object(Bucket=bucket, Key=mine, Body=DATA)
    assert bucket_admin.get_object(Bucket=bucket, Key=mine)["Body"].read() == DATA
    for key in ("upload/someone-else/x", "blobs/00/" + "0" * 64, creds["prefix"][:-1] + "x"):
        assert status_of(lambda: s3.put_object(Bucket=bucket, Key=key, Body=b"x")) == 403, key
    assert status_of(lambda: s3.get_object(Bucket=bucket, Key=mine)) == 403
    assert status_of(lambda: s3.delete_object(Bucket=bucket, Key=mine)) == 403
    assert status_of(lambda: s3.list_objects_v2(Bucket=bucket)) == 403
    bucket_admin.delete_object(Bucket=bucket, Key=mine)


def test_uploads_are_moved_into_the_bucket_and_downloaded_by_presigned_urls(owner, bucket_admin):
    api = owner.client
    ds = create_dataset(api, {"people": DATA}, name="People S3")
    [f] = api.get(f"/dataset/{ds['id']}/last").json()["datafiles"]
    sha = hashlib.sha256(DATA).hexdigest()
    assert f["original_file_sha256"] == sha
    bucket = os.environ["TAIGA_TEST_S3_BUCKET"]
    head = bucket_admin.head_object(Bucket=bucket, Key=f"blobs/{sha[:2]}/{sha}")
    assert head["ContentLength"] == len(DATA)
    left = bucket_admin.list_objects_v2(Bucket=bucket, Prefix=f"upload/{owner.id}/")
    assert left.get("KeyCount", 0) == 0, left.get("Contents")  # moved, not copied

    meta = api.get("/datafile", params={"dataset_permaname": ds["permanames"][0],
                                        "format": "raw"}).json()
    [url] = meta["urls"]
    assert url.startswith(f"{os.environ['TAIGA_TEST_S3_ENDPOINT']}/{bucket}/blobs/{sha[:2]}/{sha}?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=" in url
    got = download(url)
    assert got.content == DATA
    assert got.headers["Content-Disposition"].startswith('attachment; filename="people-s3_v1-people')


def test_the_server_serves_no_bytes(server):
    for path in ("/s3/taiga/upload/x", "/blob/anything"):
        r = requests.put(server.base_url + path, data=b"x", timeout=30)
        assert r.status_code == 404, (path, r.status_code, r.text[:200])
        assert requests.get(server.base_url + path, timeout=30).status_code == 404
    assert not os.path.exists(os.path.join(server.data_dir, "blobs"))
