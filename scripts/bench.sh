#!/usr/bin/env bash
# Benchmarks coa side by side with references measured in the same run: start-up against
# lua5.4, batch throughput against a plain Python script, peak memory over 10,000 and
# 100,000 incidents, and coa-bench's in-process figures. Each figure comes with its ratio.
# Usage: scripts/bench.sh   (BENCH_SCRATCH=DIR builds under DIR; BENCH_QUICK=1 runs less)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'bench: %s\n' "$*" >&2; }
fatal() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

for tool in python3 lua5.4; do
  command -v "$tool" > /dev/null || fatal "$tool is needed (apt-get install -y python3 lua5.4)"
done

build_flags=(-c release --static-swift-stdlib)
if [[ -n "${BENCH_SCRATCH:-}" ]]; then build_flags+=(--scratch-path "$BENCH_SCRATCH"); fi
log "building: swift build ${build_flags[*]}"
swift build "${build_flags[@]}" > /dev/null || fatal "the release build failed"
bin="$(swift build "${build_flags[@]}" --show-bin-path)"
coa="$bin/coa"

quick="${BENCH_QUICK:-}"
runs_startup=200
runs_batch=3
incidents=10000
if [[ -n "$quick" ]]; then runs_startup=50; runs_batch=1; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tools=(python3 scripts/bench_tools.py)
batch=("$coa" batch playbooks/T1569.002.lua --integrations examples/integrations.json)

# ratio A B: A / B with two decimals; met GOAL_OP GOAL RATIO: "met" or "MISSED".
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
met() { awk -v r="$3" -v g="$2" -v op="$1" \
  'BEGIN { ok = (op == "<=") ? r <= g : r >= g; print ok ? "met" : "MISSED" }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.2f ms", s * 1000 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d/s", n / s }'; }
figure() { printf '%-34s%s\n' "$1" "$2"; }

log "generating $incidents incidents"
python3 scripts/gen_incidents.py "$incidents" > "$work/incidents.jsonl"
bytes=$(wc -c < "$work/incidents.jsonl")

echo "coa benchmarks: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown)"
echo "(shared machines are noisy: ratios are measured in the same run, medians of runs)"
echo

# a. Start-up: the whole process, coa run on the shipped example against lua5.4 -e ''.
run=("$coa" run T1569.002 --playbooks playbooks --incident examples/incident.json
  --integrations examples/integrations.json --format json)
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 20 --runs "$runs_startup" --export-json "$work/startup.json" \
    "${run[*]}" "lua5.4 -e ''" > /dev/null 2>&1 || fatal "hyperfine failed"
  read -r coa_start lua_start < <(python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(results[0]["median"], results[1]["median"])' "$work/startup.json")
  how="hyperfine median of $runs_startup"
else
  coa_start=$("${tools[@]}" startup "$runs_startup" "${run[@]}")
  lua_start=$("${tools[@]}" startup "$runs_startup" lua5.4 -e '')
  how="median of $runs_startup fork/exec"
fi
r=$(ratio "$coa_start" "$lua_start")
goal="(goal <= 3.00x: $(met '<=' 3 "$r"))"
figure "start-up: coa run vs lua5.4 -e ''" \
  "$(ms "$coa_start") vs $(ms "$lua_start") ($how)  ratio ${r}x  $goal"

# b. Throughput: 10,000 incidents of about 5 KB through T1569.002.
python=(python3 scripts/reference_batch.py examples/integrations.json)
py_time=$("${tools[@]}" wall "$runs_batch" "$work/incidents.jsonl" "${python[@]}")
one_time=$("${tools[@]}" wall "$runs_batch" "$work/incidents.jsonl" "${batch[@]}" --jobs 1)
two_time=$("${tools[@]}" wall "$runs_batch" "$work/incidents.jsonl" "${batch[@]}" --jobs 2)
size=$(awk -v b="$bytes" -v n="$incidents" 'BEGIN { printf "%.1f KB", b / n / 1000 }')
figure "throughput: python3 reference" \
  "$(rate "$incidents" "$py_time") ($incidents incidents of $size, median of $runs_batch)"
r=$(ratio "$py_time" "$one_time")
figure "throughput: coa batch --jobs 1" \
  "$(rate "$incidents" "$one_time")  ratio ${r}x vs python3  (goal >= 2.00x: $(met '>=' 2 "$r"))"
r=$(ratio "$one_time" "$two_time")
figure "throughput: coa batch --jobs 2" \
  "$(rate "$incidents" "$two_time")  ratio ${r}x vs --jobs 1  (goal >= 1.80x: $(met '>=' 1.8 "$r"))"

# c. Memory: peak RSS over 10,000 and 100,000 incidents (the same lines fed 1 and 10 times
# through a pipe, so input arrives as it is read).
small=$("${tools[@]}" rss 1 "$work/incidents.jsonl" "${batch[@]}")
large=$("${tools[@]}" rss 10 "$work/incidents.jsonl" "${batch[@]}")
r=$(ratio "$large" "$small")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
under=$(awk -v k="$large" -v r="$r" \
  'BEGIN { print (k < 64 * 1024 && r <= 1.25) ? "met" : "MISSED" }')
figure "peak RSS: coa batch" "$(mib "$small") at 10,000, $(mib "$large") at 100,000 \
 ratio ${r}x  (goal < 64 MiB, flat within 1.25x: $under)"
echo

# d. In-process figures, with CPython's json on the same 5 KB file as the JSON reference.
fixture=Tests/CoaJSONTests/Fixtures/incident-5k.json
py_json=$("${tools[@]}" json "$fixture")
"$bin/coa-bench" --incident "$fixture" --python-json-seconds "$py_json"
