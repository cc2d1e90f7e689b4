// The hook scripts are real shell files beside this one, so `bash -n`, `zsh -n`, `fish -n`
// and shellcheck read them as they are (test/shell/scripts.test.ts). What comes from awsx's
// data (the binary, the variables, the refresh rule, the completion words) stands in them
// as a token `__AWSX_NAME__`, a plain word in every shell:
// - a token alone on its line takes the line: each line of its value is indented like the
//   token, and an empty value removes the line;
// - anywhere else it is replaced in place.
// Lines starting with `##` are notes for whoever reads the file; they are not printed.
import { scriptText } from './text.ts';

const TOKEN = /__AWSX_([A-Z0-9]+(?:_[A-Z0-9]+)*)__/g;
const LINE_TOKEN = /^(\s*)__AWSX_([A-Z0-9]+(?:_[A-Z0-9]+)*)__$/;

export type ScriptValues = Readonly<Record<string, string>>;

/** The script `file` with every token filled from `values`; a token without a value is a bug in awsx. */
export function fillScript(file: string, values: ScriptValues): string {
  const value = (name: string): string => {
    const v = Object.hasOwn(values, name) ? values[name] : undefined;
    if (v === undefined) throw new Error(`${file}: no value for __AWSX_${name}__`);
    return v;
  };
  const out: string[] = [];
  for (const line of scriptText(file).split('\n')) {
    if (/^\s*##/.test(line)) continue;
    const whole = LINE_TOKEN.exec(line);
    if (whole === null) {
      out.push(line.replace(TOKEN, (_, name: string) => value(name)));
      continue;
    }
    const text = value(whole[2]!).replace(/\n$/, '');
    if (text !== '') out.push(...text.split('\n').map((l) => (l === '' ? l : whole[1]! + l)));
  }
  return out.join('\n');
}
