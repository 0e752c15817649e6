#!/usr/bin/env bash
# Installs the Debian packages Ferry's tests need. Idempotent: installs only what is missing and
# runs `apt-get update` only then. Never starts a system service.
#
#   bash scripts/provision.sh                              # test needs
#   bash scripts/provision.sh lftp sshpass openssh-client curl   # plus extra packages (benchmarks)
set -euo pipefail

declare -A PURPOSE=(
  [chromium]='browser for the end-to-end tests (Playwright, /usr/bin/chromium)'
  [openssh-server]='sshd: the SFTP test server'
  [vsftpd]='the FTP/FTPS test server'
  [libpam-google-authenticator]='one-time codes for the two-step SSH login test server'
  [openssl]='creates the test CA and server certificates'
  [procps]='pgrep: the test-server watchdog finds leftover server processes'
  [openssh-client]='ssh -D: the SOCKS5 proxy of the proxy tests'
  [tinyproxy]='the HTTP CONNECT proxy of the proxy tests (with Basic auth)'
  [dante-server]='the SOCKS5 proxy with a user name and password of the proxy tests'
)
packages=(chromium openssh-server vsftpd libpam-google-authenticator openssl procps openssh-client tinyproxy dante-server "$@")

is_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]
}

missing=()
for package in "${packages[@]}"; do
  purpose="${PURPOSE[$package]:-requested}"
  if is_installed "$package"; then
    echo "provision: $package is installed: $purpose"
  else
    echo "provision: $package is MISSING: $purpose"
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo 'provision: nothing to install'
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "provision: not root, so nothing was installed. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

# Keep package scripts from starting the services they install (invoke-rc.d honours this).
policy=/usr/sbin/policy-rc.d
added_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  added_policy=yes
fi
cleanup() { if [ "$added_policy" = yes ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
for package in "${missing[@]}"; do
  echo "provision: installing $package: ${PURPOSE[$package]:-requested}"
done
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
for package in "${missing[@]}"; do
  if ! is_installed "$package"; then
    echo "provision: $package did not install" >&2
    exit 1
  fi
done
echo "provision: installed ${missing[*]}"
