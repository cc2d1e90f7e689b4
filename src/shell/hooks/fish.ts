// fish: functions replace themselves when defined again, so installing twice is harmless;
// the hook is a `fish_prompt` event handler; command substitutions of functions and
// builtins run in-process in fish, so `(awsx_prompt)` in fish_prompt spawns nothing.
//
// The clock: fish has no builtin that reads the time (no $EPOCHSECONDS, no printf %T).
// Writing one byte to a file with a redirection and reading its mtime with `path mtime`
// (both builtins, fish 3.5+) gives the time in whole seconds without a process. The file
// lives in awsx's private runtime directory (0700, checked by `awsx init`), so nobody
// else can swap it for a symlink. Older fish, or no such directory, fall back to `date +%s`
// (a process, only while a profile is active).
import { render } from '../render.ts';
import { quoteFish } from '../quote.ts';
import { EXPIRED_TEXT, REFRESH_RETRY_SECONDS, REFRESH_WINDOW_SECONDS, RENEW_MARK } from '../segment.ts';
import { clearVariables } from '../variables.ts';
import { FISH_COMPLETION } from './fishCompletion.ts';
import type { HookContext, ShellHook } from './hook.ts';

function clock(clockFile: string | undefined): string {
  const fallback = 'function __awsx_clock; set -g __awsx_now (date +%s); end\n';
  if (clockFile === undefined) return fallback;
  const file = quoteFish(clockFile);
  return `if contains path (builtin -n)
    function __awsx_clock
        if path is -d (path dirname ${file}); and echo >${file}
            set -g __awsx_now (path mtime ${file})
        else
            set -g __awsx_now (date +%s)
        end
    end
else
    ${fallback}end
`;
}

// The profile name with C0/C1 controls shown as '?' (docs/security.md T6). PCRE's
// [[:cntrl:]] is ASCII-only, so the ranges are spelled out.
const INERT_PROFILE = `(string replace -ra '[\\x00-\\x1f\\x7f-\\x{9f}]' '?' -- "$AWSX_PROFILE")`;

const STATE = `set -q __awsx_exp_of; or set -g __awsx_exp_of ''
set -q __awsx_failed; or set -g __awsx_failed ''
set -q __awsx_next_try; or set -g __awsx_next_try 0
set -q AWSX_PROMPT; or set -g AWSX_PROMPT ''
`;

function userFunctions(context: HookContext): string {
  const unsets = render('fish', clearVariables()).trimEnd().split('\n').map((l) => `            ${l}`).join('\n');
  return `# The binary resolved when this script was generated, so the function never calls itself.
function __awsx_run
    ${context.bin.map(quoteFish).join(' ')} $argv
end

function __awsx_apply
    set -l code (__awsx_run $argv | string collect)
    set -l s $pipestatus[1]
    test $s -eq 0; or return $s
    printf '%s' $code | source
end

function awsx --description 'awsx: AWS sessions in this shell'
    switch "$argv[1]"
        case use
            if contains -- --help $argv; or contains -- -h $argv
                __awsx_run use --help
                return
            end
            __awsx_apply env --shell fish $argv[2..-1]
        case clear
            if test (count $argv) -gt 1
                __awsx_run $argv
                return
            end
${unsets}
            set -g __awsx_failed ''
            set -g AWSX_PROMPT ''
        case '*'
            if test (count $argv) -eq 0
                __awsx_apply pick --print --shell fish
            else
                __awsx_run $argv
            end
    end
end

function awsx_prompt --description 'awsx: the active profile and its time left'
    test -n "$AWSX_PROFILE"; and __awsx_clock
    __awsx_segment
    printf '%s' "$AWSX_PROMPT"
end
`;
}

// Days from the civil date (H. Hinnant's days_from_civil) with `math`: no `date`.
const ARITHMETIC = `function __awsx_secs_left
    set -l e "$AWS_CREDENTIAL_EXPIRATION"
    if test "$e" != "$__awsx_exp_of"
        set -g __awsx_exp_of "$e"
        set -g __awsx_exp
        set -l p (string match -r '^(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.\\d+)?Z$' -- "$e")
        if set -q p[7]
            set -l y $p[2]
            test $p[3] -le 2; and set y (math $y - 1)
            set -l era (math "floor($y / 400)")
            set -l yoe (math "$y - $era * 400")
            set -l doy (math "floor((153 * (($p[3] + 9) % 12) + 2) / 5) + $p[4] - 1")
            set -l doe (math "$yoe * 365 + floor($yoe / 4) - floor($yoe / 100) + $doy")
            set -g __awsx_exp (math "($era * 146097 + $doe - 719468) * 86400 + $p[5] * 3600 + $p[6] * 60 + $p[7]")
        end
    end
    set -q __awsx_exp[1]; or return 1
    set -g __awsx_left (math $__awsx_exp - $__awsx_now)
end

function __awsx_fmt_left
    if test $__awsx_left -le 0
        set -g __awsx_t ${EXPIRED_TEXT}
    else if test $__awsx_left -lt 60
        set -g __awsx_t '<1m'
    else if test $__awsx_left -lt 3600
        set -g __awsx_t (math "floor($__awsx_left / 60)")m
    else
        set -g __awsx_t (math "floor($__awsx_left / 3600)")h(math "floor($__awsx_left % 3600 / 60)")m
    end
end
`;

const SEGMENT = `function __awsx_segment
    set -g AWSX_PROMPT ''
    test -n "$AWSX_PROFILE"; or return 0
    set -l p ${INERT_PROFILE}
    if not __awsx_secs_left
        set -g AWSX_PROMPT "$p"
        return 0
    end
    __awsx_fmt_left
    set -l t $__awsx_t
    if test $__awsx_left -gt 0; and test "$__awsx_failed" = "$AWSX_PROFILE@$AWS_CREDENTIAL_EXPIRATION"
        set t "$t${RENEW_MARK}"
    end
    set -g AWSX_PROMPT "$p $t"
end
`;

// One attempt, then none for REFRESH_RETRY_SECONDS whatever the outcome (segment.ts).
const REFRESH = `function __awsx_refresh
    set -g __awsx_next_try (math $__awsx_now + ${REFRESH_RETRY_SECONDS})
    set -l code (__awsx_run env --shell fish --non-interactive -- "$AWSX_PROFILE" 2>/dev/null | string collect)
    if test $pipestatus[1] -eq 0
        printf '%s' $code | source
        return 0
    end
    set -l key "$AWSX_PROFILE@$AWS_CREDENTIAL_EXPIRATION"
    test "$__awsx_failed" = "$key"; and return 0
    set -g __awsx_failed "$key"
    set -l p ${INERT_PROFILE}
    __awsx_fmt_left
    set -l when "$p expires in $__awsx_t"
    test $__awsx_left -le 0; and set when "$p ${EXPIRED_TEXT}"
    printf 'awsx: %s; run awsx use %s to renew\\n' "$when" "$p" >&2
end

function __awsx_hook --on-event fish_prompt
    set -l s $status
    set -g AWSX_PROMPT ''
    if test -n "$AWSX_PROFILE"
        __awsx_clock
        if __awsx_secs_left; and test $__awsx_left -le ${REFRESH_WINDOW_SECONDS}; and test $__awsx_now -ge $__awsx_next_try
            __awsx_refresh
        end
        __awsx_segment
    end
    return $s
end
`;

export const fishHook: ShellHook = {
  shell: 'fish',
  setup: 'awsx init fish | source   # in ~/.config/fish/config.fish',
  init: (context: HookContext) =>
    [
      '# awsx for fish: generated by `awsx init fish`; add `awsx init fish | source` to ~/.config/fish/config.fish.\n',
      STATE,
      clock(context.clockFile),
      userFunctions(context),
      ARITHMETIC,
      SEGMENT,
      REFRESH,
      FISH_COMPLETION,
    ].join('\n'),
};
