#!/bin/bash
# Does partitioning `events` by position range pay at N events (default 10,000,000)? Builds a
# plain and a range-partitioned copy on a PostgreSQL of its own (never a shared server: the
# load's long transactions would hold back every $all reader there), times four statements with
# pgbench on both, prints sizes and figures, and removes everything. Not part of `npm run bench`;
# about 15 minutes on 2 cores. Usage: scripts/bench/partitioning/run.sh [N] [SECONDS]
# PG_BIN: PostgreSQL's binaries (default /usr/lib/postgresql/15/bin); PORT (default 55491).
set -euo pipefail
N=${1:-10000000}
T=${2:-10}
HALF=$((N / 2))
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${PORT:-55491}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/chronicle-partitioning-XXXXXX)
DATA=$WORK/data
URL=postgres://postgres@127.0.0.1:$PORT/postgres
# PostgreSQL refuses to run as root.
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$WORK"
cleanup() {
  as_server "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
server() {
  as_server "$BIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w \
    -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 $1" "$2" >/dev/null
}
sql() { psql "$URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

as_server "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >/dev/null
# Loading without fsync; measuring with the defaults (fsync on).
server "-c fsync=off -c full_page_writes=off -c max_wal_size=8GB" start
SECONDS=0
sql -f "$HERE/schema.sql" >/dev/null
sql -v lo=1 -v hi=$HALF -f "$HERE/load.sql" & sql -v lo=$((HALF + 1)) -v hi="$N" -f "$HERE/load.sql" & wait
echo "generated $N events in ${SECONDS} s"
sql -v lo=0 -v hi=$HALF -f "$HERE/copy.sql" & sql -v lo=$((HALF + 1)) -v hi="$N" -f "$HERE/copy.sql" & wait
sql -f "$HERE/index-plain.sql" >/dev/null & sql -f "$HERE/index-part.sql" >/dev/null & wait
echo "copied and indexed at ${SECONDS} s"
sql -c checkpoint
server "" restart
sql -f "$HERE/sizes.sql"
for workload in append stream all window; do
  for table in events_plain events_part; do
    sed "s/TABLE/$table/" "$HERE/$workload.sql" > "$WORK/workload.sql"
    result=$("$BIN/pgbench" -n -M prepared -c 4 -j 2 -T "$T" -f "$WORK/workload.sql" "$URL" 2>&1 |
      grep -E '^(tps|latency average)' | tr '\n' ' ')
    echo "$workload $table $result"
  done
done
echo "done in ${SECONDS} s"
