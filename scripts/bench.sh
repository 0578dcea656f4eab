#!/usr/bin/env bash
# The whole benchmark (not part of the test suite): builds (tests skipped), starts the demo WinRM service in its own
# JVM on loopback, runs our CredSSP client (EndToEndBenchmark, then ConcurrentSessionsBenchmark, each in a -Xmx128m
# JVM) and scripts/bench_pywinrm.py (pywinrm, NTLM with message encryption) against it, stops the service, runs the
# JMH hot-path benchmarks, and prints one table. Installs Java 17, Maven and pywinrm when missing (through
# scripts/install-test-deps.sh). Stops everything it starts. See docs/benchmarks.md.
# Sizes (environment): BENCH_RUNS (session set-ups, 10), BENCH_SETUP_WARMUP (untimed set-ups after the first, cold
# one and before the measured ones, 20), BENCH_COMMANDS (commands per mode, 100), BENCH_COMMAND_WARMUP (untimed
# commands on the reused shell between its first, reported, and its measured ones, 500), BENCH_STREAM_MB (MB of 10^6
# bytes per streaming run, 1000 = 1 GB), BENCH_STREAM_RUNS (3), BENCH_TLS_MB (256), BENCH_SESSIONS (sessions at once,
# 100), BENCH_CONC_RUNS (3), BENCH_JMH (1; 0 skips JMH), BENCH_JMH_ARGS (JMH options, "-f 1 -wi 3 -i 5 -w 1s -r 1s"),
# BENCH_JMH_INCLUDE (JMH benchmark regex, all of ours). BENCH_SKIP_BUILD=1 reuses target/. A quick run: BENCH_RUNS=3
# BENCH_SETUP_WARMUP=2 BENCH_COMMANDS=10 BENCH_COMMAND_WARMUP=10 BENCH_STREAM_MB=64 BENCH_STREAM_RUNS=1
# BENCH_SESSIONS=20 BENCH_CONC_RUNS=1 BENCH_JMH_ARGS="-f 1 -wi 1 -i 2 -w 500ms -r 500ms".
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${BENCH_RUNS:-10}
setup_warmup=${BENCH_SETUP_WARMUP:-20}
command_warmup=${BENCH_COMMAND_WARMUP:-500}
commands=${BENCH_COMMANDS:-100}
stream_mb=${BENCH_STREAM_MB:-1000}
stream_runs=${BENCH_STREAM_RUNS:-3}
tls_mb=${BENCH_TLS_MB:-256}
sessions=${BENCH_SESSIONS:-100}
conc_runs=${BENCH_CONC_RUNS:-3}
jmh=${BENCH_JMH:-1}
jmh_args=${BENCH_JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
jmh_include=${BENCH_JMH_INCLUDE:-io.jenkins.plugins.winrmcredssp.bench.}

bash scripts/install-test-deps.sh maven openjdk-17-jdk-headless python3-winrm

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== Building (mvn -B -q -ntp -DskipTests package)" >&2
  mvn -B -q -ntp -DskipTests package >&2
fi
if [ "$jmh" = 1 ] && { [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s target/jmh-classpath.txt ]; }; then
  # JMH and what it needs at run time (test scope, from the local Maven repository)
  mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.includeGroupIds=org.openjdk.jmh,net.sf.jopt-simple,org.apache.commons \
    -Dmdep.outputFile=target/jmh-classpath.txt >&2
fi
classpath="target/winrm-credssp-cli.jar:target/test-classes"

work=$(mktemp -d)
service_pid=""
stop_service() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  service_pid=""
}
cleanup() {
  stop_service
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
  runs="$runs" setupWarmup="$setup_warmup" commandWarmup="$command_warmup" commands="$commands" streamMb="$stream_mb" streamRuns="$stream_runs" tlsMb="$tls_mb" | tee "$work/ours.txt" >&2
echo "== Our client: $sessions sessions at once (x$conc_runs), own JVM" >&2
java -Xmx128m -cp "$classpath" io.jenkins.plugins.winrmcredssp.bench.ConcurrentSessionsBenchmark "$url" "$user" \
  sessions="$sessions" runs="$conc_runs" | tee -a "$work/ours.txt" >&2

echo "== pywinrm: NTLM over HTTP, message encryption" >&2
env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE /usr/bin/python3 scripts/bench_pywinrm.py "$url" "$user" \
  "$runs" "$commands" "$stream_mb" "$stream_runs" "$setup_warmup" "$command_warmup" | tee "$work/pywinrm.txt" >&2
echo "== pywinrm: $sessions sessions at once (x$conc_runs) on a thread pool, own process" >&2
env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE /usr/bin/python3 scripts/bench_pywinrm.py --concurrent "$url" "$user" \
  "$sessions" "$conc_runs" | tee -a "$work/pywinrm.txt" >&2
stop_service

jmh_json=()
if [ "$jmh" = 1 ]; then
  echo "== JMH hot paths ($jmh_args)" >&2
  # shellcheck disable=SC2086 # jmh_args is a list of options
  java -cp "$classpath:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main $jmh_args \
    -rf json -rff "$work/jmh.json" "$jmh_include" >&2
  jmh_json=("$work/jmh.json")
fi

/usr/bin/python3 scripts/bench_table.py "$work/ours.txt" "$work/pywinrm.txt" "${jmh_json[@]}"
