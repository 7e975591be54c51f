"""The web UI under {prefix}/: files from `web.dir` (a tiny fixture dist made here, so no npm is
needed), Content-Type and caching, gzip siblings, the single-page app fallback for deep links,
404s that stay problem+json for the API and for hostile or missing paths, and the UI compiled
into the binary."""
import gzip
import os
import subprocess
import tempfile

import pytest
import requests

from conftest import PREFIX, assert_problem, raw_http, running_server

INDEX = ('<!doctype html>\n<html lang="en">\n<head>\n<base href="/taiga/" />\n'
         '<script type="module" src="./assets/app-1a2b3c4d.js"></script>\n'
         '<link rel="stylesheet" href="./assets/app-5e6f7a8b.css">\n</head>\n'
         '<body><div id="root"></div></body>\n</html>\n')
JS = "export const answer = 42;\n" * 40
CSS = "body { margin: 0 }\n"
SECRET = "the server's own secret\n"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


@pytest.fixture(scope="module")
def dist():
    """A built web/dist stand-in: index.html, hashed assets (the JS with a .gz sibling), an icon,
    and a secret outside it that a symlink inside points at."""
    root = tempfile.mkdtemp(prefix="taiga-web-dist-")
    d = os.path.join(root, "dist")
    write(f"{d}/index.html", INDEX)
    write(f"{d}/assets/app-1a2b3c4d.js", JS)
    write(f"{d}/assets/app-1a2b3c4d.js.gz", gzip.compress(JS.encode(), mtime=0))
    write(f"{d}/assets/app-5e6f7a8b.css", CSS)
    write(f"{d}/favicon.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    write(f"{root}/secret.txt", SECRET)
    os.symlink(f"{root}/secret.txt", f"{d}/assets/leak.txt")
    yield d
    subprocess.run(["rm", "-rf", root], check=False)


@pytest.fixture(scope="module")
def site(dist):
    with running_server(extra_env={"TAIGA_WEB_DIR": dist}) as srv:
        yield srv


def get(srv, path, **kwargs):
    kwargs.setdefault("timeout", 30)
    kwargs.setdefault("allow_redirects", False)
    return requests.get(srv.root_url + path, **kwargs)


def raw_get(srv, target):
    return raw_http(srv, f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .encode("latin-1"))


# Files ------------------------------------------------------------------------------------------
def test_index_at_the_prefix(site):
    r = get(site, f"{PREFIX}/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert r.headers["Cache-Control"] == "no-cache"
    assert r.headers["Vary"] == "Accept-Encoding"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["ETag"].startswith('"')
    assert r.text == INDEX
    assert get(site, f"{PREFIX}/index.html").text == INDEX


def test_prefix_without_slash_redirects(site):
    for method in ("GET", "HEAD"):
        r = requests.request(method, site.root_url + PREFIX, allow_redirects=False, timeout=30)
        assert r.status_code == 301 and r.headers["Location"] == f"{PREFIX}/"
    r = requests.post(site.root_url + PREFIX, json={}, timeout=30)
    assert_problem(r, 405)


def test_hashed_assets_are_immutable_with_their_types(site):
    r = get(site, f"{PREFIX}/assets/app-1a2b3c4d.js", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and r.text == JS
    assert r.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Encoding" not in r.headers
    r = get(site, f"{PREFIX}/assets/app-5e6f7a8b.css")
    assert r.headers["Content-Type"] == "text/css; charset=utf-8" and r.text == CSS
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    r = get(site, f"{PREFIX}/favicon.svg")
    assert r.headers["Content-Type"] == "image/svg+xml"
    assert r.headers["Cache-Control"] == "no-cache"


def test_gzip_sibling_when_the_client_accepts_it(site):
    r = get(site, f"{PREFIX}/assets/app-1a2b3c4d.js", headers={"Accept-Encoding": "gzip"},
            stream=True)
    assert r.headers["Content-Encoding"] == "gzip"
    assert r.headers["Vary"] == "Accept-Encoding"
    assert r.headers["Content-Type"] == "text/javascript; charset=utf-8"
    raw = r.raw.read(decode_content=False)
    assert raw[:2] == b"\x1f\x8b" and gzip.decompress(raw).decode() == JS
    plain = get(site, f"{PREFIX}/assets/app-1a2b3c4d.js", headers={"Accept-Encoding": "identity"})
    assert plain.headers["ETag"] != r.headers["ETag"]
    r = get(site, f"{PREFIX}/assets/app-1a2b3c4d.js", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in r.headers and r.text == JS
    r = get(site, f"{PREFIX}/assets/app-5e6f7a8b.css", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in r.headers  # no sibling: as it is


def test_etag_revalidation_and_head(site):
    r = get(site, f"{PREFIX}/")
    again = get(site, f"{PREFIX}/", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == r.headers["ETag"]
    assert get(site, f"{PREFIX}/", headers={"If-None-Match": '"other"'}).status_code == 200
    head = requests.head(site.root_url + f"{PREFIX}/assets/app-5e6f7a8b.css", timeout=30)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["Content-Length"] == str(len(CSS))


def test_files_are_read_afresh_from_web_dir(site, dist):
    path = f"{dist}/favicon.svg"
    with open(path) as f:
        before = f.read()
    try:
        write(path, "<svg id='rebuilt'/>")
        assert get(site, f"{PREFIX}/favicon.svg").text == "<svg id='rebuilt'/>"
    finally:
        write(path, before)


# The single-page app and what stays the API's -------------------------------------------------
@pytest.mark.parametrize("path", ["/dataset/abc", "/dataset/abc/2", "/folder/public/",
                                  "/dataset/my-data-1a2b.1/file.csv", "/tokens", "/a%2Fb",
                                  "/search?q=x", "/signin-failed", "/.env"])
def test_deep_links_get_the_index(site, path):
    r = get(site, PREFIX + path)
    assert r.status_code == 200, (path, r.text[:200])
    assert r.text == INDEX and r.headers["Cache-Control"] == "no-cache"
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("path", ["/api/unknown", "/api", "/api/", "/API/user", "//api/user",
                                  "/healthz", "/readyz", "/s3", "/api%2Fuser"])
def test_api_paths_stay_404_json(site, path):
    assert_problem(get(site, PREFIX + path), 404)


def test_missing_assets_are_404_not_the_index(site):
    r = get(site, f"{PREFIX}/assets/app-00000000.js")
    assert_problem(r, 404, "no such file")
    assert_problem(get(site, f"{PREFIX}/assets/"), 404)


def test_writes_to_ui_paths_are_405(site):
    r = requests.post(site.root_url + f"{PREFIX}/dataset/abc", json={}, timeout=30)
    assert_problem(r, 405, "POST")
    assert r.headers["Allow"] == "GET"


# Hostile paths --------------------------------------------------------------------------------
@pytest.mark.parametrize("target", [
    "/taiga/../etc/passwd", "/taiga/%2e%2e/%2e%2e/etc/passwd", "/taiga/assets/../../secret.txt",
    "/taiga/assets/%2e%2e/%2e%2e/secret.txt", "/taiga/./index.html", "/taiga/assets/leak.txt",
    "/taiga/%2e%2e%2fsecret.txt", "/taiga/..%5csecret.txt", "/taiga/" + "a" * 3000,
    "/taiga/%252e%252e/secret.txt",
])
def test_hostile_paths_never_reach_a_file(site, target):
    resp = raw_get(site, target)
    assert resp.status is not None, resp.raw[:200]
    assert SECRET.encode() not in resp.raw and b"root:" not in resp.raw
    if resp.status != 200:  # refused: 404 (or 400 for what HTTP itself forbids), as JSON
        assert resp.status in (400, 404), resp.raw[:300]
        assert resp.headers["content-type"].startswith("application/problem+json")
    else:  # a name no file has, such as a literal "%2e%2e": the app's index, nothing else
        assert resp.body.decode() == INDEX, resp.raw[:300]


@pytest.mark.parametrize("target", ["/taiga/%00", "/taiga/a%00.js", "/taiga/%ff%fe"])
def test_nul_and_bad_utf8_are_400(site, target):
    resp = raw_get(site, target)
    assert resp.status == 400, resp.raw[:300]


# Configuration ----------------------------------------------------------------------------------
def test_another_prefix_rewrites_the_base_href(dist):
    with running_server(extra_env={"TAIGA_WEB_DIR": dist, "TAIGA_PREFIX": "/data/taiga"}) as srv:
        r = requests.get(srv.root_url + "/data/taiga/dataset/x", timeout=30)
        assert r.status_code == 200
        assert '<base href="/data/taiga/" />' in r.text and 'href="/taiga/"' not in r.text
        r = requests.get(srv.root_url + "/data/taiga/", headers={"Accept-Encoding": "gzip"},
                         timeout=30)
        assert "Content-Encoding" not in r.headers  # a precompressed index has the old href
        r = requests.get(srv.root_url + "/data/taiga", allow_redirects=False, timeout=30)
        assert r.headers["Location"] == "/data/taiga/"
        assert_problem(requests.get(srv.root_url + "/data/taiga/api/x", timeout=30), 404)


def test_a_missing_web_dir_stops_serve_with_a_clear_message(tmp_path):
    binary = os.environ.get("TAIGA_BIN") or "build/taiga"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAIGA_")}
    env["TAIGA_WEB_DIR"] = str(tmp_path / "nope")
    r = subprocess.run([binary, "serve", "--data-dir", str(tmp_path / "data"), "--listen",
                        "127.0.0.1:0", "--database", "sqlite::memory:"], capture_output=True,
                       text=True, env=env, stdin=subprocess.DEVNULL, timeout=60)
    assert r.returncode == 1
    assert "web.dir" in r.stderr and "is not a directory" in r.stderr


def test_the_ui_compiled_into_the_binary(server):
    """The session server has no web.dir: it serves what was compiled in — the built UI, or
    (web/dist not built when the binary was) a page that says how to build it."""
    r = requests.get(server.base_url + "/", timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    if "not built" in r.text:
        assert "make build" in r.text and "web.dir" in r.text
        assert r.headers["Cache-Control"] == "no-store"
    else:
        assert r.headers["Cache-Control"] == "no-cache" and "<base href=" in r.text
        for asset in ("./assets/", "/taiga/assets/"):
            if asset in r.text:
                name = r.text.split(asset, 1)[1].split('"', 1)[0]
                a = requests.get(f"{server.base_url}/assets/{name}", timeout=30)
                assert a.status_code == 200
                assert a.headers["Cache-Control"] == "public, max-age=31536000, immutable"
                break
    assert requests.get(server.base_url + "/dataset/x", timeout=30).text == r.text
