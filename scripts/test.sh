#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what the tests need, then builds and runs every test,
# interop tests included (under CI=true a missing interop peer fails the build instead of skipping), after checking the
# Jenkins API stand-in against the real signatures (scripts/stubcheck.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
bash scripts/stubcheck.sh
exec mvn -B -ntp verify "$@"
