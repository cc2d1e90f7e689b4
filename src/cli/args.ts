// node:util parseArgs with awsx's error shape: a bad flag is a UsageError naming the command.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AwsxError } from '../core/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new AwsxError('UsageError', `${command}: ${(e as Error).message}`, { hint: usage });
  }
}

/** Prints the usage and returns true when --help was given. */
export function wantsHelp(values: { help?: boolean | undefined }, usage: string): boolean {
  if (!values.help) return false;
  process.stdout.write(usage + '\n');
  return true;
}
