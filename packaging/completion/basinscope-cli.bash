# bash completion for basinscope-cli.
# Commands, options and option choices are read from the program's own --help (once per shell
# and command), so the completion cannot fall behind the program. Other words complete as
# file names: studies, checkpoint folders and datasets are all paths.

# Prints the help of `basinscope-cli [COMMAND] --help`, cached per program and command.
_basinscope_cli_help() {
    local prog=$1 command=$2
    local key="$prog $command"
    declare -gA _basinscope_cli_help_cache
    if [[ -z ${_basinscope_cli_help_cache[$key]+set} ]]; then
        _basinscope_cli_help_cache[$key]=$("$prog" $command --help 2>/dev/null)
    fi
    printf '%s\n' "${_basinscope_cli_help_cache[$key]}"
}

# The commands: the first word of each line of the "Subcommands:" section.
_basinscope_cli_commands() {
    _basinscope_cli_help "$1" "" | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'
}

# The option names of a command ("-h,--help" -> -h --help; "--x{false}" -> --x).
_basinscope_cli_options() {
    _basinscope_cli_help "$1" "$2" | awk '/^  -/ {
        n = split($1, names, ",")
        for (i = 1; i <= n; i++) { sub(/\{.*/, "", names[i]); print names[i] }
    }'
}

# The choices of an option whose help shows TYPE:{a,b,c}, one per line; nothing otherwise.
_basinscope_cli_choices() {
    _basinscope_cli_help "$1" "$2" | awk -v opt="$3" '/^  -/ {
        n = split($1, names, ",")
        for (i = 1; i <= n; i++) if (names[i] == opt && match($2, /:\{[^}]*\}/)) {
            m = split(substr($2, RSTART + 2, RLENGTH - 3), choices, ",")
            for (j = 1; j <= m; j++) print choices[j]
        }
    }'
}

_basinscope_cli() {
    local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local command="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} != -* ]]; then
            command=${COMP_WORDS[i]}
            break
        fi
    done
    COMPREPLY=()
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$(_basinscope_cli_options "$prog" "")" -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W "$(_basinscope_cli_commands "$prog")" -- "$cur")
        fi
        return
    fi
    if [[ $prev == -* ]]; then
        local choices
        choices=$(_basinscope_cli_choices "$prog" "$command" "$prev")
        if [[ -n $choices ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
            return
        fi
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_basinscope_cli_options "$prog" "$command")" -- "$cur")
    fi
    # Nothing offered: -o default completes a file name.
}

complete -o default -F _basinscope_cli basinscope-cli
