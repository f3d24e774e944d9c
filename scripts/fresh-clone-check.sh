#!/usr/bin/env bash
# Issue 7's fresh-clone check: clone the committed repository into a temporary folder and
# run the README's first command, copied out of the README, in its terminal form
# (`-- --cli`: the same run through `runlens watch`). Passes when watch reports ready and
# at least one alert fires from the demo's incidents. Prints one line: PASS or FAIL.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
limit=${RUNLENS_FRESH_CLONE_SECONDS:-300}
work=$(mktemp -d /tmp/runlens-fresh-XXXXXX)
trap 'rm -rf "$work"' EXIT

git clone -q "$root" "$work/runlens" || { echo "fresh-clone: FAIL (git clone)"; exit 1; }
cd "$work/runlens"
demo_cmd=$(awk '/^## Two commands/{f=1} f && /^npm ci && npm run demo/{print; exit}' README.md | sed 's/ *#.*$//')
if [ -z "$demo_cmd" ]; then echo "fresh-clone: FAIL (no 'npm ci && npm run demo' line under '## Two commands' in README.md)"; exit 1; fi
echo "fresh-clone: running '$demo_cmd -- --cli' in $work/runlens (up to ${limit} s)"
# The demo runs until interrupted; stop it as Ctrl-C would once an alert line appeared.
setsid bash -c "$demo_cmd -- --cli" > demo.out 2>&1 &
pid=$!
deadline=$((SECONDS + limit))
while [ $SECONDS -lt $deadline ] && kill -0 "$pid" 2>/dev/null; do
  grep -q '"type":"alert"' demo.out && break
  sleep 2
done
kill -INT -- -"$pid" 2>/dev/null; sleep 3; kill -KILL -- -"$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if grep -q '"type":"ready"' demo.out && grep -q '"type":"alert"' demo.out; then
  echo "fresh-clone: PASS (ready, then $(grep -c '"type":"alert"' demo.out) alert line(s) within ${limit} s)"
  exit 0
fi
echo "fresh-clone: FAIL; the demo printed:"
tail -40 demo.out
exit 1
