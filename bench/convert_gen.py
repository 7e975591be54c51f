"""Generates the convert benchmark's inputs (bench/convert.sh): a numeric matrix CSV (pandas
style header, 2% NA/empty cells, values as repr of random doubles of mixed magnitude) and a
mixed table CSV (int id, int with missing values, float, bool, short and longer text, a date
as text). Deterministic (seeded). Usage: convert_gen.py OUTDIR ROWSxCOLS TABLE_ROWS"""
import os
import random
import sys

out, shape, table_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows, cols = map(int, shape.split("x"))
rng = random.Random(42)

with open(os.path.join(out, "matrix.csv"), "w", newline="") as f:
    f.write("," + ",".join("COL%05d" % j for j in range(cols)) + "\n")
    # A pool of formatted values keeps generation fast; rows draw from it at random offsets.
    pool = []
    for _ in range(100003):
        r = rng.random()
        if r < 0.01:
            pool.append("NA")
        elif r < 0.02:
            pool.append("")
        elif r < 0.6:
            pool.append(repr(rng.gauss(0, 3)))
        else:
            pool.append("%.6g" % (rng.random() * 10 ** rng.randint(-3, 6)))
    n = len(pool)
    for i in range(rows):
        k = rng.randrange(n)
        vals = [pool[(k + 7 * j) % n] for j in range(cols)]
        f.write("ROW%06d," % i + ",".join(vals) + "\n")

words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
with open(os.path.join(out, "table.csv"), "w", newline="") as f:
    f.write("id,count,score,flag,label,description,day,ratio\n")
    for i in range(table_rows):
        count = "NA" if rng.random() < 0.05 else str(rng.randint(0, 100000))
        score = repr(rng.gauss(50, 20))
        flag = rng.choice(["True", "False"])
        label = rng.choice(words)
        desc = " ".join(rng.choice(words) for _ in range(rng.randint(2, 8)))
        if rng.random() < 0.1:
            desc = '"' + desc + ', with a comma"'
        day = "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        ratio = "" if rng.random() < 0.03 else "%.4f" % rng.random()
        f.write(f"{i},{count},{score},{flag},{label},{desc},{day},{ratio}\n")
