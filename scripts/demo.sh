#!/usr/bin/env bash
# Demo on a fresh Debian machine: builds the project (tests skipped) and runs real WinRM sessions authenticated with
# CredSSP through the command-line client target/winrm-credssp-cli.jar, against an in-process WinRM service on loopback
# (LocalWinRmService: commands run as local /bin/sh) with a throwaway account. Installs Java 17 and Maven when missing
# (the same packages as scripts/install-test-deps.sh), and python3, which runs the file transfer agent on the local
# service's side (a Windows host runs the PowerShell agent instead). Stops everything it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v mvn >/dev/null || ! command -v java >/dev/null || ! command -v python3 >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== Installing Java 17, Maven and python3" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends maven openjdk-17-jdk-headless python3 >/dev/null
fi

echo "== Building (mvn -B -q -ntp -DskipTests package)"
mvn -B -q -ntp -DskipTests package
jar=target/winrm-credssp-cli.jar

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

user='DEMO\demo'
# --auth-mechanism ntlm below: the local service has no Kerberos KDC (auto would try Kerberos first)
# a throwaway password, only in the environment of the two processes below, never on a command line
DEMO_PASSWORD="Demo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export DEMO_PASSWORD

echo "== Starting the local WinRM service (account $user)"
WINRM_PASSWORD="$DEMO_PASSWORD" java -cp "$jar" io.jenkins.plugins.winrmcredssp.protocol.cli.demo.DemoWinRmService "$user" \
  >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 300); do
  grep -q '^ready$' "$work/service.log" && break
  kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 0.1
done
grep -q '^ready$' "$work/service.log" || { cat "$work/service.log" >&2; echo "the service did not start in 30 s" >&2; exit 1; }
http_url=$(sed -n 's/^http=//p' "$work/service.log")
https_url=$(sed -n 's/^https=//p' "$work/service.log")
thumbprint=$(sed -n 's/^thumbprint=//p' "$work/service.log")
echo "   HTTP  (CredSSP, message encryption): $http_url"
echo "   HTTPS (CredSSP, self-signed cert):   $https_url  SHA-256 $thumbprint"

show_delegations() {
  sleep 0.3
  sed -n 's/^delegated: /   [service] /p' "$work/service.log" | tail -n "$1"
}

run_cli() {
  printf '$ java -jar %s' "$jar"; printf ' %q' "$@"; echo
  local rc=0
  java -jar "$jar" "$@" || rc=$?
  echo "   -> exit status $rc"
  return 0
}

echo
echo "== 1. A streaming command over HTTP with --verbose (output arrives line by line)"
run_cli --url "$http_url" --user "$user" --password-env DEMO_PASSWORD --auth-mechanism ntlm --verbose -- \
  'for i in 1 2 3 4 5; do echo "tick $i of 5 at $(date +%T)"; sleep 1; done; uname -a; echo "running as $(id -un) on $(hostname)"'
show_delegations 1

echo
echo "== 2. HTTPS, certificate pinned by thumbprint, user@domain form; stderr stays stderr, the exit code comes back"
run_cli --url "$https_url" --thumbprint "$thumbprint" --user 'demo@DEMO' --password-env DEMO_PASSWORD --auth-mechanism ntlm --verbose -- \
  'echo "this line is stdout"; echo "this line is stderr" >&2; exit 7' 2>"$work/stderr.txt"
echo "   what the CLI wrote to stderr:"
sed 's/^/   | /' "$work/stderr.txt"
show_delegations 1

echo
echo "== 3. Deploy a directory tree (one agent process, SHA-256 checked, atomic renames), then again with one change"
mkdir -p "$work/site/css" "$work/site/docs/Übersicht" "$work/deployed"
echo '<h1>demo</h1>' >"$work/site/index.html"
echo 'body { margin: 0 }' >"$work/site/css/site.css"
head -c 3000000 /dev/urandom >"$work/site/docs/Übersicht/release notes.bin"
: >"$work/site/docs/empty.txt"
# --platform posix: the local service's commands run on Linux; against Windows the default agent is PowerShell
run_cli upload --url "$http_url" --user "$user" --password-env DEMO_PASSWORD --auth-mechanism ntlm --platform posix \
  --overwrite if-changed -- "$work/site" "$work/deployed"
echo '<h1>demo, second release</h1>' >"$work/site/index.html"
run_cli upload --url "$http_url" --user "$user" --password-env DEMO_PASSWORD --auth-mechanism ntlm --platform posix \
  --overwrite if-changed -- "$work/site" "$work/deployed"
echo "   the deployed tree:"
(cd "$work/deployed" && find . -type f | LC_ALL=C sort | sed 's/^/   | /')
echo
echo "== 4. A wrong password: exit status 4 and one line naming the stage"
WRONG_PASSWORD=not-the-password run_cli --url "$http_url" --user "$user" --password-env WRONG_PASSWORD --auth-mechanism ntlm -- echo never

echo
echo "== Stopping the service"
