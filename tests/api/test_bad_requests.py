"""Requests a client should not send, and what the server must answer: problem+json with the
right 4xx status, the field named in the detail, nothing changed, and never a 500."""
import json

import pytest
import requests

from conftest import PROBLEM_KEYS, assert_problem, raw_http, uniq

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def ids(server):
    """Things the bodies below refer to: a folder F (with a child C) in the admin's Home, a
    group G the admin belongs to, a user U."""
    s = server.client(server.admin_token)
    me = s.get("/user").json()
    f = s.post("/folder/create", json={"name": uniq("bad-requests"),
                                       "parentId": me["home_folder_id"]}).json()["id"]
    c = s.post("/folder/create", json={"name": "child", "parentId": f}).json()["id"]
    g = s.post("/group/create", json={"name": uniq("bad-requests")}).json()["id"]
    yield {"HOME": me["home_folder_id"], "F": f, "C": c, "G": str(g), "U": me["id"]}
    s.close()


# (path, a valid body): every POST route that reads a JSON body.
ENDPOINTS = {
    "folder-create": ("/folder/create", {"name": "n", "parentId": "F"}),
    "folder-name": ("/folder/F/name", {"name": "n"}),
    "folder-description": ("/folder/F/description", {"description": "d"}),
    "move": ("/move", {"entryIds": ["C"], "currentFolderId": "F", "targetFolderId": "F"}),
    "copy": ("/copy", {"entryIds": ["C"], "folderId": "F"}),
    "group-create": ("/group/create", {"name": "n"}),
    "group-add": ("/group/G/add", {"userIds": ["U"]}),
    "group-remove": ("/group/G/remove", {"userIds": ["U"]}),
    "tokens": ("/tokens", {"name": "n"}),
}


def resolve(value, ids):
    if isinstance(value, str):
        for key, real in ids.items():
            if value == key:
                return real
        return value
    if isinstance(value, list):
        return [resolve(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: resolve(v, ids) for k, v in value.items()}
    return value


def endpoint(name, ids):
    path, body = ENDPOINTS[name]
    for key in ("F", "G"):
        path = path.replace(f"/{key}/", f"/{ids[key]}/")
    return path, resolve(body, ids)


def assert_raw_problem(resp, status):
    """For responses read off the socket: status, content type and the problem keys."""
    assert resp.status == status, resp.raw[:500]
    assert resp.headers.get("content-type") == "application/problem+json", resp.headers
    body = json.loads(resp.body)
    assert set(body) == PROBLEM_KEYS and body["status"] == status and body["type"] == \
        "about:blank", body
    return body


# Malformed JSON -----------------------------------------------------------------------------------
MALFORMED = [b"{", b"}", b'{"name": }', b"{'name': 'x'}", b'{"name": "x",}', b"[1,]", b"nul",
             b'{"name": "x"} trailing', b'{"name": "x"}{"name": "y"}', b"\xff\xfe{}",
             b'{"name": "\xff"}', b'{"name": "\xc0\xaf"}', b'{"name": "\xed\xa0\x80"}',
             b'{"name": "\\ud800"}', b'{"name": "\\x41"}', b'{"name": NaN}',
             b'{"name": Infinity}', b'{"name": "unterminated}', b"\x00", b"{\"a\":\x01}"]


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("raw", MALFORMED, ids=[repr(m)[2:14] for m in MALFORMED])
def test_malformed_json_is_400(admin, ids, name, raw):
    path, _ = endpoint(name, ids)
    assert_problem(admin.post(path, data=raw, headers=JSON), 400)


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("raw", [b"", b"   ", b"\r\n"], ids=["empty", "spaces", "crlf"])
def test_empty_body_is_400(admin, ids, name, raw):
    path, _ = endpoint(name, ids)
    assert_problem(admin.post(path, data=raw, headers=JSON), 400)


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("root", ["[]", '"x"', "5", "null", "true", '[{"name": "x"}]'])
def test_body_must_be_an_object(admin, ids, name, root):
    path, _ = endpoint(name, ids)
    assert_problem(admin.post(path, data=root, headers=JSON), 400, "object")


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1E400", "[1e999]"])
def test_out_of_range_number_is_400(admin, ids, number):
    """nlohmann::json reports an overflowing number as out_of_range, not parse_error."""
    path, _ = endpoint("folder-create", ids)
    body = '{"name": "n", "parentId": "%s", "extra": %s}' % (ids["F"], number)
    assert_problem(admin.post(path, data=body, headers=JSON), 400)
    body = '{"name": %s, "parentId": "%s"}' % (number, ids["F"])
    assert_problem(admin.post(path, data=body, headers=JSON), 400)


def test_deeply_nested_json_is_400(admin, ids):
    depth = 400_000
    for raw in ("[" * depth + "]" * depth, '{"name": ' + "[" * depth + "]" * depth + "}"):
        assert_problem(admin.post("/group/create", data=raw, headers=JSON), 400)
    assert admin.get("/user").status_code == 200


def test_huge_integer_is_a_type_error(admin, ids):
    body = '{"name": 123456789012345678901234567890, "parentId": "%s"}' % ids["F"]
    assert_problem(admin.post("/folder/create", data=body, headers=JSON), 400, "name")


# Wrong types, missing fields ------------------------------------------------------------------------
WRONG_TYPES = [
    ("folder-create", "name", 5), ("folder-create", "name", True), ("folder-create", "name", {}),
    ("folder-create", "name", ["n"]), ("folder-create", "parentId", 5),
    ("folder-create", "parentId", ["F"]), ("folder-create", "description", 5),
    ("folder-create", "description", ["d"]),
    ("folder-name", "name", 5), ("folder-name", "name", 1.5),
    ("folder-description", "description", False), ("folder-description", "description", {}),
    ("move", "entryIds", "x"), ("move", "entryIds", [1]), ("move", "entryIds", {"0": "C"}),
    ("move", "entryIds", [["C"]]), ("move", "entryIds", 3),
    ("move", "currentFolderId", 1), ("move", "currentFolderId", ["F"]),
    ("move", "targetFolderId", 1), ("move", "targetFolderId", {}),
    ("copy", "entryIds", "x"), ("copy", "entryIds", [1]), ("copy", "folderId", 1),
    ("copy", "folderId", ["F"]),
    ("group-create", "name", 5), ("group-create", "name", []),
    ("group-add", "userIds", "x"), ("group-add", "userIds", [1]), ("group-add", "userIds", {}),
    ("group-remove", "userIds", "x"), ("group-remove", "userIds", [None]),
    ("tokens", "name", 5), ("tokens", "name", {"a": 1}),
]


@pytest.mark.parametrize("name,field,value", WRONG_TYPES,
                         ids=[f"{n}-{f}-{json.dumps(v)}" for n, f, v in WRONG_TYPES])
def test_wrong_type_is_400_naming_the_field(admin, ids, name, field, value):
    path, body = endpoint(name, ids)
    body[field] = resolve(value, ids)
    detail = assert_problem(admin.post(path, json=body), 400)["detail"]
    assert field in detail, detail


REQUIRED = [(name, field) for name, (_, body) in ENDPOINTS.items() for field in body
            if field != "targetFolderId"]


@pytest.mark.parametrize("name,field", REQUIRED, ids=[f"{n}-{f}" for n, f in REQUIRED])
def test_missing_field_is_400_naming_it(admin, ids, name, field):
    path, body = endpoint(name, ids)
    del body[field]
    assert_problem(admin.post(path, json=body), 400, field)
    body[field] = None
    assert_problem(admin.post(path, json=body), 400, field)


def test_unknown_fields_are_ignored(admin, ids):
    r = admin.post("/folder/create", json={"name": "extra", "parentId": ids["F"],
                                           "creatorId": "someone-else", "evil": {"$gt": ""}})
    assert r.status_code == 200, r.text
    f = admin.get(f"/folder/{r.json()['id']}").json()
    assert f["creator"]["name"] == "admin"


def test_too_many_entry_ids_is_400(admin, ids):
    body = {"entryIds": [ids["C"]] * 10001, "currentFolderId": ids["F"],
            "targetFolderId": ids["F"]}
    assert_problem(admin.post("/move", json=body), 400, "entryIds")


# Content types --------------------------------------------------------------------------------------
@pytest.mark.parametrize("ctype", [None, "text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", "application/xml",
                                   "application/jsonx", "json", "text/json", ""])
@pytest.mark.parametrize("name", ["folder-create", "move", "group-create", "tokens"])
def test_non_json_content_type_is_415(admin, ids, name, ctype):
    path, body = endpoint(name, ids)
    headers = {} if ctype is None else {"Content-Type": ctype}
    r = admin.post(path, data=json.dumps(body).encode(), headers=headers)
    assert_problem(r, 415)


@pytest.mark.parametrize("ctype", ["application/json", "application/json; charset=utf-8",
                                   "Application/JSON", "application/json ; charset=UTF-8",
                                   "application/vnd.api+json"])
def test_json_content_types_are_accepted(admin, ids, ctype):
    r = admin.post("/tokens", data=json.dumps({"name": "ctype"}).encode(),
                   headers={"Content-Type": ctype})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "ctype"


# Body size ------------------------------------------------------------------------------------------
def test_body_over_the_limit_is_413(admin, ids):
    before = len(admin.get("/tokens").json())
    body = json.dumps({"name": "x" * (2 * 1024 * 1024)})
    # (X-Request-Id on these: test_connection_level_errors_have_a_request_id)
    assert_problem(admin.post("/tokens", data=body, headers=JSON), 413, request_id_header=False)
    assert len(admin.get("/tokens").json()) == before


def test_chunked_body_over_the_limit_is_413(admin):
    def chunks():
        yield b'{"name": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'
    assert_problem(admin.post("/tokens", data=chunks(), headers=JSON), 413,
                   request_id_header=False)


def test_announced_length_over_the_limit_is_413(server):
    """Only the headers are sent: the server must refuse from Content-Length alone."""
    resp = raw_http(server, b"POST /taiga/api/tokens HTTP/1.1\r\nHost: x\r\n"
                            b"Authorization: Bearer " + server.admin_token.encode() + b"\r\n"
                            b"Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
    assert_raw_problem(resp, 413)


def test_body_just_under_the_limit_is_accepted(admin, ids):
    text = "d" * 1_000_000
    r = admin.post(f"/folder/{ids['C']}/description", json={"description": text})
    assert r.status_code == 200, r.text[:300]
    assert admin.get(f"/folder/{ids['C']}").json()["description"] == text


# Unknown paths, wrong methods ---------------------------------------------------------------------
# (Other unknown paths under the prefix, e.g. /taiga/nope, are the web UI's: test_web_static.py.)
@pytest.mark.parametrize("path", ["/taiga/api/nope", "/taiga/api", "/taiga/api/", "/taiga/s3",
                                  "/taiga/readyz", "/taiga/Api/x", "/nope", "/", "/api/user", "/taiga/api/user/", "/taiga//api/user",
                                  "/taiga/api/folder", "/taiga/api/folder/", "/taiga/api/group",
                                  "/taiga/api/folder/public/entries", "/TAIGA/api/user",
                                  "/taigaapi/user", "/taiga/API/user", "/healthz/",
                                  "/taiga/healthz"])
def test_unknown_path_is_404_json(server, path):
    r = requests.get(server.root_url + path,
                     headers={"Authorization": f"Bearer {server.admin_token}"}, timeout=30)
    assert_problem(r, 404)


@pytest.mark.parametrize("method,path,allow", [
    ("DELETE", "/taiga/api/user", "GET"), ("POST", "/taiga/api/user", "GET"),
    ("PUT", "/taiga/api/user/all", "GET"), ("PUT", "/taiga/api/tokens", "GET, POST"),
    ("DELETE", "/taiga/api/tokens", "GET, POST"), ("GET", "/taiga/api/tokens/x/revoke", "POST"),
    ("GET", "/taiga/api/move", "POST"), ("GET", "/taiga/api/copy", "POST"),
    ("DELETE", "/taiga/api/folder/public", "GET"), ("GET", "/taiga/api/folder/public/name", "POST"),
    ("PUT", "/taiga/api/folder/public/description", "POST"),
    ("PATCH", "/taiga/api/group/create", "POST"), ("PATCH", "/taiga/api/group/1", "GET"),
    ("GET", "/taiga/api/group/1/add", "POST"), ("GET", "/taiga/api/group/1/remove", "POST"),
    ("POST", "/healthz", "GET"), ("DELETE", "/readyz", "GET"), ("POST", "/taiga/", "GET"),
    ("OPTIONS", "/taiga/api/user", "GET"),
])
def test_wrong_method_is_405_with_allow(server, method, path, allow):
    r = requests.request(method, server.root_url + path,
                         headers={"Authorization": f"Bearer {server.admin_token}"}, timeout=30)
    assert_problem(r, 405, method)
    assert r.headers["Allow"] == allow


def test_head_response_has_no_body(server):
    """RFC 9110 §9.3.2: a response to HEAD has no content. Pipelining a GET after the HEAD
    shows whether bytes of a body were sent: the GET's response must follow the headers."""
    resp = raw_http(server, b"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                            b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert resp.status is not None, resp.raw
    assert resp.body.startswith(b"HTTP/1.1 200 "), resp.raw


# Names ----------------------------------------------------------------------------------------------
BAD_NAMES = ["", " ", "   ", "\t", "\n", "a\x01b", "a\x00b", "a\x1fb", "a\x7fb", "a\tb",
             "line\nbreak", "a/b", "/", "../../etc/passwd", "/etc/passwd", "dir/", "x" * 1025,
             "é" * 513]
NAME_ENDPOINTS = ["folder-create", "folder-name", "group-create", "tokens"]


@pytest.mark.parametrize("name", NAME_ENDPOINTS)
@pytest.mark.parametrize("bad", BAD_NAMES, ids=[repr(b)[:20] for b in BAD_NAMES])
def test_bad_names_are_400(admin, ids, name, bad):
    path, body = endpoint(name, ids)
    body["name"] = bad
    before = admin.get(f"/folder/{ids['F']}").json()
    assert_problem(admin.post(path, json=body), 400, "name")
    after = admin.get(f"/folder/{ids['F']}").json()
    assert after["name"] == before["name"] and after["entries"] == before["entries"]


@pytest.mark.parametrize("name", NAME_ENDPOINTS)
@pytest.mark.parametrize("raw", [b"\xff", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc",
                                 b"\xed\xb0\x80", b"\xc1\xbf"])
def test_invalid_utf8_names_are_400(admin, ids, name, raw):
    path, body = endpoint(name, ids)
    body["name"] = "PLACEHOLDER"
    data = json.dumps(body).encode().replace(b"PLACEHOLDER", b"ok" + raw)
    assert_problem(admin.post(path, data=data, headers=JSON), 400)


@pytest.mark.parametrize("name,limit", [("folder-create", 1024), ("folder-name", 1024),
                                        ("group-create", 80), ("tokens", 100)])
def test_longest_names_are_accepted(admin, ids, name, limit):
    path, body = endpoint(name, ids)
    body["name"] = uniq("L")[:limit]
    body["name"] += "é" * ((limit - len(body["name"].encode())) // 2)
    body["name"] += "x" * (limit - len(body["name"].encode()))
    assert len(body["name"].encode()) == limit
    r = admin.post(path, json=body)
    assert r.status_code == 200, r.text
    over = dict(body, name=body["name"] + "x")
    assert_problem(admin.post(path, json=over), 400, "name")


def cut(text, limit):
    """`text` shortened to at most `limit` UTF-8 bytes, on a character boundary."""
    out = ""
    for ch in text:
        if len((out + ch).encode()) > limit:
            break
        out += ch
    return out


HOSTILE = ["..", ".", "...", "..\\..\\etc\\passwd", "%2e%2e%2f%2e%2e", "%00", "C:\\Windows",
           "CON", "<script>alert(1)</script>".replace("/", ""), "${jndi:ldap://x}".replace("/", ""),
           "'; DROP TABLE users; --", "\" OR 1=1 --", "\u202egnp.exe", "\u200b", "😀" * 100,
           "{{7*7}}", "$(id)", "`id`", "~root", "*", "?", "#", "&amp;", "\\"]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_names_are_stored_verbatim(admin, ids, hostile):
    r = admin.post("/folder/create", json={"name": hostile, "parentId": ids["F"]})
    assert r.status_code == 200, r.text
    fid = r.json()["id"]
    assert r.json()["name"] == hostile
    f = admin.get(f"/folder/{fid}").json()
    assert f["name"] == hostile
    assert f["parents"] == [{"id": ids["F"], "name": admin.get(f"/folder/{ids['F']}")
                             .json()["name"]}]
    r = admin.post(f"/folder/{fid}/name", json={"name": hostile + hostile})
    assert r.status_code == 200, r.text
    assert admin.get(f"/folder/{fid}").json()["name"] == hostile + hostile
    group_name = uniq("g") + cut(hostile, 60)
    g = admin.post("/group/create", json={"name": group_name})
    assert g.status_code == 200 and g.json()["name"] == group_name, g.text
    t = admin.post("/tokens", json={"name": cut(hostile, 100)})
    assert t.status_code == 200 and t.json()["name"] == cut(hostile, 100), t.text


def test_hostile_names_are_escaped_in_json(admin, ids):
    name = "quote\" backslash\\ \u2028 \u2029 </script> \ufeff"
    name = name.replace("/", "")
    r = admin.post("/folder/create", json={"name": name, "parentId": ids["F"]})
    assert r.status_code == 200, r.text
    assert json.loads(admin.get(f"/folder/{r.json()['id']}").text)["name"] == name


# Path tricks ------------------------------------------------------------------------------------
def raw_get(server, target, auth=True):
    head = b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    if auth:
        head += b"Authorization: Bearer " + server.admin_token.encode() + b"\r\n"
    return raw_http(server, head + b"\r\n")


@pytest.mark.parametrize("target", [
    b"/taiga/api/folder/..%2F..%2Fetc", b"/taiga/api/folder/..%2F..%2F..%2Fetc%2Fpasswd",
    b"/taiga/api/folder/%2e%2e", b"/taiga/api/folder/%2e%2e%2f%2e%2e", b"/taiga/api/../api/user",
    b"/taiga/api/./user", b"/taiga/../healthz", b"/taiga/api/folder/..%252F..%252Fetc",
    b"/taiga/api/folder/..\\..\\etc", b"/taiga/api/folder/%5c..%5cetc",
    b"/taiga/api/folder/public/../public", b"/%2e%2e/etc/passwd",
    b"/taiga/api/folder/" + b"a" * 8000,
    b"/taiga/api/folder/" + b"%2e%2e%2f" * 1000,
])
def test_path_tricks_are_not_interpreted(server, target):
    resp = raw_get(server, target)
    body = assert_raw_problem(resp, 404)
    assert "root:" not in body["detail"]


@pytest.mark.parametrize("target", [b"/taiga/api/folder/%00", b"/taiga/api/folder/public%00",
                                    b"/taiga/api/folder/public%00.json", b"/taiga/api/user%00",
                                    b"/taiga/api/folder/%zz", b"/taiga/api/folder/%",
                                    b"/taiga/api/folder/%4", b"/taiga/api/user?x=%zz",
                                    b"/taiga/api/user?%00=1", b"../../etc/passwd", b"*",
                                    b"taiga/api/user",
                                    b"/taiga/api/folder/%C0%AE%C0%AE%C0%AF"])  # overlong UTF-8
def test_undecodable_targets_are_400(server, target):
    assert_raw_problem(raw_get(server, target), 400)


def test_percent_encoded_segments_are_decoded(server):
    resp = raw_get(server, b"/taiga/api/folder/%70ublic")
    assert resp.status == 200 and json.loads(resp.body)["id"] == "public"
    resp = raw_get(server, b"/taiga/api/user?unused=%41&x")
    assert resp.status == 200


def test_very_long_target_is_414_or_431(server):
    resp = raw_get(server, b"/taiga/api/folder/" + b"a" * 100_000)
    assert resp.status in (414, 431), resp.raw[:300]
    assert_raw_problem(resp, resp.status)


@pytest.mark.parametrize("target", [b"/taiga%2Fapi%2Fuser", b"/taiga/api%2Fuser",
                                    b"/taiga/api/folder/public%2Fname"])
def test_encoded_slash_is_not_a_separator(server, target):
    """RFC 3986 §2.2: %2F is data, not a path separator. The path must be split into segments
    before the segments are decoded, so these name no route (or a folder id containing '/')."""
    resp = raw_get(server, target)
    assert_raw_problem(resp, 404)


def test_very_long_header_is_431(server):
    resp = raw_http(server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 +
                    b"\r\nConnection: close\r\n\r\n")
    assert_raw_problem(resp, 431)


@pytest.mark.parametrize("request_bytes", [
    b"garbage\r\n\r\n", b"GET\r\n\r\n", b"GET /healthz HTTP/9.9\r\n\r\n",
    b"GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
    b"POST /taiga/api/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST /taiga/api/tokens HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"POST /taiga/api/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"POST /taiga/api/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n"
    b"\r\n{}}",
], ids=["garbage", "no-target", "bad-version", "bad-header", "bad-length", "bad-chunk",
        "length-and-chunked", "two-lengths"])
def test_malformed_http_is_400(server, request_bytes):
    assert_raw_problem(raw_http(server, request_bytes), 400)
    assert requests.get(server.root_url + "/healthz", timeout=10).status_code == 200


@pytest.mark.parametrize("request_bytes", [
    b"GET /taiga/api/folder/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    b"GET /taiga/api/folder/" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"garbage\r\n\r\n",
    b"POST /taiga/api/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n200000\r\n" + b"x" * 0x200000 + b"\r\n0\r\n\r\n",
], ids=["nul-in-path", "431", "garbage", "413-chunked"])
def test_connection_level_errors_have_a_request_id(server, request_bytes):
    """Every response has X-Request-Id, also the ones written before a request was routed."""
    resp = raw_http(server, request_bytes)
    assert resp.status is not None and 400 <= resp.status < 500, resp.raw[:300]
    body = json.loads(resp.body)
    assert resp.headers.get("x-request-id") == body["request_id"], resp.raw[:600]


# Ids that are not ids ---------------------------------------------------------------------------
@pytest.mark.parametrize("segment", ["%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%C0%AF",
                                     "%E2%82", "a%FFb"])
def test_invalid_utf8_in_path_ids_is_a_4xx(server, segment):
    """Path segments are percent-decoded to bytes; ones that are not UTF-8 name nothing (on
    PostgreSQL they must not reach a text parameter and give a 500)."""
    seg = segment.encode()
    for method, target in [(b"GET", b"/taiga/api/folder/" + seg),
                           (b"POST", b"/taiga/api/folder/" + seg + b"/name"),
                           (b"POST", b"/taiga/api/folder/" + seg + b"/description"),
                           (b"POST", b"/taiga/api/tokens/" + seg + b"/revoke"),
                           (b"GET", b"/taiga/api/group/" + seg)]:
        body = b'{"name": "x", "description": "x"}' if method == b"POST" else b""
        resp = raw_http(server, method + b" " + target + b" HTTP/1.1\r\nHost: x\r\n"
                        b"Connection: close\r\nAuthorization: Bearer " +
                        server.admin_token.encode() + b"\r\nContent-Type: application/json\r\n"
                        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        assert resp.status in (400, 404), (method, target, resp.raw[:400])


@pytest.mark.parametrize("value", ["a\u0000b", "public\u0000x", "\u0000", "x" * 5000, "' OR '1'='1",
                                   "public' --", "%", "_", "*"])
def test_odd_ids_in_bodies_name_nothing(admin, ids, value):
    before = admin.get(f"/folder/{ids['F']}").json()["entries"]
    cases = [
        ("/folder/create", {"name": "n", "parentId": value}, "parentId"),
        ("/move", {"entryIds": [value], "currentFolderId": ids["F"], "targetFolderId": ids["F"]},
         "entryIds[0]"),
        ("/move", {"entryIds": [ids["C"]], "currentFolderId": value}, "currentFolderId"),
        ("/move", {"entryIds": [ids["C"]], "currentFolderId": ids["F"], "targetFolderId": value},
         "targetFolderId"),
        ("/copy", {"entryIds": [value], "folderId": ids["F"]}, "entryIds[0]"),
        ("/copy", {"entryIds": [ids["C"]], "folderId": value}, "folderId"),
        (f"/group/{ids['G']}/add", {"userIds": [value]}, "userIds[0]"),
        (f"/group/{ids['G']}/remove", {"userIds": [value]}, "userIds[0]"),
    ]
    # A NUL can never be part of an id: refused as bad input; anything else names nothing.
    status = 400 if "\u0000" in value else 404
    for path, body, field in cases:
        assert_problem(admin.post(path, json=body), status, field)
    assert admin.get(f"/folder/{ids['F']}").json()["entries"] == before
    assert admin.get(f"/folder/{ids['C']}").json()["parents"] == [
        {"id": ids["F"], "name": admin.get(f"/folder/{ids['F']}").json()["name"]}]


def test_server_is_still_healthy_and_gave_no_500(server):
    """Runs last in this module: nothing above may have crashed the server or given a 500."""
    assert requests.get(server.root_url + "/healthz", timeout=10).status_code == 200
    assert requests.get(server.root_url + "/readyz", timeout=10).status_code == 200
    five_hundreds = [line for line in server.log().splitlines() if " status=500 " in line]
    assert five_hundreds == [], "\n".join(five_hundreds[:20])
