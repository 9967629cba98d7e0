#!/usr/bin/env bash
# LANG=de_DE.UTF-8 basinscope from an installed tree shows German menus: installs the GUI
# component into a temporary prefix and asks the installed program which catalogue the
# locale selected (the hidden --translation-info option) and how it translates the File menu.
# Usage: check_translation.sh BUILD_DIR
set -euo pipefail
build=$1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/usr" --component gui >/dev/null

# Only LANG decides, as in a German desktop session; no display is needed for this option.
info=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u DISPLAY -u WAYLAND_DISPLAY \
  -u QT_QPA_PLATFORM LANG=de_DE.UTF-8 "$tmp/usr/bin/basinscope" --translation-info)
echo "$info"
expected="catalogue: $tmp/usr/share/basinscope/translations/basinscope_de.qm"
grep -qxF "$expected" <<<"$info" ||
  { echo "FAIL: the installed program did not load the installed German catalogue"; exit 1; }
grep -qxF "File menu: &Datei" <<<"$info" ||
  { echo "FAIL: the File menu is not German"; exit 1; }

# And English stays English.
info=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 "$tmp/usr/bin/basinscope" \
  --translation-info)
grep -qxF "File menu: &File" <<<"$info" || { echo "FAIL: $info"; exit 1; }
echo "PASS: German loaded from the installed basinscope_de.qm"
