#!/usr/bin/env bash
# sfn-asl parse + validate against asl-validator, both measured in this one run on the shared
# workload (gen_workload.py with 10, 100 and 1000 stages). Prints a table of times and ratios.
#
#   scripts/bench-validator.sh            # REPEAT=5 peer validations, RUNS=10 whole-process runs
#
# Needs python3, node + npm (the peer is installed from the npm registry into $WORK/peers, never
# into the repository) and the shared peers folder (../shared/peers, or SFN_PEERS_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
peers_src=${SFN_PEERS_DIR:-$root/../shared/peers}
work=${WORK:-${TMPDIR:-/tmp}/sfn-bench}
target=${CARGO_TARGET_DIR:-$root/target}
repeat=${REPEAT:-5}
runs=${RUNS:-10}
stages=(10 100 1000)

for tool in python3 node npm cargo; do
  command -v "$tool" >/dev/null || { echo "bench-validator: $tool is required" >&2; exit 2; }
done
[ -f "$peers_src/gen_workload.py" ] || { echo "bench-validator: no $peers_src/gen_workload.py" >&2; exit 2; }
mkdir -p "$work"

echo "== workloads in $work"
for n in "${stages[@]}"; do
  python3 "$peers_src/gen_workload.py" "$n" > "$work/stages-$n.asl.json"
done

echo "== asl-validator (npm ci in $work/peers)"
if [ ! -d "$work/peers/node_modules/asl-validator" ]; then
  rm -rf "$work/peers"
  cp -r "$peers_src" "$work/peers"
  (cd "$work/peers" && npm ci --no-audit --no-fund >/dev/null)
fi

echo "== sfn-asl: cargo bench -p sfn-asl --bench validate parse_validate"
SFN_PEERS_DIR="$peers_src" cargo bench -q -p sfn-asl --bench validate -- parse_validate \
  | grep -E '^parse_validate|time:' || true

echo "== the sfn binary (release)"
cargo build -q --release -p sfn-cli
sfn="$target/release/sfn"

echo "== measuring the peer and whole processes"
WORK="$work" TARGET="$target" SFN="$sfn" REPEAT="$repeat" RUNS="$runs" STAGES="${stages[*]}" \
python3 - <<'PY'
import json, os, statistics, subprocess, time

work, target, sfn = os.environ["WORK"], os.environ["TARGET"], os.environ["SFN"]
repeat, runs = os.environ["REPEAT"], int(os.environ["RUNS"])
peers = os.path.join(work, "peers")

def criterion_ms(n):
    path = os.path.join(target, "criterion", "parse_validate", str(n), "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["mean"]["point_estimate"] / 1e6

def peer_ms(file):
    out = subprocess.run(["node", "asl_validator_bench.js", file, repeat], cwd=peers,
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["valid"], result
    return result["ms_per_validation"]

def process_ms(argv, cwd=None, ok=(0,)):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        code = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL).returncode
        times.append((time.perf_counter() - t) * 1e3)
        assert code in ok, (argv, code)
    return statistics.median(times)

rows = []
for n in os.environ["STAGES"].split():
    file = os.path.join(work, f"stages-{n}.asl.json")
    ours, theirs = criterion_ms(n), peer_ms(file)
    # 1 for 1000 stages: 1.7 MB is over AWS's 1 MiB limit (asl-validator does not check size).
    sfn_proc = process_ms([sfn, "validate", file], ok=(0, 1))
    node_proc = process_ms(["node", "asl_validator_bench.js", file, "1"], cwd=peers)
    rows.append((n, os.path.getsize(file), ours, theirs, sfn_proc, node_proc))

print()
print(f"{'stages':>6} {'bytes':>9} | {'sfn-asl':>10} {'asl-validator':>14} {'ratio':>8} | "
      f"{'sfn validate':>13} {'node':>9} {'ratio':>7}")
print(f"{'':>6} {'':>9} | {'in-process, ms per validation':^34} | {'whole process, ms (median)':^31}")
for n, size, ours, theirs, sfn_proc, node_proc in rows:
    print(f"{n:>6} {size:>9} | {ours:>10.3f} {theirs:>14.1f} {theirs / ours:>7.0f}x | "
          f"{sfn_proc:>13.1f} {node_proc:>9.1f} {node_proc / sfn_proc:>6.0f}x")
PY
