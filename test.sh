#!/usr/bin/env bash
# The whole test suite: installs what the tests need on a fresh machine, then runs them.
# Usage: ./test.sh            (everything; CI runs this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "go vet"
go vet ./...

step "go test"
go test -count=1 ./...

step "reference corpus (../shared/tools/score-dates)"
if [[ -x ../shared/tools/score-dates ]]; then
  bin=$(mktemp -d)/timeline
  go build -o "$bin" ./cmd/timeline
  TIMELINE_CMD=$bin ../shared/tools/score-dates | tee /tmp/timeline-score.txt
else
  echo "../shared/tools/score-dates not found: skipped (it lives beside the project in CI)"
fi
