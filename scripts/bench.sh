#!/usr/bin/env bash
# End-to-end benchmark (not part of the test suite): builds (tests skipped), starts the demo WinRM service in its own
# JVM on loopback, runs EndToEndBenchmark (our CredSSP client, -Xmx128m) and scripts/bench_pywinrm.py (pywinrm, NTLM
# with message encryption) against it, and prints the comparison table. Stops everything it starts.
# Sizes: BENCH_RUNS (session set-ups, 10), BENCH_COMMANDS (commands per mode, 20), BENCH_STREAM_MB (MB per streaming
# run, 256; BENCH_STREAM_MB=1000 for 1 GB), BENCH_STREAM_RUNS (3), BENCH_TLS_MB
# (256). BENCH_SKIP_BUILD=1 reuses target/. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${BENCH_RUNS:-10}
commands=${BENCH_COMMANDS:-20}
stream_mb=${BENCH_STREAM_MB:-256}
stream_runs=${BENCH_STREAM_RUNS:-3}
tls_mb=${BENCH_TLS_MB:-256}

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== Building (mvn -B -q -ntp -DskipTests package)" >&2
  mvn -B -q -ntp -DskipTests package >&2
fi
classpath="target/winrm-credssp-cli.jar:target/test-classes"

work=$(mktemp -d)
service_pid=""
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

user='BENCH\bench'
WINRM_PASSWORD="Bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export WINRM_PASSWORD

echo "== Starting the WinRM service (own JVM, loopback)" >&2
java -cp "$classpath" io.jenkins.plugins.winrmcredssp.protocol.cli.demo.DemoWinRmService "$user" >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 300); do
  grep -q '^ready$' "$work/service.log" && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 0.1
done
grep -q '^ready$' "$work/service.log" || { cat "$work/service.log" >&2; echo "the service did not start in 30 s" >&2; exit 1; }
url=$(sed -n 's/^http=//p' "$work/service.log")

echo "== Our client: CredSSP over HTTP, message encryption (runs=$runs commands=$commands stream=${stream_mb}MBx$stream_runs)" >&2
java -Xmx128m -cp "$classpath" io.jenkins.plugins.winrmcredssp.bench.EndToEndBenchmark "$url" "$user" \
  runs="$runs" commands="$commands" streamMb="$stream_mb" streamRuns="$stream_runs" tlsMb="$tls_mb" | tee "$work/ours.txt" >&2

echo "== pywinrm: NTLM over HTTP, message encryption" >&2
env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE /usr/bin/python3 scripts/bench_pywinrm.py "$url" "$user" \
  "$runs" "$commands" "$stream_mb" "$stream_runs" | tee "$work/pywinrm.txt" >&2

/usr/bin/python3 scripts/bench_table.py "$work/ours.txt" "$work/pywinrm.txt"
