#!/usr/bin/env bash
# Headless Chromium for the docs-site browser test: the Debian package `chromium` (Playwright's own browser
# download is not reachable from our machines). Installs it when missing; needs root and apt-get, which CI
# machines have. Anywhere else it stops with what to install.
set -euo pipefail
chromium=${LAKEHOUSE_CHROMIUM:-/usr/bin/chromium}

if [[ -x $chromium ]]; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "Chromium is missing at $chromium and cannot be installed here (needs root and apt-get)." >&2
    echo "Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or point LAKEHOUSE_CHROMIUM at a" >&2
    echo "Chromium/Chrome binary." >&2
    exit 1
fi
echo "installing the Debian package chromium (once) ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[[ -x $chromium ]] || { echo "apt-get installed chromium, but $chromium is still missing" >&2; exit 1; }
"$chromium" --version
