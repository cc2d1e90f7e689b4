## The clock from the mtime of a file in awsx's private runtime directory (fish 3.5+ builtins,
## no process): see src/shell/shells/fish.ts. __AWSX_CLOCK_FILE__ is that file, quoted.
if contains path (builtin -n)
    function __awsx_clock
        if path is -d (path dirname __AWSX_CLOCK_FILE__); and echo >__AWSX_CLOCK_FILE__
            set -g __awsx_now (path mtime __AWSX_CLOCK_FILE__)
        else
            set -g __awsx_now (date +%s)
        end
    end
else
    __AWSX_DATE_CLOCK__
end
