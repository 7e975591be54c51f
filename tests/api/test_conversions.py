"""Format conversion end to end (issue #4): tables and matrices uploaded through the S3 endpoint
are converted by the upload job (columnar / HDF5, a gzip copy, summaries, column types, preview),
and every allowed download format comes back — stored formats at once, csv/tsv/gct through the
conversion cache (202 while it runs, then urls; one entry under concurrent first requests; a
failed entry reported and retried with force=Y)."""
import concurrent.futures
import io
import os
import sqlite3
import subprocess
import time

import h5py
import numpy as np
import pytest
import requests

from conftest import BLOB_MODE, _taiga_bin, assert_problem, embedded_only, running_server
from flows import add_s3_file, download, new_session, wait_task

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "fixtures",
                        "taiga2-test-files")

TABLE = b"a,b,c,d\n1,2,Y,1.2\n3,4,Y,2\n5,,N,NA\n"
MATRIX = b",a,b,c\nd,1,2,3\ne,4,5,NA\n"
GCT = b"#1.2\n2\t2\nName\tDescription\tc1\tc2\nr1\tfirst\t1\t2.5\nr2\tsecond\tNA\t4\n"


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


@pytest.fixture
def owner(new_user):
    return new_user("converter")


def upload_dataset(api, files):
    """files: {name: (bytes, format[, encoding])}. Returns (dataset permaname, version id)."""
    sid = new_session(api)
    for name, spec in files.items():
        add_s3_file(api, sid, spec[0], name, fmt=spec[1],
                    encoding=spec[2] if len(spec) > 2 else None)
    home = api.get("/user").json()["home_folder_id"]
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": "conversions",
                                   "currentFolderId": home, "datasetDescription": ""})
    assert r.status_code == 200, r.text
    ds = api.get(f"/dataset/{r.json()}").json()
    return ds["permanames"][0], ds["versions"][0]["id"]


def datafile(api, perm, name, fmt, **extra):
    return api.get("/datafile", params={"dataset_permaname": perm, "version": "1",
                                        "datafile_name": name, "format": fmt, **extra})


def fetch(api, perm, name, fmt, timeout=60, **extra):
    """Polls GET /api/datafile until it has urls; returns (response JSON, downloaded bytes)."""
    deadline = time.monotonic() + timeout
    while True:
        r = datafile(api, perm, name, fmt, **extra)
        extra = {}  # force only once
        assert r.status_code in (200, 202), r.text
        body = r.json()
        if r.status_code == 200:
            assert body["urls"], body
            return body, download(body["urls"][0]).content
        assert "urls" not in body and body["status"], body
        assert time.monotonic() < deadline, body
        time.sleep(0.05)


def cli_convert(tmp_path, frm, to, data):
    src = tmp_path / f"in.{frm}"
    src.write_bytes(data)
    out = tmp_path / f"out.{frm}.{to}"
    r = subprocess.run([_taiga_bin(), "convert", "--from", frm, "--to", to, str(src), str(out)],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


def read_matrix(data):
    with h5py.File(io.BytesIO(data), "r") as f:
        names = lambda d: [x.decode() if isinstance(x, bytes) else x for x in f[d][:]]
        return f["data"][:], names("dim_0"), names("dim_1")


def test_table_is_converted_and_downloads_in_every_format(owner, tmp_path):
    api = owner.client
    perm, _ = upload_dataset(api, {"table": (TABLE, "TableCSV")})
    meta = datafile(api, perm, "table", "metadata").json()
    assert meta["datafile_format"] == "Columnar" and meta["status"] == "Completed successfully"
    assert "urls" not in meta
    version = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]
    f = version["datafiles"][0]
    assert f["type"] == "Columnar" and f["short_summary"] == "3 rows, 4 columns"
    assert f["allowed_conversion_type"] == ["raw_test", "csv", "tsv"]
    r = api.get("/datafile/short_summary", params={"dataset_permaname": perm, "datafile_name": "table"})
    assert r.status_code == 200 and r.json() == "3 rows, 4 columns"
    r = api.get("/datafile/column_types", params={"dataset_permaname": perm, "version": "1",
                                                  "datafile_name": "table"})
    assert r.status_code == 200, r.text
    assert list(r.json().items()) == [("a", "int"), ("b", "Int64"), ("c", "str"), ("d", "float")]

    # raw_test: the uploaded bytes, stored gzipped and served with Content-Encoding: gzip.
    body, data = fetch(api, perm, "table", "raw_test")
    assert data == TABLE
    with requests.get(body["urls"][0], stream=True, timeout=60) as r:
        assert r.status_code == 200 and r.headers.get("Content-Encoding") == "gzip", r.headers
        assert r.raw.read() != TABLE  # on the wire: gzip
        assert r.headers["Content-Type"].startswith("text/csv"), r.headers
        assert "conversions_v1-table.csv" in r.headers.get("Content-Disposition", ""), r.headers
    # columnar: the stored file, byte for byte what `taiga convert` writes for the same input.
    _, columnar = fetch(api, perm, "table", "columnar")
    assert columnar == cli_convert(tmp_path, "TableCSV", "columnar", TABLE)
    # csv/tsv: exports with Taiga 2's formatting.
    first = datafile(api, perm, "table", "csv")
    assert first.status_code in (200, 202), first.text
    if first.status_code == 202:
        assert first.json()["status"] and "urls" not in first.json()
    body, csv = fetch(api, perm, "table", "csv")
    assert csv == b"a,b,c,d\r\n1,2,Y,1.2\r\n3,4,Y,2.0\r\n5,,N,NA\r\n"
    assert csv == cli_convert(tmp_path, "columnar", "csv", columnar)
    assert body["status"] == "Completed successfully"
    _, tsv = fetch(api, perm, "table", "tsv")
    assert tsv == b"a\tb\tc\td\r\n1\t2\tY\t1.2\r\n3\t4\tY\t2.0\r\n5\t\tN\tNA\r\n"
    # A second request is answered from the cache at once.
    again = datafile(api, perm, "table", "csv")
    assert again.status_code == 200 and again.json()["urls"]
    # Formats a table does not offer.
    assert_problem(datafile(api, perm, "table", "gct"), 400, "gct", "raw_test, csv, tsv")
    assert_problem(datafile(api, perm, "table", "hdf5"), 400, "hdf5")


def test_table_preview_is_computed_at_import(owner):
    api = owner.client
    perm, _ = upload_dataset(api, {"table": (TABLE, "TableCSV")})
    r = api.get(f"/datafile-preview/{perm}.1/table")
    assert r.status_code == 200, r.text
    p = r.json()
    assert p["num_rows"] == 3 and p["num_columns"] == 4
    top = p["top_left_preview"]
    assert top["column_names"] == ["a", "b", "c", "d"] and top["row_names"] is None
    assert top["data"] == [[1, 2, "Y", 1.2], [3, 4, "Y", 2.0], [5, None, "N", None]]


@pytest.mark.parametrize("fmt,data", [("NumericMatrixCSV", MATRIX),
                                      ("NumericMatrixTSV", MATRIX.replace(b",", b"\t"))])
def test_matrix_is_converted_and_downloads_in_every_format(owner, fmt, data):
    api = owner.client
    perm, _ = upload_dataset(api, {"m": (data, fmt)})
    f = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"][0]
    assert f["type"] == "HDF5" and f["short_summary"] == "2x3 matrix, 1 NAs"
    assert f["allowed_conversion_type"] == ["raw_test", "csv", "gct", "hdf5", "tsv"]
    # hdf5 is the stored file: never a 202.
    r = datafile(api, perm, "m", "hdf5")
    assert r.status_code == 200 and r.json()["urls"], r.text
    values, rows, cols = read_matrix(download(r.json()["urls"][0]).content)
    assert rows == ["d", "e"] and cols == ["a", "b", "c"]
    assert values[0].tolist() == [1.0, 2.0, 3.0] and values[1][:2].tolist() == [4.0, 5.0]
    assert np.isnan(values[1][2])
    _, raw = fetch(api, perm, "m", "raw_test")
    assert raw == data
    _, csv = fetch(api, perm, "m", "csv")
    assert csv == b",a,b,c\r\nd,1.0,2.0,3.0\r\ne,4.0,5.0,NA\r\n"
    _, tsv = fetch(api, perm, "m", "tsv")
    assert tsv == b"\ta\tb\tc\r\nd\t1.0\t2.0\t3.0\r\ne\t4.0\t5.0\tNA\r\n"
    _, gct = fetch(api, perm, "m", "gct")
    assert gct == (b"#1.2\r\n2\t3\r\nName\tDescription\ta\tb\tc\r\n"
                   b"d\td\t1.0\t2.0\t3.0\r\ne\te\t4.0\t5.0\tNA\r\n")
    preview = api.get(f"/datafile-preview/{perm}.1/m").json()
    assert preview["num_rows"] == 2 and preview["num_columns"] == 3
    assert preview["top_left_preview"]["row_names"] == ["d", "e"]
    assert preview["top_left_preview"]["data"] == [[1.0, 2.0, 3.0], [4.0, 5.0, None]]
    assert_problem(api.get("/datafile/column_types",
                           params={"dataset_permaname": perm, "datafile_name": "m"}),
                   400, "not a table")


def test_gct_keeps_descriptions(owner):
    api = owner.client
    perm, _ = upload_dataset(api, {"g": (GCT, "GCT")})
    r = datafile(api, perm, "g", "hdf5")
    values, rows, cols = read_matrix(download(r.json()["urls"][0]).content)
    assert rows == ["r1", "r2"] and cols == ["c1", "c2"] and values[0].tolist() == [1.0, 2.5]
    _, gct = fetch(api, perm, "g", "gct")
    assert gct == (b"#1.2\r\n2\t2\r\nName\tDescription\tc1\tc2\r\n"
                   b"r1\tfirst\t1.0\t2.5\r\nr2\tsecond\tNA\t4.0\r\n")


def test_taiga2_test_files_round_trip(owner, tmp_path):
    api = owner.client
    perm, _ = upload_dataset(api, {
        "tall_table": (fixture("tall_table.csv"), "TableCSV"),
        "tall_matrix": (fixture("tall_matrix.csv"), "NumericMatrixCSV"),
        "tall_gct": (fixture("tall_matrix.gct"), "GCT"),
        "latin1": (fixture("non-utf8-table.csv"), "TableCSV", "iso-8859-1"),
    })
    _, csv = fetch(api, perm, "tall_table", "csv")
    _, columnar = fetch(api, perm, "tall_table", "columnar")
    assert csv == cli_convert(tmp_path, "columnar", "csv", columnar)
    assert csv.replace(b"\r\n", b"\n") == fixture("tall_table.csv").replace(b"\r\n", b"\n")
    # A table declared Latin-1 comes back in Latin-1, as uploaded (modulo Taiga 2's \r\n).
    _, csv = fetch(api, perm, "latin1", "csv")
    assert csv.replace(b"\r\n", b"\n") == fixture("non-utf8-table.csv").replace(b"\r\n", b"\n")
    for name in ("tall_matrix", "tall_gct"):
        _, h5 = fetch(api, perm, name, "hdf5")
        _, csv = fetch(api, perm, name, "csv")
        assert csv == cli_convert(tmp_path, "HDF5", "csv", h5), name
    body, raw = fetch(api, perm, "tall_gct", "raw_test")
    assert raw == fixture("tall_matrix.gct")
    with requests.get(body["urls"][0], stream=True, timeout=60) as r:
        assert "conversions_v1-tall-gct.gct" in r.headers.get("Content-Disposition", "")


@pytest.mark.parametrize("data,fmt,fragment", [
    (b"a,b\n1,2\n3\n", "TableCSV", "line 3"),
    (b"", "TableCSV", "empty"),
    (b",a\nr1,x\n", "NumericMatrixCSV", "line 2"),
    (b"a,b\n\xff\xfe,1\n", "TableCSV", "UTF-8"),
])
def test_bad_files_fail_with_a_message_and_block_the_dataset(owner, data, fmt, fragment):
    api = owner.client
    sid = new_session(api)
    task = add_s3_file(api, sid, data, "bad", fmt=fmt, wait=False)
    status = wait_task(api, task)
    assert status["state"] == "FAILURE", status
    assert fragment.lower() in status["message"].lower(), status
    home = api.get("/user").json()["home_folder_id"]
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": "bad", "currentFolderId": home,
                                   "datasetDescription": ""})
    assert_problem(r, 400, "bad")


def test_unknown_encoding_fails_the_upload(owner):
    api = owner.client
    sid = new_session(api)
    task = add_s3_file(api, sid, TABLE, "t", fmt="TableCSV", encoding="klingon", wait=False)
    status = wait_task(api, task)
    assert status["state"] == "FAILURE" and "klingon" in status["message"], status


def _sql(server, sql, *args):
    """Runs `sql` on the server's database behind its back (committed); returns the first
    column of its first row as text, or None when it returns no rows."""
    if server.database_url:
        q = sql.replace("?", "'{}'").format(*(a.replace("'", "''") for a in args))
        r = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                            server.database_url, "-c", q],
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert r.returncode == 0, r.stderr
        return r.stdout.strip().split("\n")[0] or None
    db = sqlite3.connect(f"{server.data_dir}/taiga.db", timeout=30)
    try:
        with db:
            row = db.execute(sql, args).fetchone()
        return None if row is None else str(row[0])
    finally:
        db.close()


def test_concurrent_first_requests_make_one_cache_entry(owner, server, client):
    api = owner.client
    perm, _ = upload_dataset(api, {"m": (MATRIX, "NumericMatrixCSV")})
    file_id = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"][0]["id"]
    apis = [client(owner.token) for _ in range(8)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda a: datafile(a, perm, "m", "tsv"), apis))
    assert all(r.status_code in (200, 202) for r in answers), [r.text for r in answers]
    tasks = {r.json().get("task_id") for r in answers if r.status_code == 202}
    assert len(tasks) <= 1, tasks
    count = "SELECT COUNT(*) FROM conversion_cache WHERE datafile_id = ?"
    assert _sql(server, count, file_id) == "1"
    entry = _sql(server, "SELECT id FROM conversion_cache WHERE datafile_id = ?", file_id)
    jobs = "SELECT COUNT(*) FROM jobs WHERE kind = 'convert.export' AND payload LIKE ?"
    assert _sql(server, jobs, f"%{entry}%") == "1"
    _, tsv = fetch(api, perm, "m", "tsv")
    assert tsv.startswith(b"\ta\tb\tc\r\n")
    assert _sql(server, count + " AND state = 'complete'", file_id) == "1"


def test_force_starts_a_finished_conversion_again(owner):
    api = owner.client
    perm, _ = upload_dataset(api, {"m": (MATRIX, "NumericMatrixCSV")})
    first, csv = fetch(api, perm, "m", "csv")
    r = datafile(api, perm, "m", "csv", force="Y")
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "Conversion pending" and r.json()["task_id"]
    status = wait_task(api, r.json()["task_id"])
    assert status["state"] == "SUCCESS", status
    again, csv2 = fetch(api, perm, "m", "csv")
    assert csv2 == csv
    assert_problem(datafile(api, perm, "m", "csv", force="maybe"), 400, "force")


@embedded_only
def test_a_failed_conversion_is_reported_and_retried_with_force(owner, server):
    api = owner.client
    perm, _ = upload_dataset(api, {"t": (TABLE, "TableCSV")})
    # Damage the stored columnar file behind the server's back.
    body, columnar = fetch(api, perm, "t", "columnar")
    import hashlib
    sha = hashlib.sha256(columnar).hexdigest()
    path = os.path.join(server.data_dir, "blobs", "blobs", sha[:2], sha)
    os.chmod(path, 0o644)
    with open(path, "r+b") as f:
        f.truncate(len(columnar) // 2)
    r = datafile(api, perm, "t", "csv")
    deadline = time.monotonic() + 30
    while r.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.05)
        r = datafile(api, perm, "t", "csv")
    assert_problem(r, 409, "failed", "force=Y")
    assert_problem(datafile(api, perm, "t", "csv"), 409, "failed")  # stays failed
    # force=Y starts it again (and it fails again on the damaged file).
    r = datafile(api, perm, "t", "csv", force="Y")
    assert r.status_code == 202, r.text
    status = wait_task(api, r.json()["task_id"])
    assert status["state"] == "FAILURE", status
    # Put the bytes back: force=Y now succeeds.
    with open(path, "wb") as f:
        f.write(columnar)
    _, csv = fetch(api, perm, "t", "csv", force="Y")
    assert csv.startswith(b"a,b,c,d\r\n")


def test_virtual_files_convert_their_real_file(owner):
    api = owner.client
    perm, version_id = upload_dataset(api, {"m": (MATRIX, "NumericMatrixCSV")})
    sid = new_session(api)
    r = api.post(f"/datafile/{sid}", json={"filename": "alias", "filetype": "virtual",
                                           "existingTaigaId": f"{perm}.1/m"})
    assert r.status_code == 200, r.text
    home = api.get("/user").json()["home_folder_id"]
    r = api.post("/dataset", json={"sessionId": sid, "datasetName": "aliases",
                                   "currentFolderId": home, "datasetDescription": ""})
    alias_perm = api.get(f"/dataset/{r.json()}").json()["permanames"][0]
    body, csv = fetch(api, alias_perm, "alias", "csv")
    assert body["datafile_type"] == "virtual" and body["underlying_file_id"] == f"{perm}.1/m"
    assert csv == b",a,b,c\r\nd,1.0,2.0,3.0\r\ne,4.0,5.0,NA\r\n"


def test_raw_files_offer_no_conversion(owner):
    api = owner.client
    perm, _ = upload_dataset(api, {"r": (TABLE, "Raw")})
    assert_problem(datafile(api, perm, "r", "csv"), 400, "raw")
    _, raw = fetch(api, perm, "r", "raw_test")
    assert raw == TABLE


def test_raw_test_without_a_gzip_copy_is_the_csv_export(owner, server):
    """Taiga 2 kept no compressed copy of older files; taigapy still reads tables with
    format=raw_test, so such a table or matrix gives its CSV export (as the original's backfill
    did), through the conversion cache."""
    api = owner.client
    perm, _ = upload_dataset(api, {"t": (TABLE, "TableCSV"), "m": (MATRIX, "NumericMatrixCSV")})
    files = api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"]
    for f in files:
        _sql(server, "UPDATE datafiles SET compressed_blob_sha256 = NULL WHERE id = ?",
                 f["id"])
    files = {f["name"]: f for f in api.get(f"/dataset/{perm}/1").json()["datasetVersion"]["datafiles"]}
    assert files["t"]["allowed_conversion_type"] == ["csv", "tsv"]
    assert files["m"]["allowed_conversion_type"] == ["csv", "gct", "hdf5", "tsv"]
    for name, want in (("t", b"a,b,c,d\r\n1,2,Y,1.2\r\n3,4,Y,2.0\r\n5,,N,NA\r\n"),
                       ("m", b",a,b,c\r\nd,1.0,2.0,3.0\r\ne,4.0,5.0,NA\r\n")):
        # As taigapy does: 202 with the task id as a JSON string, poll it, ask again.
        first = datafile(api, perm, name, "raw_test")
        assert first.status_code == 202, first.text
        task = first.json()
        assert isinstance(task, str) and task, task
        assert wait_task(api, task)["state"] == "SUCCESS"
        r = datafile(api, perm, name, "raw_test")
        assert r.status_code == 200, r.text
        body = r.json()
        data = download(body["urls"][0]).content
        assert data == want, (name, data)
        with requests.get(body["urls"][0], stream=True, timeout=60) as r:
            assert r.status_code == 200 and "Content-Encoding" not in r.headers, r.headers
            assert r.headers["Content-Type"].startswith("text/csv"), r.headers
            assert f"conversions_v1-{name}.csv" in r.headers.get("Content-Disposition", "")
        _, csv = fetch(api, perm, name, "csv")
        assert csv == data
    count = "SELECT COUNT(*) FROM conversion_cache WHERE datafile_id = ?"
    assert _sql(server, count, files["t"]["id"]) == "1"  # raw_test and csv: one entry


def test_the_columnar_zlib_level_is_an_operator_choice(tmp_path):
    """conversion.columnar_zlib_level 1: faster imports whose columnar files differ from the
    ones Taiga 2 (and the default, level 6) writes, yet read back to the same table."""
    words = ["alpha", "beta", "gamma", "delta"]
    table = b"n,word,x\n" + b"".join(
        f"{i},{words[i % 4]} {words[i * 7 % 4]},{i / 7}\n".encode() for i in range(5000))
    with running_server(extra_env={"TAIGA_CONVERSION_COLUMNAR_ZLIB_LEVEL": "1"}) as srv:
        api = srv.client(srv.admin_token)
        perm, _ = upload_dataset(api, {"t": (table, "TableCSV")})
        _, columnar = fetch(api, perm, "t", "columnar")
        _, csv = fetch(api, perm, "t", "csv")
    exact = cli_convert(tmp_path, "TableCSV", "columnar", table)
    assert columnar != exact and len(columnar) > len(exact)
    assert csv == cli_convert(tmp_path, "columnar", "csv", exact)
    assert csv.startswith(b"n,word,x\r\n0,alpha alpha,0.0\r\n")


def test_a_multi_mib_upload_keeps_its_bytes_in_every_stored_form(owner):
    """Over 1 MiB the gzip copy is compressed in pieces on several threads and the matrix goes
    into extendible datasets: raw_test still gives the uploaded bytes, hdf5 the numbers."""
    rows = [f"r{i}," + ",".join(f"{(i * 31 + j) % 997 / 7:.6g}" for j in range(100))
            for i in range(6000)]
    matrix = ("," + ",".join(f"c{j}" for j in range(100)) + "\n" + "\n".join(rows) + "\n").encode()
    assert len(matrix) > 2 * 2**20 and 6000 * 100 * 8 > 4 * 2**20
    api = owner.client
    perm, _ = upload_dataset(api, {"m": (matrix, "NumericMatrixCSV")})
    _, raw = fetch(api, perm, "m", "raw_test")
    assert raw == matrix
    _, hdf5 = fetch(api, perm, "m", "hdf5")
    data, row_names, col_names = read_matrix(hdf5)
    assert data.shape == (6000, 100) and row_names[5999] == "r5999" and col_names[99] == "c99"
    assert data[123, 7] == float(f"{(123 * 31 + 7) % 997 / 7:.6g}")
    with h5py.File(io.BytesIO(hdf5), "r") as f:
        assert f["data"].chunks is not None  # over one 4 MiB block of values
