// The part of the bash and zsh scripts that both shells read the same way: the `awsx`
// function, the expiry arithmetic, the prompt segment, the refresh and the hook body.
// bash.ts and zsh.ts add the clock, the hook installation and completion.
//
// Nothing here starts a process unless a refresh is due: `[[ ]]`, `$(( ))`, `${…}` and
// function calls are all builtins, and AWSX_PROMPT is a plain variable so a prompt can
// show the segment without a `$(…)` subshell.
import { render } from '../render.ts';
import { quotePosix } from '../quote.ts';
import { EXPIRED_TEXT, REFRESH_RETRY_SECONDS, REFRESH_WINDOW_SECONDS, RENEW_MARK } from '../segment.ts';
import { clearVariables } from '../variables.ts';
import type { HookContext } from './hook.ts';

export interface PosixDialect {
  readonly shell: 'bash' | 'zsh';
  /** First statement of each function (zsh: `emulate -L zsh`, so user options cannot change what the code means). */
  readonly prologue: string;
  /** zsh runs `%` escapes over a prompt after substitution, so the segment doubles them. */
  readonly escapePercent: boolean;
}

const FLAGS_REFRESH = '--non-interactive';

function fn(d: PosixDialect, name: string, body: string): string {
  const lines = body.replace(/^\n/, '').replace(/\n$/, '');
  return `function ${name} {\n${d.prologue ? `  ${d.prologue}\n` : ''}${lines}\n}\n`;
}

export function posixRun(context: HookContext): string {
  return `# The binary resolved when this script was generated, so the function never calls itself.
function __awsx_run { ${context.bin.map(quotePosix).join(' ')} "$@"; }
`;
}

// Days from the civil date (H. Hinnant's days_from_civil) in shell arithmetic: no `date`.
// Cached per value of AWS_CREDENTIAL_EXPIRATION; the grammar is segment.ts's.
function secsLeft(d: PosixDialect): string {
  return fn(d, '__awsx_secs_left', `
  local e=\${AWS_CREDENTIAL_EXPIRATION-} frac
  if [[ $e != "$__awsx_exp_of" ]]; then
    __awsx_exp_of=$e
    __awsx_exp=
    frac=\${e:20}
    frac=\${frac%Z}
    if [[ $e == [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]* &&
      ( \${e:19} == Z || ( \${e:19:1} == . && $e == *Z && -n $frac && $frac != *[!0-9]* ) ) ]]; then
      local y=$((10#\${e:0:4})) m=$((10#\${e:5:2})) d=$((10#\${e:8:2}))
      y=$(( y - (m <= 2) ))
      local era=$(( y / 400 ))
      local yoe=$(( y - era * 400 ))
      local doy=$(( (153 * ((m + 9) % 12) + 2) / 5 + d - 1 ))
      local doe=$(( yoe * 365 + yoe / 4 - yoe / 100 + doy ))
      __awsx_exp=$(( (era * 146097 + doe - 719468) * 86400 + 10#\${e:11:2} * 3600 + 10#\${e:14:2} * 60 + 10#\${e:17:2} ))
    fi
  fi
  [[ -n $__awsx_exp ]] || return 1
  __awsx_left=$(( __awsx_exp - __awsx_now ))
`);
}

function fmtLeft(d: PosixDialect): string {
  return fn(d, '__awsx_fmt_left', `
  if (( __awsx_left <= 0 )); then __awsx_t=${EXPIRED_TEXT}
  elif (( __awsx_left < 60 )); then __awsx_t='<1m'
  elif (( __awsx_left < 3600 )); then __awsx_t=$(( __awsx_left / 60 ))m
  else __awsx_t=$(( __awsx_left / 3600 ))h$(( __awsx_left % 3600 / 60 ))m
  fi
`);
}

function segment(d: PosixDialect): string {
  const percent = d.escapePercent ? `\n  p=\${p//\\%/%%}` : '';
  return fn(d, '__awsx_segment', `
  AWSX_PROMPT=
  [[ -n \${AWSX_PROFILE-} ]] || return 0
  local p=\${AWSX_PROFILE//[[:cntrl:]]/?}${percent}
  if ! __awsx_secs_left; then AWSX_PROMPT=$p; return 0; fi
  __awsx_fmt_left
  if (( __awsx_left > 0 )) && [[ $__awsx_failed == "$AWSX_PROFILE@$AWS_CREDENTIAL_EXPIRATION" ]]; then
    __awsx_t=$__awsx_t'${RENEW_MARK}'
  fi
  AWSX_PROMPT="$p $__awsx_t"
`);
}

// One attempt, then none for REFRESH_RETRY_SECONDS whatever the outcome (segment.ts).
// env's own error is dropped: the hook says once what to do instead of an error per try.
function refresh(d: PosixDialect): string {
  return fn(d, '__awsx_refresh', `
  local code key="$AWSX_PROFILE@\${AWS_CREDENTIAL_EXPIRATION-}" p when
  __awsx_next_try=$(( __awsx_now + ${REFRESH_RETRY_SECONDS} ))
  if code=$(__awsx_run env --shell ${d.shell} ${FLAGS_REFRESH} -- "$AWSX_PROFILE" 2>/dev/null); then
    eval "$code"
    return 0
  fi
  [[ $__awsx_failed == "$key" ]] && return 0
  __awsx_failed=$key
  p=\${AWSX_PROFILE//[[:cntrl:]]/?}
  __awsx_fmt_left
  if (( __awsx_left <= 0 )); then when="$p ${EXPIRED_TEXT}"; else when="$p expires in $__awsx_t"; fi
  printf 'awsx: %s; run awsx use %s to renew\\n' "$when" "$p" >&2
`);
}

// `$?` is saved before anything else runs (zsh's emulate would reset it) and returned.
function hook(d: PosixDialect): string {
  return `function __awsx_hook {
  local s=$?
${d.prologue ? `  ${d.prologue}\n` : ''}  AWSX_PROMPT=
  if [[ -n \${AWSX_PROFILE-} ]]; then
    __awsx_clock
    if __awsx_secs_left && (( __awsx_left <= ${REFRESH_WINDOW_SECONDS} && __awsx_now >= __awsx_next_try )); then
      __awsx_refresh
    fi
    __awsx_segment
  fi
  return $s
}
`;
}

function userFunctions(d: PosixDialect): string {
  const unsets = render(d.shell, clearVariables()).trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return `${fn(d, '__awsx_apply', `
  local code
  code=$(__awsx_run "$@") || return
  eval "$code"
`)}
${fn(d, 'awsx', `
  case \${1-} in
  use)
    shift
    local a
    for a in "$@"; do
      case $a in -h|--help) __awsx_run use --help; return ;; esac
    done
    __awsx_apply env --shell ${d.shell} "$@"
    ;;
  clear)
    if (( $# > 1 )); then __awsx_run "$@"; return; fi
${unsets}
    __awsx_failed= AWSX_PROMPT=
    ;;
  *)
    if (( $# == 0 )); then __awsx_apply pick --print --shell ${d.shell}; else __awsx_run "$@"; fi
    ;;
  esac
`)}
${fn(d, 'awsx_prompt', `
  [[ -n \${AWSX_PROFILE-} ]] && __awsx_clock
  __awsx_segment
  printf '%s' "$AWSX_PROMPT"
`)}`;
}

/** Everything bash and zsh share, in the order it is defined. */
export function posixBody(d: PosixDialect, context: HookContext): string {
  return [
    posixRun(context),
    userFunctions(d),
    secsLeft(d),
    fmtLeft(d),
    segment(d),
    refresh(d),
    hook(d),
  ].join('\n');
}
