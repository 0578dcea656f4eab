#!/usr/bin/env bash
# Checks that the Jenkins API stand-in (src/jenkins-stand-in/java) declares exactly the real Jenkins signatures after
# erasure, with the stubcheck tool from the shared tools folder (shared/tools/stubcheck beside the repository, or
# STUBCHECK_DIR). The tool's folder may be read-only, so it is copied to target/stubcheck and built there.
# Exit 0: faithful. Without the tool it skips, except under CI=true where it fails (like the interop tests).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

tool=""
for candidate in "${STUBCHECK_DIR:-}" "$repo/../shared/tools/stubcheck" "$repo/../../shared/tools/stubcheck"; do
  if [ -n "$candidate" ] && [ -f "$candidate/pom.xml" ] && [ -f "$candidate/real-sigs.txt" ]; then
    tool=$(cd "$candidate" && pwd)
    break
  fi
done
if [ -z "$tool" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "stubcheck: tool not found (set STUBCHECK_DIR); failing because CI=true" >&2
    exit 1
  fi
  echo "stubcheck: tool not found (set STUBCHECK_DIR); skipped" >&2
  exit 0
fi

work="$repo/target/stubcheck"
jar="$work/stubcheck.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$tool/src" "$tool/pom.xml" -newer "$jar" -print -quit)" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  cp -r "$tool/pom.xml" "$tool/src" "$work/"
  chmod -R u+w "$work"
  mvn -q -B -ntp -f "$work/pom.xml" package >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
exec java -jar "$jar" check --real "$tool/real-sigs.txt" "$repo/src/jenkins-stand-in/java"
