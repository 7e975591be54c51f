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
# Each figure is the best of RUNS runs (default 2; the machine's other load varies), and the
# load average at the start is printed. Target: >= 500 MB/s on loopback, hashes included.
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

/usr/bin/python3 - "$dir" "$port" "$mib" "${RUNS:-2}" <<'PY'
import base64, hashlib, hmac, os, subprocess, sys, time, urllib.parse
import boto3, requests
from boto3.s3.transfer import TransferConfig
sys.path.insert(0, "tests/api")
from test_s3_endpoint import sigv4_headers

work, port, mib, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
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

def timed(fn):
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best or 1e9, time.perf_counter() - t)
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
boto_s = timed(lambda: s3.upload_file(src, c["bucket"], key, Config=TransferConfig()))
stored = os.path.join(data_dir, "blobs", key)
assert os.path.getsize(stored) == size

key2 = c["prefix"] + "bench/curl.bin"
url = f"{c['endpointUrl']}/{c['bucket']}/{urllib.parse.quote(key2)}"
h = sigv4_headers(c, "PUT", url, payload_hash="UNSIGNED-PAYLOAD")
args = ["curl", "-sf", "-o", "/dev/null", "-T", src, "-H", "Expect:"]
for k, v in h.items():
    args += ["-H", f"{k}: {v}"]
curl_put_s = timed(lambda: subprocess.run(args + [url], check=True))
assert os.path.getsize(os.path.join(data_dir, "blobs", key2)) == size

# A signed download URL for the stored object, made as LocalUrlSigner makes them.
sk = bytes.fromhex(open(os.path.join(data_dir, "signing-key")).read().strip())
payload = f"b1\n{int(time.time()) + 3600}\n{urllib.parse.quote(key, safe='/-_.~')}\nbench.bin\napplication/octet-stream".encode()
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
for name, s in [("upload boto3 upload_file", boto_s), ("upload curl PUT (UNSIGNED)", curl_put_s),
                ("download curl > /dev/null", get_s), ("download curl | openssl sha256", get_hash_s)]:
    print(f"{name + ':':33s} {rate(s):7.0f} MB/s   ratio to copy {rate(s) / base:.2f}")
ok = min(rate(boto_s), rate(get_s)) >= 500
print(f"target (>= 500 MB/s up with boto3 and down): {'met' if ok else 'NOT met'}")
PY
