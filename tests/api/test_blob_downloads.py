"""Signed downloads of the local store ({prefix}/blob/<token>) against a real `taiga serve`: the
URLs GET /api/datafile hands out work without credentials, name the file, honour
Range and HEAD, and refuse tampered, foreign and expired tokens with a JSON problem."""
import base64
import hashlib
import hmac
import os
import socket
import time
import urllib.parse

import pytest
import requests

from conftest import assert_problem, embedded_only
from flows import create_dataset

pytestmark = embedded_only  # the server's own endpoint; blob.backend s3 has none

DATA = bytes(range(256)) * 4000  # 1,024,000 bytes


@pytest.fixture(scope="module")
def download(server):
    """The signed URL of one uploaded Raw file."""
    token = server.create_user("downloader", "downloader@example.org")
    api = server.client(token)
    ds = create_dataset(api, {"résumé (1).bin": DATA}, name="Downloads")
    r = api.get("/datafile", params={"dataset_permaname": ds["permanames"][0], "version": "1",
                                     "datafile_name": "résumé (1).bin", "format": "raw_test"})
    assert r.status_code == 200, r.text
    return r.json()["urls"][0]


def sign(server, payload):
    """A download token as blob/local/local_url_signer.h makes them, with the server's key."""
    key = bytes.fromhex(open(os.path.join(server.data_dir, "signing-key")).read().strip())
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    return b64(payload) + "." + b64(hmac.new(key, payload, hashlib.sha256).digest())


def payload_of(url):
    token = url.rsplit("/", 1)[1]
    p = token.split(".")[0]
    return base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))


def test_whole_file_without_credentials(server, download):
    r = requests.get(download, timeout=60)
    assert r.status_code == 200 and r.content == DATA
    assert r.headers["Content-Length"] == str(len(DATA))
    assert r.headers["Accept-Ranges"] == "bytes"
    # The name comes from the download service (non-ASCII names and filename* are covered by
    # blob/content_disposition_test and s3api/signed_blob_endpoint_test).
    assert r.headers["Content-Disposition"].startswith('attachment; filename="downloads_v1')
    assert r.headers.get("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize("header,first,last", [
    ("bytes=0-0", 0, 0), ("bytes=100-199", 100, 199), ("bytes=1023000-", 1023000, len(DATA) - 1),
    ("bytes=-10", len(DATA) - 10, len(DATA) - 1), ("bytes=1000-99999999", 1000, len(DATA) - 1),
])
def test_ranges(download, header, first, last):
    r = requests.get(download, headers={"Range": header}, timeout=60)
    assert r.status_code == 206
    assert r.content == DATA[first:last + 1]
    assert r.headers["Content-Range"] == f"bytes {first}-{last}/{len(DATA)}"
    assert r.headers["Content-Length"] == str(last - first + 1)


def test_unsatisfiable_and_ignored_ranges(download):
    r = requests.get(download, headers={"Range": f"bytes={len(DATA)}-"}, timeout=60)
    assert_problem(r, 416, request_id_header=True)
    assert r.headers["Content-Range"] == f"bytes */{len(DATA)}"
    for header in ["bytes=5-2", "lines=1-2", "bytes=0-1,5-6"]:
        r = requests.get(download, headers={"Range": header}, timeout=60)
        assert r.status_code == 200 and r.content == DATA, header


def test_head_has_the_headers_and_no_body(server, download):
    r = requests.head(download, timeout=60)
    assert r.status_code == 200 and r.content == b""
    assert r.headers["Content-Length"] == str(len(DATA))
    # And the connection stays usable: a raw HEAD followed by a GET on the same socket.
    path = urllib.parse.urlsplit(download).path.encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"HEAD " + path + b" HTTP/1.1\r\nHost: x\r\n\r\nGET " + path +
                  b" HTTP/1.1\r\nHost: x\r\nRange: bytes=0-3\r\nConnection: close\r\n\r\n")
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    first, _, rest = out.partition(b"\r\n\r\n")
    assert first.startswith(b"HTTP/1.1 200 OK")
    assert rest.startswith(b"HTTP/1.1 206 Partial Content"), rest[:100]
    assert rest.endswith(b"\r\n\r\n" + DATA[:4])


def test_tampered_foreign_and_expired_tokens_are_403(server, download):
    token = download.rsplit("/", 1)[1]
    base = download[:-len(token)]
    tampered = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    for bad in [tampered, token + "x", "nonsense", token.split(".")[0] + ".",
                token.split(".")[0] + "." + base64.urlsafe_b64encode(b"\0" * 32).rstrip(b"=").decode()]:
        assert_problem(requests.get(base + bad, timeout=30), 403)
    # Same fields, expired a minute ago, signed with the real key: refused as expired.
    fields = payload_of(download).split(b"\n")
    fields[1] = str(int(time.time()) - 60).encode()
    body = assert_problem(requests.get(base + sign(server, b"\n".join(fields)), timeout=30), 403)
    assert "expired" in body["detail"]
    # And the same with a future expiry works: the check really is the key and the clock.
    fields[1] = str(int(time.time()) + 60).encode()
    assert requests.get(base + sign(server, b"\n".join(fields)), timeout=30).status_code == 200


def test_only_get_and_head(download):
    r = requests.post(download, data=b"x", timeout=30)
    assert_problem(r, 405)
    assert r.headers["Allow"] == "GET, HEAD"
