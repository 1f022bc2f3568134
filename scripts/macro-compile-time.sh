#!/usr/bin/env bash
# How much time a `workflow!` adds to an incremental build.
#
# Generates a throwaway crate (outside the workspace) depending on sfn-dsl, builds it once, then
# for each variant — no macro (baseline), a 100-state and a 500-state `workflow!` — touches the
# source and times `cargo build` RUNS times, printing the median. The difference to the baseline
# is what the macro costs (its parse, sfn-asl parse + validate, and the code it generates).
#
# Usage: scripts/macro-compile-time.sh [RUNS]   (default 5; PROFILE=release for release builds;
#        SIZES="100 500 2000" for other workflow sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-5}
profile_flag=()
if [ "${PROFILE:-dev}" = release ]; then profile_flag=(--release); fi
work=${CARGO_TARGET_DIR:-$root/target}/macro-compile-time
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "macro-compile-time"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
sfn-dsl = { path = "$root/sfn-dsl" }

[workspace]
TOML
export CARGO_TARGET_DIR="$work/target"

# A realistic state: Task with Retry and Catch; every fifth a Choice; ends in Succeed/Fail.
states() {
  local n=$1 i
  for ((i = 0; i < n - 2; i++)); do
    local next="S$((i + 1))"
    [ $((i + 1)) -eq $((n - 2)) ] && next=Done
    if [ $((i % 5)) -eq 4 ]; then
      echo "        S$i: choice { when \"\$.n\" > $i => $next, when \"\$.kind\" == \"skip\" && is_present(\"\$.id\") => $next, default: Failed },"
    else
      echo "        S$i: task {"
      echo "            resource: \"arn:aws:lambda:us-east-1:123456789012:function:Step$i\","
      echo "            timeout_seconds: 30,"
      echo "            parameters: { \"Payload.\$\": \"\$\", Step: $i },"
      echo "            result_path: \"\$.s$i\","
      echo "            retry: [{ error_equals: [\"States.TaskFailed\"], interval_seconds: 2, max_attempts: 3, backoff_rate: 2.0 }],"
      echo "            catch: [{ error_equals: [\"States.ALL\"], result_path: \"\$.error\", next: Failed }],"
      echo "            next: $next,"
      echo "        },"
    fi
  done
  echo "        Done: succeed,"
  echo "        Failed: fail { error: \"Failed\" },"
}

variant() {
  case $1 in
    0) echo 'pub fn json() -> &'"'"'static str { "{}" }' ;;
    *) echo "pub fn json() -> &'static str {"
       echo "    let wf = sfn_dsl::workflow! {"
       states "$1"
       echo "    };"
       echo "    wf.json()"
       echo "}" ;;
  esac
}

build() { cargo build -q --manifest-path "$work/Cargo.toml" "${profile_flag[@]}" 2>&1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "warming up (first build compiles sfn-dsl, sfn-macros and their dependencies)..."
variant 0 > "$work/src/lib.rs"
build
declare -A result
sizes=${SIZES:-100 500}
for n in 0 $sizes; do
  variant "$n" > "$work/src/lib.rs"
  build # compile once so only the touch-rebuild is timed
  times=()
  for ((r = 0; r < runs; r++)); do
    touch "$work/src/lib.rs"
    start=$(date +%s.%N)
    build
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  done
  result[$n]=$(printf '%s\n' "${times[@]}" | median)
done
printf 'incremental rebuild, median of %d (%s profile):\n' "$runs" "${PROFILE:-dev}"
printf '  no workflow!        %6.3f s\n' "${result[0]}"
for n in $sizes; do
  printf '  %d-state workflow! %6.3f s  (+%.3f s)\n' "$n" "${result[$n]}" \
    "$(awk -v a="${result[0]}" -v b="${result[$n]}" 'BEGIN { print b - a }')"
done
