// The scripts `aptrust-registry completion bash|zsh|fish` prints. Each only asks the CLI: it runs
// `aptrust-registry __complete -- WORD…` (the words so far, the last one being completed) and
// offers the lines it prints; a line `:file` means file names fit too. The logic, and so every
// command and option, lives in complete.ts.
import { PROG } from '../report-error.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# bash completion for ${PROG}. Load it in ~/.bashrc:
#   source <(${PROG} completion bash)
_aptrust_registry_complete() {
  # The words up to the cursor, split at blanks: bash's own COMP_WORDS also splits at = and :,
  # which would cut state=A in three.
  local line="\${COMP_LINE:0:COMP_POINT}" cur
  local -a words
  read -r -a words <<< "$line"
  if [[ -z $line || $line == *[[:space:]] ]]; then words+=(""); fi
  cur="\${words[\${#words[@]}-1]}"
  local out reply files=0
  out="$(${PROG} __complete -- "\${words[@]:1}" 2>/dev/null)" || return 0
  COMPREPLY=()
  while IFS= read -r reply; do
    if [[ $reply == :file ]]; then files=1; elif [[ -n $reply ]]; then COMPREPLY+=("$reply"); fi
  done <<< "$out"
  # bash replaces only the part of the word after its last = or : (COMP_WORDBREAKS): drop the rest.
  if [[ $cur == *[=:]* ]]; then
    local prefix="\${cur%"\${cur##*[=:]}"}" i
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$prefix"}"; done
  fi
  if (( files )); then
    compopt -o filenames 2>/dev/null
    local file
    while IFS= read -r file; do COMPREPLY+=("$file"); done < <(compgen -f -- "\${cur##*[=:]}")
  fi
  # name= waits for its value: no space after it.
  if [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == *= ]]; then compopt -o nospace 2>/dev/null; fi
  return 0
}
complete -F _aptrust_registry_complete ${PROG}
`;

const ZSH = `#compdef ${PROG}
# zsh completion for ${PROG}. Load it in ~/.zshrc (after compinit):
#   source <(${PROG} completion zsh)
# or save it as _${PROG} in a directory of $fpath.
_aptrust_registry() {
  local -a lines plain waiting
  local line files=0
  lines=("\${(@f)$(${PROG} __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    if [[ $line == :file ]]; then files=1
    elif [[ $line == *= ]]; then waiting+=("$line")
    elif [[ -n $line ]]; then plain+=("$line")
    fi
  done
  (( \${#plain} )) && compadd -- "\${plain[@]}"
  # name= waits for its value: no space after it.
  (( \${#waiting} )) && compadd -S '' -- "\${waiting[@]}"
  (( files )) && _files
  return 0
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _aptrust_registry "$@"
else
  compdef _aptrust_registry ${PROG}
fi
`;

const FISH = `# fish completion for ${PROG}. Save it where fish finds it:
#   ${PROG} completion fish > ~/.config/fish/completions/${PROG}.fish
function __aptrust_registry_complete
    set -l words (commandline -opc) (commandline -ct)
    for line in (${PROG} __complete -- $words[2..-1] 2>/dev/null)
        if test "$line" = ":file"
            __fish_complete_path (commandline -ct)
        else
            echo $line
        end
    end
end
complete -c ${PROG} -f -a '(__aptrust_registry_complete)'
`;

export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return BASH;
    case 'zsh':
      return ZSH;
    case 'fish':
      return FISH;
  }
}
