#!/usr/bin/env bash
# A study file is recognised as application/x-basinscope-study (so that a double-click opens
# BasinScope) and any other HDF5 file stays application/x-hdf: GLib's detection, as file
# managers use it, against the installed MIME database plus ours, on a real study with
# computed curves.
# Usage: check_mime_type.sh CLI MODEL_WRITER TEST_DATA_DIR MIME_XML
# Exits 77 (skipped) when gio, update-mime-database, h5copy or the fixtures are missing.
set -euo pipefail
cli=$1 model_writer=$2 data=$3 mime=$4

for tool in gio update-mime-database h5copy; do
  command -v "$tool" >/dev/null ||
    { echo "SKIP: $tool not found (libglib2.0-bin, shared-mime-info, hdf5-tools)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
models=$("$model_writer" "$tmp/models") || status=$?
[ $status -eq 0 ] || exit $status
mapfile -t models <<<"$models"
"$cli" -q new "$tmp/study.h5" --models "${models[@]}" \
  --surface "mnli=$data/mnli/dev_matched.tsv:mnli" \
  --diagnostic "hans=$data/hans/heuristics_evaluation_set.txt:hans" \
  --points 3 --model-labels entailment,neutral,contradiction
"$cli" -q curves "$tmp/study.h5" --threads 1
# An HDF5 file that is not a study: one group copied out of the study.
h5copy -i "$tmp/study.h5" -o "$tmp/other.h5" -s /models -d /models

mkdir -p "$tmp/share/mime/packages"
cp "$mime" "$tmp/share/mime/packages/"
XDG_DATA_DIRS=$tmp/share update-mime-database "$tmp/share/mime"
type_of() {
  XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share:/usr/share" \
    gio info --attributes=standard::content-type "$1" | sed -n 's/.*content-type: //p'
}
echo "study.h5: $(type_of "$tmp/study.h5"); other.h5: $(type_of "$tmp/other.h5")" \
  "(format attribute at byte $(grep -boa basinscope-study "$tmp/study.h5" | head -n 1 | cut -d: -f1))"
[ "$(type_of "$tmp/study.h5")" = application/x-basinscope-study ] ||
  { echo "FAIL: the study is not recognised"; exit 1; }
[ "$(type_of "$tmp/other.h5")" = application/x-hdf ] ||
  { echo "FAIL: another HDF5 file is taken for a study"; exit 1; }
echo "PASS: studies are application/x-basinscope-study, other HDF5 files application/x-hdf"
