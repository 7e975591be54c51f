"""The embedded S3 upload endpoint ({prefix}/s3/) against a real `taiga serve`: boto3's
upload_file (PutObject below 8 MiB, concurrent multipart above), read back from the data dir and
through signed download URLs, and the bad-input catalogue — wrong secret, expired, forged or
foreign session tokens, keys outside the prefix, payload hash mismatch and truncated bodies (nothing
kept), unknown upload ids, parts out of order or with wrong ETags, CORS preflight, HEAD.

Requests boto3 would never send are signed here with a small SigV4 implementation (sigv4_headers)
and sent with requests or a raw socket."""
import base64
import datetime
import hashlib
import hmac
import os
import socket
import threading
import time
import urllib.parse
import uuid

import boto3
import pytest
import requests
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import embedded_only
from flows import create_dataset, s3_client

pytestmark = embedded_only  # the server's own endpoint; blob.backend s3 has none

MIB = 1024 * 1024


@pytest.fixture
def uploader(new_user):
    return new_user("uploader")


@pytest.fixture
def creds(uploader):
    r = uploader.client.get("/credentials_s3")
    assert r.status_code == 200, r.text
    return r.json()


def blob_path(server, key):
    return os.path.join(server.data_dir, "blobs", key)


def internal_blobs(server):
    """Files the endpoint and the store keep while they work (multipart parts and records,
    staging, and the store's temp files of writers in progress)."""
    out = []
    for sub in ("multipart", "tmp"):
        d = os.path.join(server.data_dir, "blobs", sub)
        out += sorted(os.listdir(d)) if os.path.isdir(d) else []
    return out


def settled(server, timeout=5.0):
    """internal_blobs() once the endpoint is done (Complete removes the parts after answering)."""
    deadline = time.monotonic() + timeout
    while internal_blobs(server) and time.monotonic() < deadline:
        time.sleep(0.02)
    return internal_blobs(server)


def error_code(e):
    return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]


def calls(client):
    """Records the S3 operations a client sends (name, thread) in a list it returns."""
    seen = []
    client.meta.events.register("before-call.s3.*", lambda model, **kw: seen.append(
        (model.name, threading.get_ident())))
    return seen


# A minimal SigV4 header signer for the requests boto3 will not make. --------------------------
def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def sigv4_headers(creds, method, url, body=b"", payload_hash=None, extra=None, secret=None,
                  token=None, when=None):
    parts = urllib.parse.urlsplit(url)
    when = when or datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = when.strftime("%Y%m%dT%H%M%SZ"), when.strftime("%Y%m%d")
    headers = {"host": parts.netloc, "x-amz-date": amz_date,
               "x-amz-content-sha256": payload_hash or hashlib.sha256(body).hexdigest(),
               "x-amz-security-token": creds["sessionToken"] if token is None else token}
    headers.update({k.lower(): v for k, v in (extra or {}).items()})
    query = sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    canonical_query = "&".join(f"{urllib.parse.quote(k, safe='-_.~')}={urllib.parse.quote(v, safe='-_.~')}"
                               for k, v in query)
    names = sorted(headers)
    canonical = "\n".join([method, parts.path, canonical_query,
                           "".join(f"{n}:{headers[n].strip()}\n" for n in names),
                           ";".join(names), headers["x-amz-content-sha256"]])
    scope = f"{day}/us-east-1/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + (secret or creds["secretAccessKey"])).encode()
    for piece in (day, "us-east-1", "s3", "aws4_request"):
        key = _hmac(key, piece)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={creds['accessKeyId']}/{scope}, "
                                f"SignedHeaders={';'.join(names)}, Signature={signature}")
    return headers


def object_url(creds, key):
    return f"{creds['endpointUrl']}/{creds['bucket']}/{urllib.parse.quote(key)}"


def mint_token(server, access_key_id, prefix, expires):
    """A session token as the server makes them (blob/local/embedded_credentials.h), signed with
    the server's own key from <data_dir>/signing-key: for credentials that have expired."""
    key = bytes.fromhex(open(os.path.join(server.data_dir, "signing-key")).read().strip())
    payload = f"e1\n{access_key_id}\n{int(expires)}\n{prefix}".encode()
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    return b64(payload) + "." + b64(hmac.new(key, b"token:" + payload, hashlib.sha256).digest())


# Uploads that work. ---------------------------------------------------------------------------
def test_credentials_point_at_the_embedded_endpoint(server, uploader, creds):
    assert creds["endpointUrl"] == server.base_url + "/s3"
    assert creds["bucket"] == "taiga"
    assert creds["prefix"] == f"upload/{uploader.id}/"
    assert creds["accessKeyId"] and creds["secretAccessKey"] and creds["sessionToken"]


def test_small_file_is_one_put_object(server, creds, tmp_path):
    data = os.urandom(300_000)
    path = tmp_path / "small.bin"
    path.write_bytes(data)
    s3 = s3_client(creds)
    seen = calls(s3)
    key = f"{creds['prefix']}s/small file (1).bin"
    s3.upload_file(str(path), creds["bucket"], key)
    assert [name for name, _ in seen] == ["PutObject"]
    assert open(blob_path(server, key), "rb").read() == data
    head = s3.head_object(Bucket=creds["bucket"], Key=key)
    assert head["ContentLength"] == len(data)
    assert settled(server) == []


def test_20_mib_file_is_a_concurrent_multipart_upload(server, creds, tmp_path):
    data = os.urandom(20 * MIB)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    s3 = s3_client(creds)
    seen = calls(s3)
    key = f"{creds['prefix']}s/big.bin"
    s3.upload_file(str(path), creds["bucket"], key,
                   Config=TransferConfig(multipart_threshold=8 * MIB, multipart_chunksize=8 * MIB,
                                         max_concurrency=10))
    names = [name for name, _ in seen]
    assert names.count("UploadPart") == 3 and names[0] == "CreateMultipartUpload"
    assert names[-1] == "CompleteMultipartUpload"
    assert len({t for name, t in seen if name == "UploadPart"}) > 1, "parts were sent concurrently"
    assert hashlib.md5(open(blob_path(server, key), "rb").read()).digest() == hashlib.md5(data).digest()
    md5s = b"".join(hashlib.md5(data[i:i + 8 * MIB]).digest() for i in range(0, len(data), 8 * MIB))
    r = requests.head(object_url(creds, key), headers=sigv4_headers(creds, "HEAD", object_url(creds, key)))
    assert r.status_code == 200 and r.headers["Content-Length"] == str(len(data))
    assert settled(server) == []
    # The ETag of the completed upload is S3's: md5 of the part md5s, "-3".
    s3 = s3_client(creds)
    up = s3.create_multipart_upload(Bucket=creds["bucket"], Key=key + ".2")
    etags = [s3.upload_part(Bucket=creds["bucket"], Key=key + ".2", UploadId=up["UploadId"],
                            PartNumber=n + 1, Body=data[n * 8 * MIB:(n + 1) * 8 * MIB])["ETag"]
             for n in range(3)]
    done = s3.complete_multipart_upload(
        Bucket=creds["bucket"], Key=key + ".2", UploadId=up["UploadId"],
        MultipartUpload={"Parts": [{"ETag": e, "PartNumber": n + 1} for n, e in enumerate(etags)]})
    assert done["ETag"] == f'"{hashlib.md5(md5s).hexdigest()}-3"'


def test_read_back_through_signed_urls(server, uploader):
    data = os.urandom(3 * MIB + 17)
    api = uploader.client
    ds = create_dataset(api, {"blob": data}, name="Read Back")
    meta = api.get("/datafile", params={"dataset_permaname": ds["permanames"][0], "version": "1",
                                        "datafile_name": "blob", "format": "raw_test"}).json()
    url = meta["urls"][0]
    assert url.startswith(server.base_url + "/blob/")
    r = requests.get(url, timeout=60)
    assert r.status_code == 200 and r.content == data
    assert r.headers["Accept-Ranges"] == "bytes" and r.headers["Content-Length"] == str(len(data))
    r = requests.get(url, headers={"Range": "bytes=1000-1999"}, timeout=60)
    assert r.status_code == 206 and r.content == data[1000:2000]
    assert r.headers["Content-Range"] == f"bytes 1000-1999/{len(data)}"


def test_browser_preflight_and_cors_headers(server, creds):
    url = object_url(creds, creds["prefix"] + "s/from-browser.txt")
    r = requests.options(url, headers={"Origin": "http://localhost:5173",
                                       "Access-Control-Request-Method": "PUT",
                                       "Access-Control-Request-Headers": "authorization,x-amz-date,content-type"},
                         timeout=30)
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert {"PUT", "POST", "GET", "HEAD", "DELETE"} <= {m.strip() for m in r.headers["Access-Control-Allow-Methods"].split(",")}
    assert r.headers["Access-Control-Allow-Headers"] == "authorization,x-amz-date,content-type"
    assert "ETag" in r.headers["Access-Control-Expose-Headers"]
    body = b"hello from a browser"
    r = requests.put(url, data=body, headers={**sigv4_headers(creds, "PUT", url, body),
                                              "Origin": "http://localhost:5173"}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert r.headers["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'


def test_head_object_and_unsupported_operations(creds):
    s3 = s3_client(creds)
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=creds["bucket"], Key=creds["prefix"] + "nothing-here")
    assert error_code(e.value)[1] == 404
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=creds["bucket"], Key=creds["prefix"] + "nothing-here")
    assert error_code(e.value) == ("NotImplemented", 501)
    with pytest.raises(ClientError) as e:
        s3.list_objects_v2(Bucket=creds["bucket"])
    assert error_code(e.value) == ("NotImplemented", 501)
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket="another-bucket", Key=creds["prefix"] + "x", Body=b"x")
    assert error_code(e.value) == ("NoSuchBucket", 404)


def test_expect_100_continue_is_answered_before_the_body(server, creds):
    url = object_url(creds, creds["prefix"] + "s/continue.bin")
    body = os.urandom(1000)
    headers = sigv4_headers(creds, "PUT", url, body)
    path = urllib.parse.urlsplit(url).path
    head = f"PUT {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + \
           f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(head.encode())
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        s.sendall(body)
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n"), answer
    assert open(blob_path(server, creds["prefix"] + "s/continue.bin"), "rb").read() == body


# What is refused. -----------------------------------------------------------------------------
def test_wrong_secret_is_signature_does_not_match(server, creds):
    bad = dict(creds, secretAccessKey="0" * 64)
    key = creds["prefix"] + "s/wrong-secret"
    with pytest.raises(ClientError) as e:
        s3_client(bad).put_object(Bucket=creds["bucket"], Key=key, Body=b"x")
    assert error_code(e.value) == ("SignatureDoesNotMatch", 403)
    assert not os.path.exists(blob_path(server, key))


def test_expired_forged_missing_and_foreign_session_tokens(server, uploader, new_user, creds):
    key = creds["prefix"] + "s/tokens"
    other = new_user("other").client.get("/credentials_s3").json()
    expired = mint_token(server, creds["accessKeyId"], creds["prefix"], time.time() - 60)
    for token, why in [(expired, "expired"), (other["sessionToken"], "another access key"),
                       ("forged." + creds["sessionToken"].split(".")[1], "damaged"),
                       ("", "session token")]:
        with pytest.raises(ClientError) as e:
            s3_client(dict(creds, sessionToken=token or None)).put_object(
                Bucket=creds["bucket"], Key=key, Body=b"x")
        assert error_code(e.value) == ("AccessDenied", 403), token
        assert why in e.value.response["Error"]["Message"]
    # Another user's complete credentials work only for their own prefix.
    with pytest.raises(ClientError) as e:
        s3_client(other).put_object(Bucket=creds["bucket"], Key=key, Body=b"x")
    assert error_code(e.value) == ("AccessDenied", 403)
    assert not os.path.exists(blob_path(server, key))
    # The prefix is inside the signed part of the token: widening it breaks the signature.
    payload, mac = creds["sessionToken"].split(".")
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).replace(
        creds["prefix"].encode(), b"upload/")
    widened = base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "." + mac
    with pytest.raises(ClientError) as e:
        s3_client(dict(creds, sessionToken=widened)).put_object(
            Bucket=creds["bucket"], Key="upload/x/escaped", Body=b"x")
    assert error_code(e.value) == ("AccessDenied", 403)
    assert not os.path.exists(blob_path(server, "upload/x/escaped"))


def test_keys_outside_the_prefix_are_refused(server, creds):
    s3 = s3_client(creds)
    for key in ["upload/someone-else/x", "blobs/ab/abcdef", "multipart/x.meta",
                creds["prefix"][:-1] + "x/y"]:
        with pytest.raises(ClientError) as e:
            s3.put_object(Bucket=creds["bucket"], Key=key, Body=b"x")
        assert error_code(e.value) == ("AccessDenied", 403), key
        assert not os.path.exists(blob_path(server, key))
    with pytest.raises(ClientError) as e:
        s3.create_multipart_upload(Bucket=creds["bucket"], Key="upload/someone-else/x")
    assert error_code(e.value) == ("AccessDenied", 403)


def test_payload_hash_mismatch_keeps_nothing(server, creds):
    key = creds["prefix"] + "s/mismatch"
    url = object_url(creds, key)
    body = b"the bytes that were sent"
    r = requests.put(url, data=body, timeout=30, headers=sigv4_headers(
        creds, "PUT", url, body, payload_hash=hashlib.sha256(b"other bytes").hexdigest()))
    assert r.status_code == 400 and "<Code>XAmzContentSHA256Mismatch</Code>" in r.text, r.text
    assert not os.path.exists(blob_path(server, key))
    md5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    r = requests.put(url, data=body, timeout=30,
                     headers=sigv4_headers(creds, "PUT", url, body, extra={"Content-MD5": md5}))
    assert r.status_code == 400 and "<Code>BadDigest</Code>" in r.text, r.text
    assert not os.path.exists(blob_path(server, key))
    assert settled(server) == []


def test_truncated_body_keeps_nothing(server, creds):
    key = creds["prefix"] + "s/truncated"
    url = object_url(creds, key)
    body = os.urandom(200_000)
    headers = sigv4_headers(creds, "PUT", url, body, payload_hash="UNSIGNED-PAYLOAD")
    head = f"PUT {urllib.parse.urlsplit(url).path} HTTP/1.1\r\n" + \
           "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + f"Content-Length: {len(body)}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(head.encode() + body[:100_000])
    deadline = time.monotonic() + 5
    while internal_blobs(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    assert not os.path.exists(blob_path(server, key))
    assert settled(server) == []
    r = requests.put(url, data=body, timeout=30, headers=headers)  # the server is fine
    assert r.status_code == 200, r.text


def test_unknown_upload_ids(creds):
    s3 = s3_client(creds)
    key = creds["prefix"] + "s/unknown"
    for upload_id in ["1796334668-" + "a" * 32, "nonsense", "../../etc/passwd"]:
        with pytest.raises(ClientError) as e:
            s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=upload_id, PartNumber=1, Body=b"x")
        assert error_code(e.value) == ("NoSuchUpload", 404), upload_id
    with pytest.raises(ClientError) as e:
        s3.complete_multipart_upload(Bucket=creds["bucket"], Key=key, UploadId="nonsense",
                                     MultipartUpload={"Parts": [{"ETag": '"x"', "PartNumber": 1}]})
    assert error_code(e.value) == ("NoSuchUpload", 404)
    with pytest.raises(ClientError) as e:
        s3.abort_multipart_upload(Bucket=creds["bucket"], Key=key, UploadId="nonsense")
    assert error_code(e.value) == ("NoSuchUpload", 404)


def test_complete_checks_part_order_and_etags(server, creds):
    s3 = s3_client(creds)
    key = creds["prefix"] + "s/parts"
    up = s3.create_multipart_upload(Bucket=creds["bucket"], Key=key)["UploadId"]
    p1, p2 = os.urandom(5 * MIB), os.urandom(1000)
    e2 = s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=up, PartNumber=2, Body=p2)["ETag"]
    e1 = s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=up, PartNumber=1, Body=p1)["ETag"]
    assert e1 == f'"{hashlib.md5(p1).hexdigest()}"'

    def complete(parts):
        with pytest.raises(ClientError) as e:
            s3.complete_multipart_upload(Bucket=creds["bucket"], Key=key, UploadId=up,
                                         MultipartUpload={"Parts": parts})
        return error_code(e.value)

    assert complete([{"ETag": e2, "PartNumber": 2}, {"ETag": e1, "PartNumber": 1}]) == ("InvalidPartOrder", 400)
    assert complete([{"ETag": e1, "PartNumber": 1}, {"ETag": e1, "PartNumber": 2}]) == ("InvalidPart", 400)
    assert complete([{"ETag": e1, "PartNumber": 1}, {"ETag": e2, "PartNumber": 3}]) == ("InvalidPart", 400)
    assert complete([{"ETag": e2, "PartNumber": 2}, {"ETag": e2, "PartNumber": 2}]) == ("InvalidPartOrder", 400)
    assert not os.path.exists(blob_path(server, key))
    s3.complete_multipart_upload(
        Bucket=creds["bucket"], Key=key, UploadId=up,
        MultipartUpload={"Parts": [{"ETag": e1, "PartNumber": 1}, {"ETag": e2, "PartNumber": 2}]})
    assert open(blob_path(server, key), "rb").read() == p1 + p2
    assert settled(server) == []


def test_abort_removes_the_parts(server, creds, new_user):
    s3 = s3_client(creds)
    key = creds["prefix"] + "s/aborted"
    up = s3.create_multipart_upload(Bucket=creds["bucket"], Key=key)["UploadId"]
    s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=up, PartNumber=1, Body=b"x" * 1000)
    assert any(name.startswith(up) for name in internal_blobs(server))
    other = new_user("other").client.get("/credentials_s3").json()
    with pytest.raises(ClientError) as e:  # their key is outside the prefix anyway
        s3_client(other).abort_multipart_upload(Bucket=creds["bucket"], Key=key, UploadId=up)
    assert error_code(e.value) == ("AccessDenied", 403)
    s3.abort_multipart_upload(Bucket=creds["bucket"], Key=key, UploadId=up)
    assert not any(name.startswith(up) for name in internal_blobs(server))
    with pytest.raises(ClientError) as e:
        s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=up, PartNumber=2, Body=b"x")
    assert error_code(e.value) == ("NoSuchUpload", 404)


def test_multipart_state_survives_a_restart(server, creds):
    s3 = s3_client(creds)
    key = creds["prefix"] + "s/restart"
    up = s3.create_multipart_upload(Bucket=creds["bucket"], Key=key)["UploadId"]
    p1 = os.urandom(5 * MIB)
    e1 = s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=up, PartNumber=1, Body=p1)["ETag"]
    server.restart()
    s3 = s3_client(creds)  # the same credentials: nothing about them was stored
    e2 = s3.upload_part(Bucket=creds["bucket"], Key=key, UploadId=up, PartNumber=2, Body=b"end")["ETag"]
    s3.complete_multipart_upload(Bucket=creds["bucket"], Key=key, UploadId=up, MultipartUpload={
        "Parts": [{"ETag": e1, "PartNumber": 1}, {"ETag": e2, "PartNumber": 2}]})
    assert open(blob_path(server, key), "rb").read() == p1 + b"end"
