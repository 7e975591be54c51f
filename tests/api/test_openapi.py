"""doc/openapi.yaml against the server: the same routes as `taiga routes`, a well-formed
document, servers that reach each route, and live responses that match the documented schemas."""
import json
import os
import re
import sqlite3
import subprocess
import time

import pytest
import requests
import yaml

from conftest import REPO_ROOT, uniq
from job_rows import insert_job

DOC_PATH = os.path.join(REPO_ROOT, "doc", "openapi.yaml")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")


@pytest.fixture(scope="module")
def doc():
    with open(DOC_PATH, encoding="utf-8") as f:
        return yaml.safe_load(f)


def taiga_routes():
    binary = os.environ.get("TAIGA_BIN") or os.path.join(REPO_ROOT, "build", "taiga")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAIGA_")}
    r = subprocess.run([binary, "routes"], capture_output=True, text=True, timeout=60, env=env,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    routes = set()
    for line in r.stdout.splitlines():
        if line.strip():
            method, path = line.split()
            # "{name+}" takes the rest of the path, '/' included; OpenAPI can only say "{name}"
            # (the document's parameter says it may contain '/').
            routes.add((method.upper(), re.sub(r"{(\w+)\+}", r"{\1}", path)))
    assert routes, "`taiga routes` printed nothing"
    return routes


def doc_routes(doc):
    return {(m.upper(), path) for path, item in doc["paths"].items() for m in item if m in METHODS}


def operations(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, item, op


def is_root_path(item):
    return item.get("servers") == [{"url": "/"}]


def resolve(doc, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local refs are used: {ref}"
        node = doc
        for part in ref[2:].split("/"):
            assert part in node, f"unresolved $ref {ref}"
            node = node[part]
        seen += 1
        assert seen < 50, f"$ref loop at {ref}"
    return node


# Routes ----------------------------------------------------------------------------------------
def test_document_and_routes_agree(doc):
    routes = taiga_routes()
    documented = doc_routes(doc)
    missing = sorted(routes - documented)
    extra = sorted(documented - routes)
    message = []
    if missing:
        message.append("served but not in doc/openapi.yaml:\n  " +
                       "\n  ".join(f"{m} {p}" for m, p in missing))
    if extra:
        message.append("in doc/openapi.yaml but not served:\n  " +
                       "\n  ".join(f"{m} {p}" for m, p in extra))
    assert not message, "\n".join(message)


# Structure -------------------------------------------------------------------------------------
def test_document_basics(doc):
    assert str(doc["openapi"]).startswith("3.0.")
    assert doc["info"]["title"] and doc["info"]["version"]
    assert doc["servers"] == [{"url": "/taiga"}]
    scheme = doc["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    cookie = doc["components"]["securitySchemes"]["cookieAuth"]
    assert cookie == {**cookie, "type": "apiKey", "in": "cookie", "name": "taiga_session"}
    assert doc["security"] == [{"bearerAuth": []}, {"cookieAuth": []}]


def test_root_routes_override_servers(doc):
    for path, item in doc["paths"].items():
        if path in ("/healthz", "/readyz"):
            assert is_root_path(item), f"{path} is served at the root: servers [{{url: /}}]"
        else:
            assert "servers" not in item, f"{path} is under the prefix"


# /api/ operations a caller uses without being signed in: signing in and out.
OPEN_API_OPERATIONS = {("post", "/api/session"), ("delete", "/api/session")}


def needs_auth(path, method, op):
    return path.startswith("/api/") and (method, path) not in OPEN_API_OPERATIONS


def test_security_per_operation(doc):
    for path, method, item, op in operations(doc):
        if needs_auth(path, method, op):
            assert "security" not in op, f"{method} {path} needs the bearer token or cookie"
        else:
            assert op.get("security") == [], f"{method} {path} needs no authentication"


def test_every_ref_resolves(doc):
    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                resolve(doc, node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(doc)


def test_operations_are_complete(doc):
    ids = []
    for path, method, item, op in operations(doc):
        where = f"{method.upper()} {path}"
        ids.append(op.get("operationId"))
        assert op.get("summary"), where
        responses = op["responses"]
        assert any(str(code)[0] in "23" for code in responses), where
        assert "default" in responses, where
        for code, resp in responses.items():
            resp = resolve(doc, resp)
            assert resp.get("description"), (where, code)
            assert "X-Request-Id" in resp.get("headers", {}), (where, code)
            if str(code).startswith("3"):  # a redirect: no content, a Location
                assert "content" not in resp and "Location" in resp["headers"], (where, code)
                continue
            content = resp["content"]
            if not str(code).startswith("2"):
                assert list(content) == ["application/problem+json"], (where, code)
                assert is_problem_schema(doc, content["application/problem+json"]["schema"]), \
                    (where, code)
            else:
                assert list(content) == ["application/json"], (where, code)
        declared = {p["name"] for p in
                    (resolve(doc, p) for p in op.get("parameters", []) + item.get("parameters", []))
                    if p["in"] == "path"}
        for p in (resolve(doc, p) for p in op.get("parameters", [])):
            if p["in"] == "path":
                assert p["required"] is True, (where, p["name"])
        assert declared == set(re.findall(r"{(\w+)}", path)), where
        if method == "post" and "requestBody" in op:
            body = resolve(doc, op["requestBody"])
            assert body["required"] is True and "application/json" in body["content"], where
            assert {"400", "413", "415"} <= set(map(str, responses)), where
        if needs_auth(path, method, op):
            assert "401" in map(str, responses), where
    assert None not in ids and len(ids) == len(set(ids)), ids


def is_problem_schema(doc, schema):
    """Problem itself, or a problem with extension members: every Problem property, required
    as in Problem."""
    if schema == {"$ref": "#/components/schemas/Problem"}:
        return True
    problem = doc["components"]["schemas"]["Problem"]
    s = resolve(doc, schema)
    return (set(problem["properties"]) <= set(s.get("properties", {})) and
            set(problem["required"]) <= set(s.get("required", [])))


# Against the live server -------------------------------------------------------------------------
def fill(path, values):
    return re.sub(r"{(\w+)}", lambda m: values.get(m.group(1), "x"), path)


def test_servers_reach_every_route(doc, server):
    """Each documented (method, path), sent to its documented server, reaches a route: neither a
    404 'no such path' nor a 405."""
    headers = {"Authorization": f"Bearer {server.admin_token}"}
    for path, method, item, op in operations(doc):
        base = server.root_url if is_root_path(item) else server.base_url
        url = base + fill(path, {"folderId": "0" * 32, "groupId": "999999", "tokenId": "0" * 32})
        kwargs = {"json": {}} if method == "post" else {}
        r = requests.request(method.upper(), url, headers=headers, timeout=30, **kwargs)
        where = f"{method.upper()} {url}"
        assert r.status_code != 405, where
        if r.status_code == 404:
            assert not r.json()["detail"].startswith("no such path"), where


class SchemaError(AssertionError):
    pass


def check(doc, schema, value, where="$"):
    """A validator for the subset of OpenAPI 3.0 schemas the document uses."""
    schema = resolve(doc, schema)
    if value is None:
        if schema.get("nullable"):
            return
        raise SchemaError(f"{where}: null is not allowed")
    for sub in schema.get("allOf", []):
        check(doc, sub, value, where)
    if "oneOf" in schema:
        matched = 0
        for sub in schema["oneOf"]:
            try:
                check(doc, sub, value, where)
                matched += 1
            except SchemaError:
                pass
        if matched != 1:
            raise SchemaError(f"{where}: {value!r} matches {matched} of the oneOf schemas")
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected an object, got {value!r}")
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                raise SchemaError(f"{where}: missing {key!r}")
        for key, v in value.items():
            if key in props:
                check(doc, props[key], v, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                raise SchemaError(f"{where}: undocumented key {key!r}")
    elif kind == "array":
        if not isinstance(value, list):
            raise SchemaError(f"{where}: expected an array, got {value!r}")
        for i, v in enumerate(value):
            check(doc, schema["items"], v, f"{where}[{i}]")
    elif kind == "string":
        if not isinstance(value, str):
            raise SchemaError(f"{where}: expected a string, got {value!r}")
        if schema.get("format") == "date-time" and not TIMESTAMP.match(value):
            raise SchemaError(f"{where}: not a Taiga timestamp: {value!r}")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            raise SchemaError(f"{where}: expected an integer, got {value!r}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise SchemaError(f"{where}: expected a boolean, got {value!r}")
    elif kind is not None:
        raise SchemaError(f"{where}: the checker does not know type {kind}")
    if "enum" in schema and value not in schema["enum"]:
        raise SchemaError(f"{where}: {value!r} is not one of {schema['enum']}")


def test_checker_catches_mistakes(doc):
    folder = {"$ref": "#/components/schemas/Folder"}
    with pytest.raises(SchemaError):
        check(doc, folder, {"id": "x"})
    with pytest.raises(SchemaError):
        check(doc, {"$ref": "#/components/schemas/NamedId"}, {"id": "x", "name": "y", "z": 1})
    with pytest.raises(SchemaError):
        check(doc, {"$ref": "#/components/schemas/GroupSummary"},
              {"id": True, "name": "y", "num_users": 1})
    with pytest.raises(SchemaError):
        check(doc, {"$ref": "#/components/schemas/Token"},
              {"id": "x", "name": "y", "creation_date": "yesterday", "last_used": None,
               "revoked": None})
    check(doc, {"$ref": "#/components/schemas/NamedId"}, {"id": "x", "name": "y"})
    either = {"oneOf": [{"$ref": "#/components/schemas/NamedId"}, {"type": "string"}]}
    check(doc, either, "a-task-id")
    check(doc, either, {"id": "x", "name": "y"})
    with pytest.raises(SchemaError):
        check(doc, either, 7)


class Exerciser:
    """Sends requests described by the document and checks each response against it."""

    def __init__(self, doc, server):
        self.doc = doc
        self.server = server
        self.covered = set()

    def __call__(self, method, path, token=None, status=200, values=None, **kwargs):
        item = self.doc["paths"][path]
        op = item[method]
        base = self.server.root_url if is_root_path(item) else self.server.base_url
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        url = base + fill(path, {k: str(v) for k, v in (values or {}).items()})
        r = requests.request(method.upper(), url, headers=headers, timeout=30,
                             allow_redirects=False, **kwargs)
        self.last = r
        where = f"{method.upper()} {path} -> {r.status_code}"
        assert r.status_code == status, f"{where}: {r.text[:300]}"
        responses = {str(k): v for k, v in op["responses"].items()}
        documented = responses.get(str(r.status_code)) or responses.get("default")
        assert documented is not None, f"{where}: status not documented"
        documented = resolve(self.doc, documented)
        if 300 <= r.status_code < 400:
            for name in documented.get("headers", {}):
                assert name in r.headers, f"{where}: no {name} header"
            self.covered.add((method, path))
            return None
        ctype = r.headers.get("Content-Type", "").split(";")[0].strip()
        assert ctype in documented["content"], f"{where}: Content-Type {ctype}"
        body = r.json()
        try:
            check(self.doc, documented["content"][ctype]["schema"], body)
        except SchemaError as e:
            raise AssertionError(f"{where}: {e}\n{r.text[:1000]}") from None
        for name in documented.get("headers", {}):
            assert name in r.headers, f"{where}: no {name} header"
        if 200 <= r.status_code < 300:
            self.covered.add((method, path))
        return body


def s3_put(creds, key, data):
    """Puts `data` at `key` through the S3 endpoint GET /api/credentials_s3 names, as taigapy does
    (boto3, path-style). Returns None, or why it failed."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError
    s3 = boto3.client("s3", aws_access_key_id=creds["accessKeyId"],
                      aws_secret_access_key=creds["secretAccessKey"],
                      aws_session_token=creds["sessionToken"], endpoint_url=creds["endpointUrl"],
                      region_name="us-east-1",
                      config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}))
    try:
        s3.put_object(Bucket=creds["bucket"], Key=key, Body=data)
    except (BotoCoreError, ClientError) as e:
        return f"{type(e).__name__}: {e}"
    return None


def seed_column_types(server, datafile_id, column_types):
    """Makes datafile `datafile_id` a Columnar file with `column_types`, in the server's database
    (as job_rows seeds jobs): only Raw uploads are processed so far, so no request makes the
    Columnar file that GET /api/datafile/column_types needs for a 200."""
    types = json.dumps(column_types)
    if server.database_url:
        def quote(v):
            return "'" + v.replace("'", "''") + "'"
        sql = (f"UPDATE datafiles SET format = 'Columnar', column_types = {quote(types)} "
               f"WHERE id = {quote(datafile_id)}")
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", server.database_url,
                            "-c", sql], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
        assert r.returncode == 0, r.stderr
    else:
        db = sqlite3.connect(f"{server.data_dir}/taiga.db", timeout=30)
        try:
            with db:
                n = db.execute("UPDATE datafiles SET format = 'Columnar', column_types = ? "
                               "WHERE id = ?", (types, datafile_id)).rowcount
            assert n == 1, datafile_id
        finally:
            db.close()


def wait_for_task(call, token, task):
    deadline = time.monotonic() + 60
    while True:
        status = call("get", "/api/task_status/{taskStatusId}", token,
                      values={"taskStatusId": task})
        if status["state"] in ("SUCCESS", "FAILURE"):
            assert status["state"] == "SUCCESS", status
            return
        assert time.monotonic() < deadline, status
        time.sleep(0.05)


def exercise_datasets(call, server, u, other, creds, sid, key):
    """Every dataset, version and data-file route, from the object uploaded at `key` for upload
    session `sid` of user `u` (`other` is another user)."""
    reg = "/api/datafile/{sid}"
    s3 = {"filename": "raw", "filetype": "s3", "custom_metadata": {"source": "openapi"},
          "s3Upload": {"bucket": creds["bucket"], "key": key, "format": "Raw",
                       "encoding": "UTF-8"}}
    call("post", reg, other.token, status=403, values={"sid": sid}, json=s3)
    call("post", reg, u.token, status=400, values={"sid": sid},
         json={**s3, "s3Upload": {**s3["s3Upload"], "format": "Excel"}})
    wait_for_task(call, u.token, call("post", reg, u.token, values={"sid": sid}, json=s3))

    new = {"sessionId": sid, "datasetName": uniq("openapi"), "currentFolderId": u.home_folder_id,
           "datasetDescription": "first"}
    call("post", "/api/dataset", u.token, status=403, json={**new, "currentFolderId": "public"})
    call("post", "/api/dataset", u.token, status=404, json={**new, "sessionId": "0" * 32})
    ds_id = call("post", "/api/dataset", u.token, json=new)
    call("post", "/api/dataset", u.token, status=409, json=new)
    ds = call("get", "/api/dataset/{datasetId}", u.token, values={"datasetId": ds_id})
    perm, v1 = ds["permanames"][0], ds["versions"][0]["id"]
    call("get", "/api/dataset/{datasetId}", other.token, values={"datasetId": perm})
    call("get", "/api/dataset/{datasetId}", u.token, status=404, values={"datasetId": "nope-0000"})
    pair = "/api/dataset/{datasetId}/{datasetVersionId}"
    for a, b in ((perm, 1), ("None", v1), (ds_id, "latest")):
        call("get", pair, u.token, values={"datasetId": a, "datasetVersionId": b})
    call("get", pair, u.token, status=404, values={"datasetId": perm, "datasetVersionId": 2})
    call("get", "/api/dataset/{datasetId}/last", u.token, values={"datasetId": ds_id})
    call("get", "/api/dataset/{datasetId}/last", u.token, status=404,
         values={"datasetId": "nope-0000"})
    version = "/api/datasetVersion/{datasetVersionId}"
    file_id = call("get", version, u.token, values={"datasetVersionId": v1})["datafiles"][0]["id"]
    call("get", version, other.token, values={"datasetVersionId": v1})
    call("get", version, u.token, status=404, values={"datasetVersionId": "0" * 32})
    find = "/api/datasetVersion/id/find"
    for text in (ds_id, perm, f"{perm}.1", f"{perm}/1", v1):
        assert call("get", find, u.token, params={"entry_submitted_by_user": text}) == v1
    call("get", find, u.token, status=400)
    call("get", find, u.token, status=400, params={"entry_submitted_by_user": "a.1.2"})
    call("get", find, u.token, status=404, params={"entry_submitted_by_user": "nope-0000"})

    datafile = "/api/datafile"
    call("get", datafile, u.token, params={"dataset_permaname": perm, "version": "1",
                                           "datafile_name": "raw", "format": "raw"})
    call("get", datafile, other.token, params={"dataset_version_id": v1, "format": "metadata"})
    call("get", datafile, u.token, status=400, params={"dataset_permaname": perm})
    call("get", datafile, u.token, status=400, params={"dataset_permaname": perm, "format": "csv"})
    call("get", datafile, u.token, status=404, params={"dataset_permaname": perm,
                                                       "datafile_name": "zz", "format": "raw"})
    call("get", "/api/datafile/short_summary", u.token, params={"dataset_permaname": perm})
    call("get", "/api/datafile/short_summary", u.token, status=400, params={"version": "1"})
    call("get", "/api/datafile/column_types", u.token, status=400,
         params={"dataset_permaname": perm})  # Raw: not a table

    preview = "/api/datafile-preview/{id}"
    table = {"num_rows": 1, "num_columns": 3, "ignored": True,
             "top_left_preview": {"column_names": ["b", "c", "d"], "row_names": ["d"],
                                  "data": [[1, 2.5, None]]}}
    call("get", preview, u.token, status=404, values={"id": file_id})
    call("post", preview, u.token, status=201, values={"id": f"{perm}.1/raw"}, json=table)
    call("post", preview, u.token, values={"id": file_id}, json={"num_rows": None})
    call("get", preview, u.token, values={"id": file_id})  # all null
    call("post", preview, u.token, values={"id": file_id}, json=table)
    call("post", preview, u.token, status=400, values={"id": file_id}, json={"num_rows": True})
    call("post", preview, other.token, status=403, values={"id": file_id}, json=table)
    call("get", preview, other.token, values={"id": f"{perm}.1/raw"})

    sid2 = call("get", "/api/upload_session", u.token)
    alias = {"filename": "alias", "filetype": "virtual", "existingTaigaId": f"{perm}.1/raw",
             "custom_metadata": {"extra": 1}}
    call("post", reg, u.token, status=400, values={"sid": sid2},
         json={**alias, "existingTaigaId": "nope-0000.1/raw"})
    assert call("post", reg, u.token, values={"sid": sid2}, json=alias) == "done"
    call("post", "/api/datasetVersion", other.token, status=403,
         json={"sessionId": sid2, "datasetId": ds_id})
    v2 = call("post", "/api/datasetVersion", u.token,
              json={"sessionId": sid2, "datasetId": perm, "newDescription": "second",
                    "changesDescription": "an alias", "addExistingFiles": True,
                    "datasetVersion": 1})
    call("post", "/api/datasetVersion", u.token, status=409,
         json={"sessionId": sid2, "datasetId": ds_id})
    call("get", version, u.token, values={"datasetVersionId": v2})  # two virtual files
    call("get", datafile, u.token, params={"dataset_permaname": perm, "datafile_name": "alias",
                                           "format": "raw_test"})
    call("get", preview, u.token, values={"id": f"{perm}.2/alias"})  # the real file's
    call("post", preview, u.token, status=400, values={"id": f"{perm}.2/alias"}, json=table)
    call("post", "/api/datasets", u.token, json={"datasetIds": [ds_id, ds_id]})
    call("post", "/api/datasets", u.token, status=404, json={"datasetIds": [perm]})
    call("post", "/api/datasetVersions", other.token,
         json={"datasetVersionIds": [v2, "0" * 32, v1]})

    name = "/api/dataset/{datasetId}/name"
    call("post", name, other.token, status=403, values={"datasetId": ds_id}, json={"name": "x"})
    call("post", name, u.token, status=400, values={"datasetId": ds_id}, json={"name": " "})
    assert call("post", name, u.token, values={"datasetId": ds_id},
                json={"name": uniq("renamed")}) == ds_id
    call("post", "/api/dataset/{datasetId}/description", u.token, values={"datasetId": perm},
         json={"description": "latest"})  # the old permaname still resolves
    call("post", "/api/dataset/{datasetId}/description", u.token, status=404,
         values={"datasetId": "nope-0000"}, json={"description": "x"})
    states = "/api/datasetVersion/{datasetVersionId}/"
    v = {"datasetVersionId": v1}
    call("post", states + "description", u.token, values=v, json={"description": "first, again"})
    call("post", states + "description", other.token, status=403, values=v,
         json={"description": "x"})
    call("post", states + "deprecate", u.token, status=400, values=v,
         json={"deprecationReason": " "})
    call("post", states + "deprecate", u.token, values=v, json={"deprecationReason": "superseded"})
    call("get", pair, u.token, values={"datasetId": "x", "datasetVersionId": v1})
    call("post", states + "delete", u.token, values=v)
    call("post", states + "delete", u.token, values=v, json={"reason": "wrong numbers"})
    call("get", datafile, u.token, params={"dataset_version_id": v1, "format": "metadata"})
    call("post", states + "delete", other.token, status=403, values=v)
    call("post", states + "de-deprecate", u.token, values=v)
    call("post", states + "de-deprecate", u.token, status=404,
         values={"datasetVersionId": "0" * 32})

    log = call("get", "/api/dataset/{datasetId}/activityLog", u.token, values={"datasetId": ds_id})
    assert {"created", "added_version", "changed_name", "changed_description"} == {
        a["type"] for a in log}, log
    call("get", "/api/dataset/{datasetId}/activityLog", u.token, status=404,
         values={"datasetId": "nope-0000"})

    seed_column_types(server, file_id, {"a": "str", "b": "int"})
    types = "/api/datafile/column_types"
    call("get", types, u.token, params={"dataset_permaname": perm, "version": "1"})
    call("get", types, u.token, params={"dataset_permaname": perm, "datafile_name": "alias"})

    # Permanent deletion, of a dataset of its own (nothing refers to its files).
    sid3 = call("get", "/api/upload_session", u.token)
    key3 = f"{creds['prefix']}{sid3}/doomed"
    assert s3_put(creds, key3, b"delete me") is None
    wait_for_task(call, u.token, call("post", reg, u.token, values={"sid": sid3}, json={
        **s3, "s3Upload": {"key": key3, "format": "Raw"}}))
    doomed = call("post", "/api/dataset", u.token, json={**new, "sessionId": sid3})
    dataset = "/api/dataset/{datasetId}"
    call("delete", dataset, u.token, status=409, values={"datasetId": doomed})  # still in Home
    call("post", "/api/move", u.token, json={"entryIds": [doomed],
                                             "currentFolderId": u.home_folder_id})
    call("delete", dataset, other.token, status=403, values={"datasetId": doomed})
    call("delete", dataset, u.token, values={"datasetId": doomed})
    call("delete", dataset, u.token, status=404, values={"datasetId": doomed})


def test_live_responses_match_the_document(doc, server, new_user):
    call = Exerciser(doc, server)
    admin = server.admin_token
    u = new_user("openapi")

    call("get", "/healthz")
    call("get", "/readyz")

    me = call("get", "/api/user", admin)
    call("get", "/api/user", status=401)
    call("get", "/api/user", "not-a-token", status=401)
    call("get", "/api/user/all", u.token)
    call("get", "/api/tokens", u.token)
    issued = call("post", "/api/tokens", u.token, json={"name": "openapi"})
    call("post", "/api/tokens", u.token, status=400, json={"name": ""})
    call("post", "/api/tokens", u.token, status=415, data=b"{}",
         headers={"Content-Type": "text/plain"})
    call("post", "/api/tokens/{tokenId}/revoke", u.token, values={"tokenId": issued["id"]})
    call("post", "/api/tokens/{tokenId}/revoke", u.token, status=404,
         values={"tokenId": issued["id"]})
    call("get", "/api/tokens", u.token)  # now with a revoked one

    # Web sign-in: a one-time link, the cookie session, a pasted token, signing out.
    link = server.cli("signin-url", "--user", u.name)
    assert link.returncode == 0, link.stderr
    code = link.stdout.strip().split("code=")[-1]
    call("get", "/signin", status=303, params={"code": code})
    cookie = {"taiga_session": call.last.cookies["taiga_session"]}
    call("get", "/signin", status=401, params={"code": code})
    call("get", "/signin", status=400)
    session = call("get", "/api/session", cookies=cookie)
    assert session["credential"] == "cookie" and session["csrf_token"]
    call("get", "/api/session", admin)
    call("get", "/api/session", status=401)
    call("delete", "/api/session", status=403, cookies=cookie)
    call("delete", "/api/session", cookies=cookie, headers={"X-Taiga-CSRF": session["csrf_token"]})
    call("delete", "/api/session")
    call("post", "/api/session", json={"token": u.token})
    call("post", "/api/session", status=401, json={"token": "taiga_not-a-token"})
    call("post", "/api/session", status=400, json={})

    public = call("get", "/api/folder/{folderId}", u.token, values={"folderId": "public"})
    assert public["creator"] is None
    call("get", "/api/folder/{folderId}", u.token, status=404, values={"folderId": "nope"})
    a = call("post", "/api/folder/create", u.token,
             json={"name": uniq("A"), "parentId": u.home_folder_id, "description": "d"})
    b = call("post", "/api/folder/create", u.token, json={"name": "B", "parentId": a["id"]})
    call("post", "/api/folder/create", u.token, status=400, json={"name": "B"})
    call("post", "/api/folder/create", u.token, status=403,
         json={"name": "B", "parentId": me["home_folder_id"]})
    call("post", "/api/folder/create", u.token, status=404,
         json={"name": "B", "parentId": "0" * 32})
    assert call("post", "/api/folder/{folderId}/name", u.token, values={"folderId": b["id"]},
                json={"name": "B2"}) == b["id"]
    call("post", "/api/folder/{folderId}/description", u.token, values={"folderId": b["id"]},
         json={"description": "text"})
    call("post", "/api/folder/{folderId}/name", u.token, status=404, values={"folderId": "nope"},
         json={"name": "x"})
    call("post", "/api/folder/{folderId}/description", u.token, status=403,
         values={"folderId": "public"}, json={"description": "x"})
    call("post", "/api/copy", u.token, json={"entryIds": [b["id"]], "folderId": u.home_folder_id})
    call("post", "/api/copy", u.token, status=400, json={"entryIds": [a["id"]],
                                                         "folderId": b["id"]})
    call("post", "/api/move", u.token, json={"entryIds": [b["id"]], "currentFolderId": a["id"]})
    call("post", "/api/move", u.token, status=404, json={"entryIds": [b["id"]],
                                                         "currentFolderId": "0" * 32})
    for folder_id in (u.home_folder_id, u.trash_folder_id, a["id"], b["id"]):
        call("get", "/api/folder/{folderId}", u.token, values={"folderId": folder_id})
        call("get", "/api/folder/{folderId}", admin, values={"folderId": folder_id})

    call("get", "/api/group/allJoined", admin)
    g = call("post", "/api/group/create", u.token, json={"name": uniq("openapi")})
    call("post", "/api/group/create", u.token, status=409, json={"name": g["name"]})
    call("get", "/api/group/{groupId}", u.token, values={"groupId": g["id"]})
    call("get", "/api/group/{groupId}", u.token, status=404, values={"groupId": "abc"})
    call("post", "/api/group/{groupId}/add", u.token, values={"groupId": g["id"]},
         json={"userIds": [me["id"]]})
    call("post", "/api/group/{groupId}/add", u.token, status=404, values={"groupId": g["id"]},
         json={"userIds": ["0" * 32]})
    call("post", "/api/group/{groupId}/remove", u.token, values={"groupId": g["id"]},
         json={"userIds": [me["id"]]})
    call("get", "/api/group/allJoined", u.token)
    admin_group = [x for x in call("get", "/api/group/allJoined", admin) if x["name"] == "Admin"][0]
    call("get", "/api/group/{groupId}", u.token, status=403, values={"groupId": admin_group["id"]})
    members = call("get", "/api/group/{groupId}", admin, values={"groupId": admin_group["id"]})
    call("post", "/api/group/{groupId}/remove", admin, status=409,
         values={"groupId": admin_group["id"]},
         json={"userIds": [m["id"] for m in members["users"]]})

    grants = "/api/entry/{entryId}/grants"
    call("get", grants, u.token, values={"entryId": a["id"]})
    call("get", grants, u.token, status=404, values={"entryId": "0" * 32})
    ug = call("post", grants, u.token, values={"entryId": a["id"]}, json={"userId": me["id"]})
    gg = call("post", grants, u.token, values={"entryId": a["id"]},
              json={"groupId": g["id"], "role": "editor"})
    call("post", grants, u.token, status=400, values={"entryId": a["id"]}, json={})
    call("post", grants, u.token, status=403, values={"entryId": "public"},
         json={"userId": u.id})
    call("get", grants, admin, values={"entryId": a["id"]})
    for grant in (ug, gg):
        call("post", grants + "/{grantId}/remove", u.token,
             values={"entryId": a["id"], "grantId": grant["id"]})
    call("post", grants + "/{grantId}/remove", u.token, status=404,
         values={"entryId": a["id"], "grantId": ug["id"]})

    task = insert_job(server, state="PROGRESS", current=3, total=10, attempts=1,
                      message="Conversion in progress, line 3")  # no endpoint enqueues jobs yet
    call("get", "/api/task_status/{taskStatusId}", u.token, values={"taskStatusId": task})
    call("get", "/api/task_status/{taskStatusId}", u.token, status=404,
         values={"taskStatusId": "0" * 36})

    # Datasets: through the real upload protocol, bytes to the S3 endpoint the credentials name.
    # Without it (a server that does not serve that endpoint yet) the routes that need a
    # dataset stay unexercised, and the check below names them and says why.
    other = new_user("openapi-other")
    creds = call("get", "/api/credentials_s3", u.token)
    sid = call("get", "/api/upload_session", u.token)
    call("post", "/api/datafile/{sid}", u.token, status=404, values={"sid": "0" * 32},
         json={"filename": "f", "filetype": "virtual", "existingTaigaId": "a-0000.1/f"})
    call("post", "/api/datafile/{sid}", u.token, status=400, values={"sid": sid},
         json={"filename": "f", "filetype": "gcs"})
    key = f"{creds['prefix']}{sid}/raw"
    upload_failed = s3_put(creds, key, b"a,b,c\nd,1,2,3\n")
    if upload_failed is None:
        exercise_datasets(call, server, u, other, creds, sid, key)

    missing = sorted(set((m, p) for p, m, _, _ in operations(doc)) - call.covered)
    why = (f"\n(uploading to {creds['endpointUrl']} failed, so nothing needing a dataset ran: "
           f"{upload_failed})" if upload_failed else "")
    assert not missing, f"no successful call exercised: {missing}{why}"
