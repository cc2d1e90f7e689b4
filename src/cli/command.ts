// A command takes its own argv (after the command name) and resolves to an exit code.
// It writes results to stdout and throws AwsxError for anything that went wrong.
export type Command = (argv: string[]) => Promise<number>;
