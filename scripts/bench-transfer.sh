#!/usr/bin/env bash
# File transfer benchmark (not part of the test suite): builds (tests skipped) and runs TransferBenchmark in a client
# JVM with a small heap (-Xmx64m, to show memory stays bounded); the benchmark starts the demo WinRM service in its own
# JVM on loopback (CredSSP over HTTP with message encryption, POSIX agent) and stops it at the end.
# Sizes: BENCH_BIG_MB (200), BENCH_SMALL_FILES (2000), BENCH_SMALL_BYTES (4096), BENCH_RUNS (3), BENCH_CHUNK_KB (stdin
# KiB per Send, a comma list compares several: 48,96,192; default 192), BENCH_HEAP (64m). BENCH_SKIP_BUILD=1 reuses
# target/. See docs/file-transfer.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== Building (mvn -B -q -ntp -DskipTests package)" >&2
  mvn -B -q -ntp -DskipTests package >&2
fi

echo "== TransferBenchmark (client -Xmx${BENCH_HEAP:-64m})" >&2
exec java -Xmx"${BENCH_HEAP:-64m}" -cp "target/winrm-credssp-cli.jar:target/test-classes" \
  io.jenkins.plugins.winrmcredssp.bench.TransferBenchmark \
  bigMb="${BENCH_BIG_MB:-200}" smallFiles="${BENCH_SMALL_FILES:-2000}" smallBytes="${BENCH_SMALL_BYTES:-4096}" \
  runs="${BENCH_RUNS:-3}" chunkKb="${BENCH_CHUNK_KB:-192}"
