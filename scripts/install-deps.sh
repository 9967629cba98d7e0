#!/usr/bin/env bash
# Installs BasinScope's build and test dependencies from Debian packages.
# Idempotent: packages already present are skipped, so a second run is a no-op.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  libtorch-dev libopenblas0-pthread libopenblas-dev
  libeigen3-dev libhdf5-dev hdf5-tools nlohmann-json3-dev libcli11-dev
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libqt6opengl6-dev libgl-dev libqcustomplot-dev libvtk9-dev
  xvfb xauth python3-h5py python3-numpy
  # packaging tests: desktop files, MIME type, man pages, a private Slurm cluster
  desktop-file-utils appstream shared-mime-info libglib2.0-bin groff-base slurm-wlm munge
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
