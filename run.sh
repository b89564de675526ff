#!/usr/bin/env bash
# Builds both services, starts them on the embedded default (H2 event store and the in-process MongoDB stand-in,
# both under ./data), loads the Qinglong demo once (skipped when already loaded), and prints the URLs.
# Ctrl-C stops both. Settings: COMMAND_PORT (8080), QUERY_PORT (8081), DATA_DIR (./data), DEMO_SCALE (1),
# MONGODB_URI (a real MongoDB for the read models instead of the stand-in).
set -euo pipefail
cd "$(dirname "$0")"
# Everything the services write under DATA_DIR (the event store with the local signing key, the master key, the read
# models, the logs) is the owner's alone.
umask 077

COMMAND_PORT=${COMMAND_PORT:-8080}
QUERY_PORT=${QUERY_PORT:-8081}
DATA_DIR=${DATA_DIR:-./data}
DEMO_SCALE=${DEMO_SCALE:-1}

./mvnw -q -DskipTests package
mkdir -p "$DATA_DIR/bin"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
# Run copies, so a rebuild of target/ while the services run cannot pull a jar from under them.
cp command-side/target/command-side-*-exec.jar "$DATA_DIR/bin/command-side.jar"
cp query-side/target/query-side-*-exec.jar "$DATA_DIR/bin/query-side.jar"
cp demo-loader/target/demo-loader-*.jar "$DATA_DIR/bin/demo-loader.jar"
# Both services open the one H2 file: AUTO_SERVER lets the second JVM in through the first one's TCP server, which
# listens on loopback only (h2.bindAddress; the services set it themselves too).
export EVENTSTORE_JDBC_URL=${EVENTSTORE_JDBC_URL:-"jdbc:h2:file:$DATA_DIR/eventstore;MODE=PostgreSQL;AUTO_SERVER=TRUE"}
H2_LOOPBACK=-Dh2.bindAddress=127.0.0.1
export EVENTSTORE_MASTER_KEY_FILE=${EVENTSTORE_MASTER_KEY_FILE:-"$DATA_DIR/master.key"}

pids=()
stop() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop EXIT INT TERM

await_health() {
    local url=$1 name=$2 log=$3
    for _ in $(seq 1 180); do
        if curl -fs "$url" >/dev/null 2>&1; then return 0; fi
        sleep 1
    done
    echo "$name did not become healthy; see $log" >&2
    exit 1
}

# The command side creates the event store schema; the query side starts once it is there.
# The demo load is one principal sending tens of thousands of commands: the per-principal write limit (6000 a minute
# by default) is raised here unless WRITES_PER_MINUTE says otherwise.
PORT=$COMMAND_PORT WRITES_PER_MINUTE=${WRITES_PER_MINUTE:-1000000} java "$H2_LOOPBACK" -jar "$DATA_DIR/bin/command-side.jar" >"$DATA_DIR/command-side.log" 2>&1 &
pids+=($!)
await_health "http://localhost:$COMMAND_PORT/actuator/health" command-side "$DATA_DIR/command-side.log"
PORT=$QUERY_PORT DATA_DIR=$DATA_DIR java "$H2_LOOPBACK" -jar "$DATA_DIR/bin/query-side.jar" >"$DATA_DIR/query-side.log" 2>&1 &
pids+=($!)
await_health "http://localhost:$QUERY_PORT/actuator/health" query-side "$DATA_DIR/query-side.log"

java -jar "$DATA_DIR/bin/demo-loader.jar" "http://localhost:$COMMAND_PORT/api" "$DEMO_SCALE"

cat <<URLS

Dashboard     http://localhost:$QUERY_PORT/              (the committee's dashboard, in Chinese)
Command side  http://localhost:$COMMAND_PORT/api         (POST commands; see docs/commands.md)
Query side    http://localhost:$QUERY_PORT/api/organizations/tree
              http://localhost:$QUERY_PORT/api/members?branchId=ql-r3-b1
              http://localhost:$QUERY_PORT/api/members/m-v-00001
              http://localhost:$QUERY_PORT/api/study-days/sd-ql-r3-b1-$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m)/attendance
              http://localhost:$QUERY_PORT/api/attendance/rates?by=month
              http://localhost:$QUERY_PORT/api/dual-management
              http://localhost:$QUERY_PORT/api/transition
              http://localhost:$QUERY_PORT/api/care/overdue?days=90
              http://localhost:$QUERY_PORT/api/dashboard/difficulties?organizationId=ql
Operations    http://localhost:$QUERY_PORT/api/admin/projections   (POST .../{name}/rebuild)
Tokens        every /api call needs a bearer token; from this machine, mint one per role (COMMITTEE, AUDITOR,
              INTEGRATION, or BRANCH_SECRETARY / GROUP_LEADER with "orgScope":["ql-r3-b1"]):
              TOKEN=\$(curl -s localhost:$QUERY_PORT/api/auth/token -H 'Content-Type: application/json' \\
                -d '{"role":"COMMITTEE"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
              curl -H "Authorization: Bearer \$TOKEN" localhost:$QUERY_PORT/api/organizations/tree
API docs      http://localhost:$COMMAND_PORT/swagger-ui.html  http://localhost:$QUERY_PORT/swagger-ui.html
Logs and data $DATA_DIR
Ctrl-C stops both services.
URLS
wait
