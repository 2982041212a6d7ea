#!/usr/bin/env bash
# Benchmarks timeline on generated corpora: wall time, peak memory, MB/s and events/s for
# extract, events and build (cold, warm cache, one article changed), against baselines measured
# in the same run (cat and wc -w over the same files).
#
# Usage: bench/run.sh [N...]              (default: 1000 10000 100000)
#        INCREMENTAL_MAX=N                 rebuild (warm, one changed) only corpora of up to N articles
#                                          (default 10000)
#        PROFILE=N bench/run.sh [N...]     also profile a build of N articles (CPU, allocations and the
#                                          heap near its peak, through the Go benchmark BenchmarkBuild):
#                                          bench/out/N/{cpu,mem,peak-heap}.pprof, summary in profile.txt
#
# Corpora are generated once into bench/out/N/content (seed 1) and reused; results go to
# bench/out/results.md (a Markdown table) and to the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 100000)
out=bench/out
mkdir -p "$out"

if [[ ! -x /usr/bin/time ]]; then
  echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi

echo "== building" >&2
go build -o "$out/timeline" ./cmd/timeline
go build -o "$out/gen" ./bench/gen
bin=$(cd "$out" && pwd)/timeline

# measure OUT ERR CMD...: runs CMD under /usr/bin/time with its output to OUT and ERR (stdin
# passes through), and prints "seconds max_rss_mb exit_code cpu_seconds" (cpu: user + system). A failing command is reported, not
# fatal: the other steps still run.
measure() {
  local out=$1 err=$2 tf t0 t1 code=0
  shift 2
  tf=$(mktemp)
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M %U %S' -o "$tf" "$@" >"$out" 2>"$err" || code=$?
  t1=$EPOCHREALTIME
  awk -v t0="$t0" -v t1="$t1" -v code="$code" 'NR == 1 {printf "%.3f %.0f %d %.2f\n", t1 - t0, $1/1024, code, $2 + $3}' "$tf"
  rm -f "$tf"
}

results=$out/results.md
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores (load average before: $(cut -d' ' -f1-3 /proc/loadavg)), $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo '+changes'), $(go version | cut -d' ' -f3)."
  echo
  echo "| articles | MB | step | wall s | CPU s | peak MB | MB/s | events/s | × cat | × wc -w | notes |"
  echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$results"

for n in "${sizes[@]}"; do
  dir=$out/$n
  content=$dir/content
  if [[ "$(cat "$dir/.generated" 2>/dev/null)" != "n=$n seed=1" ]]; then
    echo "== generating $n articles" >&2
    rm -rf "$content" && mkdir -p "$content"
    "$out/gen" -n "$n" -seed 1 -out "$content"
    echo "n=$n seed=1" >"$dir/.generated"
  fi
  cat >"$dir/site.toml" <<EOF
title = "Benchmark: $n generated articles"
content = "content"
output = "public"
EOF
  mb=$(du -sb "$content" --apparent-size | awk '{printf "%.1f", $1/1e6}')
  files=$(find "$content" -type f \( -name '*.md' -o -name '*.txt' \) | sort)
  # Warm the page cache so every step reads from memory alike.
  xargs cat <<<"$files" >/dev/null

  read -r cat_s cat_mb _ cat_cpu < <(measure /dev/null /dev/null sh -c 'xargs cat' <<<"$files")
  read -r wc_s wc_mb _ wc_cpu < <(measure /dev/null /dev/null sh -c 'xargs cat | wc -w' <<<"$files")

  row() { # step seconds peak_mb events notes [exit_code [cpu_seconds]]
    local notes=$5
    [[ "${6:-0}" == 0 ]] || notes="FAILED (exit $6): $(tail -1 "$dir/${step_log:-x}" 2>/dev/null | cut -c1-120)"
    awk -v n="$n" -v mb="$mb" -v step="$1" -v s="$2" -v peak="$3" -v ev="$4" -v notes="$notes" -v cat="$cat_s" -v wc="$wc_s" -v cpu="${7:--}" 'BEGIN {
      mbs = s > 0 ? sprintf("%.1f", mb / s) : "-"
      evs = (ev != "" && s > 0) ? sprintf("%.0f", ev / s) : "-"
      xc = cat > 0 ? sprintf("%.0f", s / cat) : "-"
      s = sprintf("%.2f", s)
      xw = wc > 0 ? sprintf("%.1f", s / wc) : "-"
      printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", n, mb, step, s, cpu, peak, mbs, evs, xc, xw, notes }' | tee -a "$results"
  }
  # phases LOG: the build's own split of its time, from its summary line.
  phases() { grep -o 'reading [^)]*' "$dir/$1" 2>/dev/null | tail -1; }
  row "cat (baseline)" "$cat_s" "$cat_mb" "" "" 0 "$cat_cpu"
  row "wc -w (baseline)" "$wc_s" "$wc_mb" "" "" 0 "$wc_cpu"

  echo "== $n: extract" >&2
  step_log=extract.log
  read -r s peak code cpu < <(measure "$dir/extract.jsonl" "$dir/extract.log" "$bin" extract "$content")
  timexes=$(wc -l <"$dir/extract.jsonl")
  row "extract" "$s" "$peak" "" "$timexes expressions" "$code" "$cpu"

  echo "== $n: events" >&2
  step_log=events.log
  read -r s peak code cpu < <(measure "$dir/events.jsonl" "$dir/events.log" "$bin" events --format jsonl "$content")
  evcount=$(wc -l <"$dir/events.jsonl")
  row "events" "$s" "$peak" "$evcount" "$evcount events" "$code" "$cpu"

  echo "== $n: build (cold)" >&2
  # The previous site and cache are moved aside and deleted at the end: deleting tens of
  # thousands of files right before a build slows the file system (online discard) and
  # would be measured as the build's time.
  trash=$(mktemp -d "$out/.trash-XXXXXX")
  for old in public .timeline-cache; do if [[ -e "$dir/$old" ]]; then mv "$dir/$old" "$trash/"; fi; done
  step_log=build.log
  read -r s peak code cpu < <(measure /dev/null "$dir/build.log" "$bin" build --config "$dir/site.toml")
  pages=$(find "$dir/public" -name '*.html' 2>/dev/null | wc -l)
  row "build, cold" "$s" "$peak" "$evcount" "$pages pages; $(phases build.log)" "$code" "$cpu"

  if (( n > ${INCREMENTAL_MAX:-10000} )); then
    continue # the rebuilds take as long as the cold build there; INCREMENTAL_MAX=N to run them
  fi

  echo "== $n: build (nothing changed)" >&2
  step_log=build-warm.log
  read -r s peak code cpu < <(measure /dev/null "$dir/build-warm.log" "$bin" build --config "$dir/site.toml")
  row "build, warm" "$s" "$peak" "$evcount" "$(phases build-warm.log)" "$code" "$cpu"

  echo "== $n: build (one article changed)" >&2
  one=$(head -1 <<<"$files")
  cp "$one" "$dir/.saved"
  printf '\nThe ministry said on Tuesday that talks would resume next week.\n' >>"$one"
  step_log=build-one.log
  read -r s peak code cpu < <(measure /dev/null "$dir/build-one.log" "$bin" build --config "$dir/site.toml")
  cp "$dir/.saved" "$one" && rm "$dir/.saved"
  row "build, 1 changed" "$s" "$peak" "$evcount" "$(phases build-one.log)" "$code" "$cpu"
done
rm -rf "$out"/.trash-*

if [[ -n "${PROFILE:-}" ]]; then
  dir=$(cd "$out/$PROFILE" && pwd)
  echo "== profiling a build of $PROFILE articles" >&2
  TIMELINE_BENCH_DIR=$dir TIMELINE_PEAK_HEAP=$dir/peak-heap.pprof go test ./bench -run '^$' -bench '^BenchmarkBuild$' -benchtime 1x -benchmem -timeout 0 \
    -cpuprofile "$dir/cpu.pprof" -memprofile "$dir/mem.pprof" -o "$out/bench.test" | tee "$dir/profile.txt"
  {
    echo "-- CPU, by cumulative time"
    go tool pprof -top -cum -nodecount=45 "$out/bench.test" "$dir/cpu.pprof" 2>/dev/null
    echo "-- CPU, by own time"
    go tool pprof -top -nodecount=30 "$out/bench.test" "$dir/cpu.pprof" 2>/dev/null
    echo "-- heap in use near the peak, by cumulative bytes"
    go tool pprof -top -cum -nodecount=40 -sample_index=inuse_space "$out/bench.test" "$dir/peak-heap.pprof" 2>/dev/null
    echo "-- memory allocated, by cumulative bytes"
    go tool pprof -top -cum -nodecount=40 -sample_index=alloc_space "$out/bench.test" "$dir/mem.pprof" 2>/dev/null
  } >>"$dir/profile.txt" || true
  echo "profiles: $dir/cpu.pprof $dir/mem.pprof, summary in $dir/profile.txt" >&2
fi

echo >&2
echo "results in $results" >&2
