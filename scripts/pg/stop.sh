#!/usr/bin/env bash
# Stops the cluster scripts/pg/start.sh started and deletes its folder.
# Takes the folder as its argument or from AI_LOG_TRAIL_TEST_PG_DIR.
set -euo pipefail
dir=${1:-${AI_LOG_TRAIL_TEST_PG_DIR:-}}
if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
  echo "pg: no cluster to stop" >&2
  exit 0
fi
bindir=$(cat "$dir/bindir")
if [ -f "$dir/run_as" ]; then
  runuser -u "$(cat "$dir/run_as")" -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
else
  "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
fi
rm -rf "$dir"
echo "pg: stopped, $dir deleted" >&2
