#!/usr/bin/env bash
# The whole test suite: installs what the tests need on a fresh machine, then runs them.
# Usage: ./test.sh            (everything; CI runs this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "go vet"
go vet ./...

step "browser tests' needs: chromium (Debian package) and axe-core (npm, e2e/)"
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
fi
chromium --version 2>/dev/null || echo "chromium is not installed: the e2e tests will fail under CI=true"
if [[ ! -f e2e/node_modules/axe-core/axe.min.js ]]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi

step "go test"
go test -count=1 ./...

step "fuzz: short runs of the fuzz targets for front matter, extraction, slugs and the caches' records"
# A crasher is saved under the package's testdata/fuzz/ and fails the step; commit it as a test.
# Budgets are execution counts, not durations: Go 1.26's fuzz coordinator can fail a run that
# found nothing with "context deadline exceeded" when a -fuzztime duration expires
# (golang/go#75804, fixed in Go 1.27). Each budget is a few seconds on this machine.
for target in article:FuzzParse:200000 extract:FuzzExtract:60000 render:FuzzSlug:200000 \
  corpus:FuzzDecodeEntry:100000 events:FuzzDecodeMentions:100000; do
  IFS=: read -r pkg name count <<<"$target"
  go test -run='^$' -fuzz="^${name}\$" -fuzztime="${count}x" -fuzzminimizetime=2000x "./${pkg}"
done

step "reference corpus (../shared/tools/score-dates)"
if [[ -x ../shared/tools/score-dates ]]; then
  bin=$(mktemp -d)/timeline
  go build -o "$bin" ./cmd/timeline
  TIMELINE_CMD=$bin ../shared/tools/score-dates | tee /tmp/timeline-score.txt
else
  echo "../shared/tools/score-dates not found: skipped (it lives beside the project in CI)"
fi
