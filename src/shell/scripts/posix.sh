## Lines starting with ## are notes, not printed; __AWSX_NAME__ tokens are filled by `awsx init` (src/shell/scripts/fill.ts).
## The part of the bash and zsh scripts that both shells read the same way: the `awsx`
## function, the expiry arithmetic, the prompt segment, the refresh and the hook body.
## bash.bash and zsh.zsh add the clock, the hook installation and completion. Each
## __AWSX_PROLOGUE__ is zsh's `emulate -L zsh` (user options cannot change what the code
## means) and nothing in bash; __AWSX_ESCAPE_PERCENT__ doubles `%` for zsh's prompt expansion.
##
## Nothing here starts a process unless a refresh is due: `[[ ]]`, `$(( ))`, `${…}` and
## function calls are all builtins, and AWSX_PROMPT is a plain variable so a prompt can
## show the segment without a `$(…)` subshell.
# The binary resolved when this script was generated, so the function never calls itself.
function __awsx_run { __AWSX_BIN__ "$@"; }

function __awsx_apply {
  __AWSX_PROLOGUE__
  local code
  code=$(__awsx_run "$@") || return
  eval "$code"
}

function awsx {
  __AWSX_PROLOGUE__
  case ${1-} in
  use)
    shift
    local a
    for a in "$@"; do
      case $a in -h|--help) __awsx_run use --help; return ;; esac
    done
    ## $$: the shell that holds a container-endpoint token (--ecs-server, ecs_server = true).
    __awsx_apply env --shell __AWSX_SHELL__ --shell-pid $$ "$@"
    ;;
  clear)
    if (( $# > 1 )); then __awsx_run "$@"; return; fi
    if [[ -n ${AWS_CONTAINER_AUTHORIZATION_TOKEN-} && -n ${AWSX_PROFILE-} ]]; then
      __awsx_run clear --revoke >/dev/null 2>&1
    fi
    __AWSX_UNSETS__
    __awsx_failed= AWSX_PROMPT=
    ;;
  *)
    if (( $# == 0 )); then __awsx_apply pick --print --shell __AWSX_SHELL__; else __awsx_run "$@"; fi
    ;;
  esac
}

function awsx_prompt {
  __AWSX_PROLOGUE__
  [[ -n ${AWSX_PROFILE-} ]] && __awsx_clock
  __awsx_segment
  printf '%s' "$AWSX_PROMPT"
}

## Days from the civil date (H. Hinnant's days_from_civil) in shell arithmetic: no `date`.
## Cached per value of AWS_CREDENTIAL_EXPIRATION; the grammar is src/shell/segment.ts's.
function __awsx_secs_left {
  __AWSX_PROLOGUE__
  local e=${AWS_CREDENTIAL_EXPIRATION-} frac
  if [[ $e != "$__awsx_exp_of" ]]; then
    __awsx_exp_of=$e
    __awsx_exp=
    frac=${e:20}
    frac=${frac%Z}
    if [[ $e == [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]* &&
      ( ${e:19} == Z || ( ${e:19:1} == . && $e == *Z && -n $frac && $frac != *[!0-9]* ) ) ]]; then
      local y=$((10#${e:0:4})) m=$((10#${e:5:2})) d=$((10#${e:8:2}))
      y=$(( y - (m <= 2) ))
      local era=$(( y / 400 ))
      local yoe=$(( y - era * 400 ))
      local doy=$(( (153 * ((m + 9) % 12) + 2) / 5 + d - 1 ))
      local doe=$(( yoe * 365 + yoe / 4 - yoe / 100 + doy ))
      __awsx_exp=$(( (era * 146097 + doe - 719468) * 86400 + 10#${e:11:2} * 3600 + 10#${e:14:2} * 60 + 10#${e:17:2} ))
    fi
  fi
  [[ -n $__awsx_exp ]] || return 1
  __awsx_left=$(( __awsx_exp - __awsx_now ))
}

function __awsx_fmt_left {
  __AWSX_PROLOGUE__
  if (( __awsx_left <= 0 )); then __awsx_t=__AWSX_EXPIRED_TEXT__
  elif (( __awsx_left < 60 )); then __awsx_t='<1m'
  elif (( __awsx_left < 3600 )); then __awsx_t=$(( __awsx_left / 60 ))m
  else __awsx_t=$(( __awsx_left / 3600 ))h$(( __awsx_left % 3600 / 60 ))m
  fi
}

function __awsx_segment {
  __AWSX_PROLOGUE__
  AWSX_PROMPT=
  [[ -n ${AWSX_PROFILE-} ]] || return 0
  local p=${AWSX_PROFILE//[[:cntrl:]]/?}
  __AWSX_ESCAPE_PERCENT__
  if ! __awsx_secs_left; then AWSX_PROMPT=$p; return 0; fi
  __awsx_fmt_left
  if (( __awsx_left > 0 )) && [[ $__awsx_failed == "$AWSX_PROFILE@$AWS_CREDENTIAL_EXPIRATION" ]]; then
    __awsx_t=$__awsx_t'__AWSX_RENEW_MARK__'
  fi
  AWSX_PROMPT="$p $__awsx_t"
}

## One attempt, then none for REFRESH_RETRY_SECONDS whatever the outcome (segment.ts).
## env's own error is dropped: the hook says once what to do instead of an error per try.
function __awsx_refresh {
  __AWSX_PROLOGUE__
  local code key="$AWSX_PROFILE@${AWS_CREDENTIAL_EXPIRATION-}" p when mode=
  __awsx_next_try=$(( __awsx_now + __AWSX_REFRESH_RETRY_SECONDS__ ))
  ## Container-endpoint mode: the endpoint refreshes by itself; only the prompt's expiry is renewed.
  [[ -n ${AWS_CONTAINER_CREDENTIALS_FULL_URI-} && -z ${AWS_ACCESS_KEY_ID-} ]] && mode=--expiration-only
  if code=$(__awsx_run env --shell __AWSX_SHELL__ --non-interactive ${mode:+"$mode"} -- "$AWSX_PROFILE" 2>/dev/null); then
    eval "$code"
    return 0
  fi
  [[ $__awsx_failed == "$key" ]] && return 0
  __awsx_failed=$key
  p=${AWSX_PROFILE//[[:cntrl:]]/?}
  __awsx_fmt_left
  if (( __awsx_left <= 0 )); then when="$p __AWSX_EXPIRED_TEXT__"; else when="$p expires in $__awsx_t"; fi
  printf 'awsx: %s; run awsx use %s to renew\n' "$when" "$p" >&2
}

## `$?` is saved before anything else runs (zsh's emulate would reset it) and returned.
function __awsx_hook {
  local s=$?
  __AWSX_PROLOGUE__
  AWSX_PROMPT=
  if [[ -n ${AWSX_PROFILE-} ]]; then
    __awsx_clock
    if __awsx_secs_left && (( __awsx_left <= __AWSX_REFRESH_WINDOW_SECONDS__ && __awsx_now >= __awsx_next_try )); then
      __awsx_refresh
    fi
    __awsx_segment
  fi
  return $s
}
