#!/usr/bin/env bash
# `npm test`: everything — lint, type-check, unit, integration and end-to-end — on a fresh
# Debian machine. Provisions what it needs and fails loudly when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "System packages (Chromium, OpenSSH server, vsftpd)"
bash scripts/provision.sh

step "npm packages"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules is up to date with package-lock.json"
fi

step "Lint and formatting"
npx eslint .
npx prettier --check .

step "Type-check"
npx tsc -p tsconfig.node.json --noEmit
npx tsc -p tsconfig.web.json --noEmit

step "Build"
npx electron-vite build

step "Unit and integration tests (real servers on 127.0.0.1)"
npx vitest run

step "End-to-end tests (Chromium, browser edition, real servers)"
npx playwright test

echo
echo "All tests passed."
