#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what the tests need, then builds and runs every test,
# interop tests included (under CI=true a missing interop peer fails the build instead of skipping).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec mvn -B -ntp verify "$@"
