#!/usr/bin/env bash
# Byte-path benchmark (DESIGN.md §11): a generated file (default 1 GiB) uploaded through the
# embedded S3 endpoint and downloaded through a signed /blob/ URL on loopback, quoted as ratios
# of a plain local copy of the same bytes (dd with fsync, as the store fsyncs) in the same run.
#   upload (boto3)     upload_file as taigapy calls it: 8 MiB parts, 10 threads, SHA-256 and
#                      Content-MD5 per part, verified by the server (which hashes SHA-256 + MD5
#                      of everything it stores), then the parts concatenated into the object
#   upload (curl PUT)  one PutObject streamed by curl with UNSIGNED-PAYLOAD (server hashes only)
#   download (curl)    the signed URL to /dev/null (sendfile), and once more through
#                      `openssl dgst -sha256` (the client checking what it got)
#   upload (boto3 1 thread)  upload_file with max_concurrency=1: one part at a time
# Each figure is the best of RUNS runs (default 2; the machine's other load varies), and the
# load average at the start is printed. Beside each upload: the CPU seconds the server and the
# client spent on that best run (client and server share the cores, so their sum bounds the
# rate). Target: >= 500 MB/s on loopback, hashes included.
# Usage: [RUNS=n] bench/upload_download.sh [MiB, default 1024]
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
bin=${TAIGA_BIN:-build/taiga}
[ -x "$bin" ] || { echo "build first: make build" >&2; exit 1; }

dir=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TAIGA_ACCESS_LOG=false TAIGA_WORKERS_THREADS=0 "$bin" serve --data-dir "$dir/data" \
  --listen 127.0.0.1:"$port" >"$dir/out.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

/usr/bin/python3 - "$dir" "$port" "$mib" "${RUNS:-2}" "$pid" <<'PY'
import base64, hashlib, hmac, os, subprocess, sys, time, urllib.parse
import boto3, requests
from boto3.s3.transfer import TransferConfig
sys.path.insert(0, "tests/api")
from test_s3_endpoint import sigv4_headers

work, port, mib, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
server_pid = int(sys.argv[5])
data_dir = os.path.join(work, "data")
size = mib << 20
src = os.path.join(work, "input.bin")
with open(src, "wb") as f:  # incompressible, generated fast
    block = os.urandom(16 << 20)
    for i in range(0, size, len(block)):
        f.write(block[: min(len(block), size - i)])
        block = hashlib.sha512(block[:64]).digest() + block[64:]
want_sha = hashlib.sha256(open(src, "rb").read()).hexdigest()

def rate(seconds):
    return size / seconds / 1e6

def cpu_seconds():
    """(server, client) CPU seconds so far: the server process, and this script with the
    commands it ran (curl, dd)."""
    fields = open(f"/proc/{server_pid}/stat").read().rsplit(")", 1)[1].split()
    server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    me = os.times()
    return server, me.user + me.system + me.children_user + me.children_system

cpu = {}  # name -> (server, client) CPU seconds of its best run

def timed(fn, name=None):
    best = None
    for _ in range(runs):
        c0 = cpu_seconds()
        t = time.perf_counter()
        fn()
        dt = time.perf_counter() - t
        c1 = cpu_seconds()
        if best is None or dt < best:
            best = dt
            if name:
                cpu[name] = (c1[0] - c0[0], c1[1] - c0[1])
    return best

load = os.getloadavg()[0]

# Baseline: a plain local copy of the same (cached) bytes, made durable like the store does.
copy_s = timed(lambda: subprocess.run(["dd", f"if={src}", f"of={work}/copy.bin", "bs=1M",
                                       "conv=fsync", "status=none"], check=True))
os.unlink(f"{work}/copy.bin")

api = f"http://127.0.0.1:{port}/taiga/api"
token = open(os.path.join(data_dir, "admin-token")).read().strip()
c = requests.get(api + "/credentials_s3", headers={"Authorization": "Bearer " + token}).json()
s3 = boto3.client("s3", aws_access_key_id=c["accessKeyId"], aws_secret_access_key=c["secretAccessKey"],
                  aws_session_token=c["sessionToken"], endpoint_url=c["endpointUrl"], region_name="us-east-1")
key = c["prefix"] + "bench/boto3.bin"
boto_s = timed(lambda: s3.upload_file(src, c["bucket"], key, Config=TransferConfig()),
               "upload boto3 upload_file")
stored = os.path.join(data_dir, "blobs", key)
assert os.path.getsize(stored) == size
boto1_s = timed(lambda: s3.upload_file(src, c["bucket"], key + ".1", Config=TransferConfig(
    max_concurrency=1)), "upload boto3 1 thread")
assert os.path.getsize(stored + ".1") == size
os.unlink(stored + ".1")

key2 = c["prefix"] + "bench/curl.bin"
url = f"{c['endpointUrl']}/{c['bucket']}/{urllib.parse.quote(key2)}"
h = sigv4_headers(c, "PUT", url, payload_hash="UNSIGNED-PAYLOAD")
args = ["curl", "-sf", "-o", "/dev/null", "-T", src, "-H", "Expect:"]
for k, v in h.items():
    args += ["-H", f"{k}: {v}"]
curl_put_s = timed(lambda: subprocess.run(args + [url], check=True), "upload curl PUT (UNSIGNED)")
assert os.path.getsize(os.path.join(data_dir, "blobs", key2)) == size

# A signed download URL for the stored object, made as LocalUrlSigner makes them.
sk = bytes.fromhex(open(os.path.join(data_dir, "signing-key")).read().strip())
payload = (f"b2\n{int(time.time()) + 3600}\n{urllib.parse.quote(key, safe='/-_.~')}\nbench.bin\n"
           "application/octet-stream\n").encode()  # b2: the last line is the content encoding
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
dl = f"http://127.0.0.1:{port}/taiga/blob/{b64(payload)}.{b64(hmac.new(sk, payload, hashlib.sha256).digest())}"
get_s = timed(lambda: subprocess.run(["curl", "-sf", "-o", "/dev/null", dl], check=True))
got_sha = None
def get_and_hash():
    global got_sha
    got_sha = subprocess.run(f"curl -sf '{dl}' | openssl dgst -sha256 -r", shell=True,
                             check=True, capture_output=True, text=True).stdout.split()[0]
get_hash_s = timed(get_and_hash)
assert got_sha == want_sha, "downloaded bytes differ"

base = rate(copy_s)
print(f"{mib} MiB, best of {runs}; {os.cpu_count()} cores shared by client and server; "
      f"load average at start {load:.1f}")
print(f"baseline dd copy (fsync):          {base:7.0f} MB/s")
for name, s in [("upload boto3 upload_file", boto_s), ("upload boto3 1 thread", boto1_s),
                ("upload curl PUT (UNSIGNED)", curl_put_s),
                ("download curl > /dev/null", get_s), ("download curl | openssl sha256", get_hash_s)]:
    line = f"{name + ':':33s} {rate(s):7.0f} MB/s   ratio to copy {rate(s) / base:.2f}"
    if name in cpu:
        line += f"   cpu s: server {cpu[name][0]:.2f} client {cpu[name][1]:.2f}"
    print(line)
for name, s in [("upload boto3 upload_file", boto_s), ("upload curl PUT", curl_put_s),
                ("download curl", get_s)]:
    print(f"target >= 500 MB/s, {name}: {'met' if rate(s) >= 500 else 'NOT met'}")
PY
