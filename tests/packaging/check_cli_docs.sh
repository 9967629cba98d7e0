#!/usr/bin/env bash
# What a user of the command line reads: --version of both programs, the man pages (clean for
# groff, every command of basinscope-cli described) and the bash completion (offers every
# command and a command's options). Commands are taken from the program's own --help.
# Usage: check_cli_docs.sh CLI GUI|- MAN_DIR COMPLETION_FILE VERSION
set -euo pipefail
cli=$1 gui=$2 man=$3 completion=$4 version=$5

check() { "$@" || { echo "FAIL: $*"; exit 1; }; }
command -v groff >/dev/null || { echo "SKIP: groff not found (groff-base)"; exit 77; }

check test "$("$cli" --version)" = "basinscope-cli $version"
if [ "$gui" != - ]; then
  # No display: --version must not need one.
  check test "$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$gui" --version 2>/dev/null)" \
    = "BasinScope $version"
fi
echo "--version: both programs print $version"

commands=$("$cli" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ "$(wc -l <<<"$commands")" -ge 10 ] || { echo "FAIL: too few commands in --help"; exit 1; }

pages=("$man/basinscope-cli.1")
[ "$gui" != - ] && pages+=("$man/basinscope.1")
for page in "${pages[@]}"; do
  # -ww: every warning; -z: no output. groff prints nothing for a clean page.
  warnings=$(groff -man -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "FAIL: $page: $warnings"; exit 1; }
  grep -q "^\.TH .* \"BasinScope $version\"" "$page" ||
    { echo "FAIL: $page does not name version $version"; exit 1; }
done
for command in $commands; do
  grep -q "^\.B $command\b" "$man/basinscope-cli.1" ||
    { echo "FAIL: command '$command' is not described in basinscope-cli.1"; exit 1; }
done
echo "man pages: clean; all $(wc -l <<<"$commands") commands described"

# shellcheck source=/dev/null
source "$completion"
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  _basinscope_cli
  printf '%s\n' "${COMPREPLY[@]}"
}
offered=$(complete_words "$cli" "")
check test "$offered" = "$commands"
check test "$(complete_words "$cli" curves --sha)" = "--shard"
check test "$(complete_words "$cli" -q export study.h5 --what c | sort | paste -sd' ')" = "cg curves"
check test -z "$(complete_words "$cli" curves stu)" # a file name: bash completes it
echo "PASS: bash completion offers every command, options and option values"
