#!/usr/bin/env bash
# Installs the Debian packages of the independent peers the interop tests run against (see docs/interop.md):
# FreeRDP's CredSSP acceptor, gss-ntlmssp through MIT GSSAPI, Samba's ntlm_auth, python3-ntlm-auth, MIT Kerberos,
# pywinrm. Idempotent: does nothing when everything is present. With arguments, installs just those packages the
# same way (scripts/bench.sh: Java, Maven and pywinrm; scripts/bench-transfer.sh: Java, Maven and python3).
set -euo pipefail

packages=(
  maven openjdk-17-jdk-headless
  freerdp2-shadow-x11 freerdp2-x11 winpr-utils xvfb
  python3-winrm python3-requests-ntlm python3-ntlm-auth python3-gssapi python3-pyasn1
  krb5-kdc krb5-admin-server krb5-user gss-ntlmssp winbind
)
[ $# -eq 0 ] || packages=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
