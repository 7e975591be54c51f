#!/usr/bin/env bash
# Conversion benchmark (DESIGN.md §11; issue #4): on a generated 2000 × 2500 numeric matrix and
# a 300,000-row mixed table (bench/convert_gen.py), in the same run:
#   CSV → HDF5       ours vs pandas.read_csv(index_col=0) + h5py writing the same layout
#   CSV → columnar   ours vs pandas.read_csv (pandas writes nothing; ours also zlib-compresses
#                    every column at level 6, byte for byte as Taiga 2 did) on one core; again
#                    compressing columns on every core (informational: the default in the
#                    server), with zlib level 1 (TAIGA_BENCH_ZLIB_LEVEL, informational: not
#                    byte-compatible) and level 0 (stored blocks: the cost of everything but
#                    compression)
#   HDF5 → CSV, columnar → CSV   ours, and pandas' to_csv of the frames for reference
# Throughput is MB (10^6 bytes) of CSV per second — the input for imports, the output for
# exports — by wall clock and by CPU time (user + sys: the fairer figure on a shared machine).
# Peak RSS from /usr/bin/time -v. Each figure is the best of RUNS runs (default 3).
# Targets: imports >= 250 MB/s and >= 5x pandas, exports >= 150 MB/s, peak RSS < 100 MB.
# The converter is the library's RunConvertCommand, built here from bench/convert_main.cc
# against $BUILD_DIR (default build-conv; configured and built with ninja -j2 if needed).
# Usage: [RUNS=n] [MATRIX=RxC] [TABLE_ROWS=n] [BUILD_DIR=dir] bench/convert.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-conv}
[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja >/dev/null
ninja -C "$build" -j2 taiga_convert taiga_common >/dev/null
tool="$build/taiga-convert-bench"
hdf5_lib=$(pkg-config --libs-only-L hdf5 2>/dev/null || echo -L/usr/lib/x86_64-linux-gnu/hdf5/serial)
hdf5_inc=$(pkg-config --cflags-only-I hdf5 2>/dev/null || echo -I/usr/include/hdf5/serial)
c++ -std=c++20 -O2 -Isrc $hdf5_inc bench/convert_main.cc "$build/src/libtaiga_convert.a" \
  "$build/src/libtaiga_common.a" $hdf5_lib -lhdf5 -lz -o "$tool"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "generating inputs in $dir ..."
/usr/bin/python3 bench/convert_gen.py "$dir" "${MATRIX:-2000x2500}" "${TABLE_ROWS:-300000}"

/usr/bin/python3 - "$dir" "$tool" "${RUNS:-3}" <<'PY'
import os, re, subprocess, sys, time
work, tool, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
P = lambda name: os.path.join(work, name)

def measure(argv, env=None):
    """Best wall and CPU seconds over the runs, peak RSS (MB), and the program's stdout."""
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-v"] + argv, capture_output=True, text=True,
                           env=dict(os.environ, **(env or {})))
        wall = time.perf_counter() - t
        if r.returncode != 0:
            sys.exit(f"failed: {' '.join(argv)}\n{r.stdout}{r.stderr}")
        user = float(re.search(r"User time \(seconds\): ([\d.]+)", r.stderr).group(1))
        system = float(re.search(r"System time \(seconds\): ([\d.]+)", r.stderr).group(1))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
        m = re.search(r"SECONDS ([\d.]+) CPU ([\d.]+)", r.stdout)  # pandas: its own timing
        if m:
            wall, cpu = float(m.group(1)), float(m.group(2))
        else:
            cpu = user + system
        if best is None or wall < best[0]:
            best = (wall, min(cpu, best[1]) if best else cpu, rss / 1024, r.stdout)
        elif cpu < best[1]:
            best = (best[0], cpu, best[2], best[3])
    return best

PANDAS = {
    "matrix_import": """
import h5py, pandas as pd
df = pd.read_csv(%r, index_col=0)
with h5py.File(%r, "w") as f:
    f.create_dataset("data", data=df.values.astype("d"))
    s = h5py.special_dtype(vlen=bytes)
    f.create_dataset("dim_0", data=[str(x).encode() for x in df.index], dtype=s)
    f.create_dataset("dim_1", data=[str(x).encode() for x in df.columns], dtype=s)
""" % (P("matrix.csv"), P("pandas.hdf5")),
    "table_import": "import pandas as pd\ndf = pd.read_csv(%r)\n" % P("table.csv"),
    "matrix_export": "import h5py, pandas as pd\nf = h5py.File(%r)\n" % P("matrix.hdf5")
        + "df = pd.DataFrame(f['data'][:], index=[x.decode() for x in f['dim_0']], "
        + "columns=[x.decode() for x in f['dim_1']])\nSTART\ndf.to_csv(%r)\n" % P("pandas_m.csv"),
    "table_export": "import pandas as pd\ndf = pd.read_csv(%r)\nSTART\n" % P("table.csv")
        + "df.to_csv(%r, index=False)\n" % P("pandas_t.csv"),
}

def pandas(key):
    code = PANDAS[key]
    if "START" not in code:
        code = "START\n" + code
    pre, body = code.split("START\n")
    script = ("import time\n" + pre + "t0 = time.perf_counter(); c0 = time.process_time()\n" + body
              + "print('SECONDS %f CPU %f' % (time.perf_counter() - t0, time.process_time() - c0))\n")
    return measure(["/usr/bin/python3", "-c", script])

size = lambda name: os.path.getsize(P(name)) / 1e6
rows = []
def row(label, mb, ours, base=None, target=None, rss_limit=100):
    wall, cpu, rss, _ = ours
    line = [label, f"{mb:7.1f} MB", f"{mb / wall:7.1f} MB/s", f"{mb / cpu:7.1f} MB/s", f"{rss:6.1f} MB"]
    if base:
        line.append(f"pandas {mb / base[0]:6.1f} MB/s ({base[2]:5.0f} MB) -> x{base[0] / wall:4.1f}")
    else:
        line.append("")
    ok = []
    if target:
        ok.append(f"{'ok' if mb / wall >= target else 'BELOW'} >= {target}")
    ok.append(f"RSS {'ok' if rss < rss_limit else 'OVER'}")
    line.append(", ".join(ok))
    rows.append(line)

ours = measure([tool, "NumericMatrixCSV", "hdf5", P("matrix.csv"), P("matrix.hdf5")])
print("matrix:", ours[3].strip())
row("CSV -> HDF5 (matrix)", size("matrix.csv"), ours, pandas("matrix_import"), 250)
ours = measure([tool, "TableCSV", "columnar", P("table.csv"), P("table.columnar")],
               {"TAIGA_BENCH_COMPRESSION_THREADS": "1"})
print("table: ", ours[3].splitlines()[0])
pt = pandas("table_import")
row("CSV -> columnar (zlib 6, exact)", size("table.csv"), ours, pt, 250)
ours = measure([tool, "TableCSV", "columnar", P("table.csv"), P("table.columnar")])
row("  same, all cores (info)", size("table.csv"), ours, pt)
ours = measure([tool, "TableCSV", "columnar", P("table.csv"), P("table1.columnar")],
               {"TAIGA_BENCH_ZLIB_LEVEL": "1", "TAIGA_BENCH_COMPRESSION_THREADS": "1"})
row("CSV -> columnar (zlib 1, info)", size("table.csv"), ours, pt, 250)
ours = measure([tool, "TableCSV", "columnar", P("table.csv"), P("table0.columnar")],
               {"TAIGA_BENCH_ZLIB_LEVEL": "0", "TAIGA_BENCH_COMPRESSION_THREADS": "1"})
row("  zlib 0 = stored, the parsing alone (info)", size("table.csv"), ours, pt)
ours = measure([tool, "hdf5", "csv", P("matrix.hdf5"), P("matrix.out.csv")])
row("HDF5 -> CSV (matrix)", size("matrix.out.csv"), ours, pandas("matrix_export"), 150)
ours = measure([tool, "columnar", "csv", P("table.columnar"), P("table.out.csv")])
row("columnar -> CSV (table)", size("table.out.csv"), ours, pandas("table_export"), 150)

print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (2 cores shared); best of {runs} runs")
head = ["conversion", "CSV size", "ours wall", "ours CPU", "peak RSS", "same run, pandas", "targets"]
widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
for r in [head] + rows:
    print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
PY
