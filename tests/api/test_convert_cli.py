"""`taiga convert` runs the conversion library offline: CSV tables to the columnar format and back
with Taiga 2's export formatting, numeric matrices to HDF5 (read back with h5py as taigapy does),
and clear failures for bad input or unknown conversions."""
import os
import subprocess

import h5py
import numpy as np
import pytest

from conftest import _taiga_bin


def convert(tmp_path, frm, to, data, name="in"):
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / (name + "." + to)
    r = subprocess.run([_taiga_bin(), "convert", "--from", frm, "--to", to, str(src), str(out)],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    return r, out


def test_table_round_trip_uses_taiga2_formatting(tmp_path):
    r, columnar = convert(tmp_path, "TableCSV", "columnar", b"a,b,c\n1,x,0.5\n2,\"y, z\",NA\n")
    assert r.returncode == 0, r.stderr
    r, csv = convert(tmp_path, "columnar", "csv", columnar.read_bytes(), name="back")
    assert r.returncode == 0, r.stderr
    assert csv.read_bytes() == b'a,b,c\r\n1,x,0.5\r\n2,"y, z",NA\r\n'


def test_matrix_to_hdf5_reads_back_like_taigapy(tmp_path):
    r, h5 = convert(tmp_path, "NumericMatrixCSV", "hdf5", b",c1,c2\nr1,1,2.5\nr2,NA,4\n")
    assert r.returncode == 0, r.stderr
    with h5py.File(h5, "r") as f:
        data = f["data"][:]
        rows = [x.decode() if isinstance(x, bytes) else x for x in f["dim_0"][:]]
        cols = [x.decode() if isinstance(x, bytes) else x for x in f["dim_1"][:]]
    assert rows == ["r1", "r2"] and cols == ["c1", "c2"]
    assert data[0].tolist() == [1.0, 2.5] and np.isnan(data[1][0]) and data[1][1] == 4.0


def test_bad_input_fails_with_a_message_and_unknown_conversions_exit_2(tmp_path):
    r, _ = convert(tmp_path, "TableCSV", "columnar", b"a,b\n1,2\n3,4,5,6\n")
    assert r.returncode == 1 and "line" in r.stderr.lower(), r.stderr
    r, _ = convert(tmp_path, "TableCSV", "columnar", b"")
    assert r.returncode == 1 and "empty" in r.stderr, r.stderr
    r, _ = convert(tmp_path, "TableCSV", "gct", b"a\n1\n")
    assert r.returncode == 2, r.stderr
