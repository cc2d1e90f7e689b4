// fish's completion of awsx commands and profile names, rendered from completionWords.ts.
// Candidates from a command substitution are escaped by fish when inserted.
import { COMMAND_WORDS, COMPLETE_PROFILES, PROFILE_COMMANDS, PROFILE_SUBCOMMANDS, PROFILE_SUBCOMMANDS_WITH_NAME } from './completionWords.ts';

// Completions are erased first so a second install does not list everything twice.
export const FISH_COMPLETION = `function __awsx_wants_profile
    set -l w (commandline -opc)
    switch (count $w)
        case 2
            contains -- "$w[2]" ${PROFILE_COMMANDS.join(' ')}
        case 3
            test "$w[2]" = profile; and contains -- "$w[3]" ${PROFILE_SUBCOMMANDS_WITH_NAME.join(' ')}
        case '*'
            return 1
    end
end

function __awsx_wants_profile_subcommand
    set -l w (commandline -opc)
    test (count $w) -eq 2; and test "$w[2]" = profile
end

complete -e -c awsx
complete -c awsx -f
complete -c awsx -n __fish_use_subcommand -a '${COMMAND_WORDS.join(' ')}'
complete -c awsx -n __awsx_wants_profile_subcommand -a '${PROFILE_SUBCOMMANDS.join(' ')}'
complete -c awsx -n __awsx_wants_profile -a '(__awsx_run ${COMPLETE_PROFILES.join(' ')} 2>/dev/null)'
`;
