#!/usr/bin/env bash
# The desktop integration files as installed: the .desktop entry (desktop-file-validate), the
# AppStream metainfo (appstreamcli validate, offline) and the MIME type (update-mime-database
# compiles it). Usage: check_desktop_files.sh DESKTOP_FILE METAINFO_FILE MIME_XML
# Exits 77 (skipped) when a validator is missing.
set -euo pipefail
desktop=$1 metainfo=$2 mime=$3

for tool in desktop-file-validate appstreamcli update-mime-database; do
  command -v "$tool" >/dev/null ||
    { echo "SKIP: $tool not found (desktop-file-utils, appstream, shared-mime-info)"; exit 77; }
done

# desktop-file-validate prints hints too; any line that is an error or warning fails.
out=$(desktop-file-validate "$desktop" 2>&1) || { echo "$out"; exit 1; }
if grep -E 'error|warning' <<<"$out"; then exit 1; fi
echo "desktop-file-validate: $(basename "$desktop") valid"

appstreamcli validate --no-net --explain "$metainfo"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$mime" "$tmp/mime/packages/"
XDG_DATA_DIRS=$tmp update-mime-database "$tmp/mime" 2>&1 | tee "$tmp/log"
if [ -s "$tmp/log" ]; then exit 1; fi
grep -q 'application/x-basinscope-study:\*\.h5' "$tmp/mime/globs2" ||
  { echo "the compiled MIME database has no *.h5 glob for studies"; exit 1; }
grep -qx 'MimeType=application/x-basinscope-study;' "$desktop" ||
  { echo "$(basename "$desktop") does not open application/x-basinscope-study"; exit 1; }
echo "MIME type application/x-basinscope-study compiles and the desktop entry opens it"
