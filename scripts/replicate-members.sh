#!/usr/bin/env bash
# Grows a loaded H2 event store to N times its members for benchmarks, without the command API: every member
# stream is copied N-1 times under new ids (m-… becomes m2-…, m3-…), appended after the existing events.
# Organisations and study days are shared. Usage: scripts/replicate-members.sh <h2-file-without-.mv.db> <N>
set -euo pipefail
file=$1
times=$2
h2=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -1)
sql=""
for k in $(seq 2 "$times"); do
    sql="$sql INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
        payloadRevision, payloadType, timeStamp)
      SELECT REPLACE(aggregateIdentifier, 'm-', 'm$k-'), sequenceNumber, type, CAST(RANDOM_UUID() AS VARCHAR), metaData,
        STRINGTOUTF8(REPLACE(UTF8TOSTRING(payload), '\"m-', '\"m$k-')), payloadRevision, payloadType, timeStamp
      FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'm-%' ORDER BY globalIndex;"
done
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$file;MODE=PostgreSQL;AUTO_SERVER=TRUE" -user sa \
    -sql "$sql SELECT COUNT(*) AS events FROM DomainEventEntry;"
