#!/usr/bin/env bash
# Install a pinned Databricks CLI (the Go binary that deploys Databricks Asset Bundles) into a folder,
# verified against its SHA-256 before anything runs. Used by .github/workflows/deploy.yml.
#
# Why not `databricks/setup-cli`: that action pipes an install script from its repository; we could not
# verify a commit SHA for it (GitHub is unreachable from our build machines), and zizmor rightly flags an
# action that is not pinned by SHA. A fixed release + checksum gives the same binary with a stronger pin.
# Checksums: the release's `databricks_cli_<version>_SHA256SUMS` (the values below are the linux
# archives of v0.290.1). To upgrade: bump VERSION and both sums from the new release's SHA256SUMS.
#
# Usage: scripts/install_databricks_cli.sh INSTALL_DIR   (then add INSTALL_DIR to PATH)
set -euo pipefail
VERSION=0.290.1
declare -A SHA256=(
    [linux_amd64]=313aa7d3e35190eff13e3d7df09ad9b06c8b8938a22ceea7b5a33ec9df9cba66
    [linux_arm64]=fe911fcb451b2f5c2f4e8cda2a616bff6d9669cea9afe949eed44f1f67d804c9
)
dest=${1:?usage: scripts/install_databricks_cli.sh INSTALL_DIR}

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux_amd64 ;;
    Linux-aarch64 | Linux-arm64) platform=linux_arm64 ;;
    *) echo "unsupported platform $(uname -s)-$(uname -m): see the Databricks CLI install docs" >&2; exit 1 ;;
esac
archive=databricks_cli_${VERSION}_${platform}.tar.gz
url=https://github.com/databricks/cli/releases/download/v${VERSION}/${archive}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl --fail --silent --show-error --location --retry 3 --proto '=https' --tlsv1.2 -o "$work/$archive" "$url"
echo "${SHA256[$platform]}  $work/$archive" | sha256sum --check --strict -
tar -xzf "$work/$archive" -C "$work" databricks
mkdir -p "$dest"
install -m 0755 "$work/databricks" "$dest/databricks"
"$dest/databricks" --version
