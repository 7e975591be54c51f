#!/usr/bin/env bash
# Builds the CsvTokenizer libFuzzer target with clang (-fsanitize=fuzzer,address,undefined)
# and runs it for a bounded time. Usage: src/convert/fuzz/run.sh [seconds=20] [build dir]
# Exits 0 when the run found nothing; otherwise libFuzzer's crash report and input are kept
# in the build dir. Needs clang with libFuzzer (Debian: clang, libclang-rt-dev).
set -euo pipefail
seconds=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${2:-$root/build-fuzz}
mkdir -p "$out/corpus"
if ! command -v clang++ >/dev/null; then
  echo "run.sh: clang++ is not installed (apt-get install clang)" >&2
  exit 2
fi
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) {return 0;}' |
    clang++ -x c++ -fsanitize=fuzzer - -o "$out/probe" 2>/dev/null; then
  echo "run.sh: clang++ here has no -fsanitize=fuzzer (install libclang-rt-dev)" >&2
  exit 2
fi
clang++ -std=c++20 -O1 -g -DTAIGA_CONVERT_FUZZ -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -I"$root/src" \
  "$here/csv_tokenizer_fuzz.cc" "$root/src/convert/csv_tokenizer.cc" \
  "$root/src/convert/text_encoding.cc" "$root/src/common/status.cc" "$root/src/common/utf8.cc" \
  -o "$out/csv_tokenizer_fuzz"
# Seeds: the original's test files and a few tricky records (first two bytes: dialect, read size).
fixtures="$root/../shared/fixtures/taiga2-test-files"
if [ -d "$fixtures" ]; then
  for f in "$fixtures"/*.csv "$fixtures"/*.gct; do
    { printf '\x00\x03'; head -c 4096 "$f"; } > "$out/corpus/seed-$(basename "$f")"
  done
fi
printf '\x00\x01"a""b",c\r\n"x\ry"\rz,\n' > "$out/corpus/seed-quotes"
printf '\x02\x02\xef\xbb\xbfa,\xc3\xa9\n' > "$out/corpus/seed-bom"
cd "$out"
./csv_tokenizer_fuzz -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 corpus
