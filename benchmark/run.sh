#!/usr/bin/env bash
# Builds the services and the benchmark, then runs it; arguments go to the benchmark (--smoke, --members, --events,
# --seconds, --jfr; --help lists them). Writes target/bench/report.md and report.json; exits non-zero if a phase failed.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmark -am package -DskipTests
exec java -jar benchmark/target/benchmark.jar "$@"
