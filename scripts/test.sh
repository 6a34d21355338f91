#!/usr/bin/env bash
# The whole test suite: type-check, lint, domain and server tests (node:test, SQLite and
# PostgreSQL), production build, browser tests (web-test-runner in Debian's Chromium) and
# end-to-end tests (playwright-core). Ends with one plain line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-packages.sh || echo "warning: could not install system packages"
rm -rf .test-results && mkdir -p .test-results
passed=0; failed=0; skipped=0

step() { # name, command...: a step that is one check (type-check, lint, build)
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

node_tests() { # name, files...: node:test with the TAP reporter to a file, spec to the console
  local name=$1; shift
  echo "── $name"
  node --import tsx --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination=".test-results/$name.tap" "$@"
  local p f s
  p=$(grep -E '^# pass ' ".test-results/$name.tap" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail ' ".test-results/$name.tap" | tail -1 | awk '{print $3}')
  s=$(grep -E '^# skipped ' ".test-results/$name.tap" | tail -1 | awk '{print $3}')
  if [ -z "$p" ]; then f=1; p=0; echo "FAILED: $name did not report"; fi
  passed=$((passed + p)); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
}

step typecheck npx tsc -p tsconfig.json
step lint npx eslint --max-warnings 0 .
node_tests unit $(ls tests/domain/*.test.ts tests/server/*.test.ts tests/fault/*.test.ts 2>/dev/null)
step build npm run build --silent

echo "── browser tests"
npx web-test-runner --config web-test-runner.config.mjs
if [ -f .test-results/wtr.json ]; then
  read -r p f s < <(node -e 'const r=require("./.test-results/wtr.json");console.log(r.passed,r.failed,r.skipped)')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
else
  failed=$((failed + 1)); echo "FAILED: browser tests did not report"
fi

if ls tests/e2e/*.test.ts >/dev/null 2>&1; then
  node_tests e2e tests/e2e/*.test.ts
fi
# Embedding on hostile host pages: size budgets, strict CSP, double load, hostile CSS, React and Vue.
node_tests embedding tests/embedding/*.test.ts

echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
