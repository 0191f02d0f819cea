#!/usr/bin/env bash
# What deploy/Dockerfile does, without Docker: its build stage's `RUN npm …` steps on a clean copy of
# this commit, then its runtime stage's files alone (no devDependencies, no sources) started with the
# image's command, until /healthz answers. Usage: bash deploy/image-steps.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/build" "$work/app" "$work/data"
git -C "$root" archive HEAD | tar -x -C "$work/build"
cd "$work/build"
# The build stage's npm steps, as the Dockerfile writes them.
grep -E '^RUN npm ' "$root/deploy/Dockerfile" | sed 's/^RUN //' | while read -r step; do
  echo "+ $step"
  bash -c "$step"
done

# The runtime stage: only what it copies from the build stage.
for part in package.json package-lock.json node_modules dist scripts; do cp -a "$work/build/$part" "$work/app/"; done
if [ -e "$work/app/node_modules/vite" ]; then echo "devDependencies left in the image (vite)"; exit 1; fi
cd "$work/app"
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
NODE_ENV=production HOST=127.0.0.1 PORT="$port" DATA_DIR="$work/data" node scripts/start.mjs > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$port/healthz" > "$work/health.json" 2>/dev/null; then
    echo "the image's command serves /healthz: $(cat "$work/health.json")"
    curl -fs -X POST -H 'content-type: application/json' -d '{"title":"image check"}' "http://127.0.0.1:$port/api/boards" > /dev/null && echo "and creates a board"
    exit 0
  fi
  sleep 0.2
done
echo "no /healthz answer; the server said:"; cat "$work/server.log"; exit 1
