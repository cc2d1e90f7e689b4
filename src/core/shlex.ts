// Python's shlex.split (POSIX mode), which botocore uses to name profiles from section
// headers (`[profile "my app"]`) and to split `credential_process` command lines.
import { AwsxError } from './errors.ts';

const WHITESPACE = ' \t\r\n';

export function shlexSplit(input: string): string[] {
  const tokens: string[] = [];
  let token = '';
  let inToken = false; // a token has started, possibly empty ('' is a token)
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else token += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < input.length && (input[i + 1] === '"' || input[i + 1] === '\\')) token += input[++i];
      else if (c === '\\' && i + 1 >= input.length) throw unbalanced('No closing quotation');
      else token += c;
    } else if (WHITESPACE.includes(c)) {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else if (c === "'" || c === '"') {
      quote = c;
      inToken = true;
    } else if (c === '\\') {
      if (i + 1 >= input.length) throw unbalanced('No escaped character');
      token += input[++i];
      inToken = true;
    } else {
      token += c;
      inToken = true;
    }
  }
  if (quote) throw unbalanced('No closing quotation');
  if (inToken) tokens.push(token);
  return tokens;
}

function unbalanced(what: string): AwsxError {
  return new AwsxError('ValidationError', `cannot split command line: ${what.toLowerCase()}`, {
    hint: 'balance the quotes (or escape the character with a backslash)',
  });
}
