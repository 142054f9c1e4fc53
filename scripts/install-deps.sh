#!/usr/bin/env bash
# Installs the Debian 12 packages gdcheck needs, only those that are missing.
# --cluster adds Slurm (slurm-wlm) and munge, for deep runs as a job array
# and their test (tests/apps/slurm_test.sh, ctest label `slurm`); the default
# job and tests do not need them.
set -euo pipefail

packages=(g++ make ninja-build cmake pkg-config libeigen3-dev libboost-dev libgtest-dev
          librapidcheck-dev libmpfr-dev libgmp-dev libsdpa-dev nlohmann-json3-dev gnuplot-nox
          libbenchmark-dev jq parallel)
case "${1:-}" in
  "") ;;
  --cluster) packages+=(slurm-wlm munge) ;;
  *) echo "install-deps.sh: unknown option '$1' (expected --cluster or nothing)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "gdcheck: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "gdcheck: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet: update once, then retry.
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
