// The text of a hook script in this folder. From source it is read here, when `awsx init`
// asks for it; scripts/build.mjs replaces this module in every bundle by one that holds
// the texts, so a bundle needs no file beside it and `awsx env` reads nothing.
import { readFileSync } from 'node:fs';

export function scriptText(file: string): string {
  return readFileSync(new URL(file, import.meta.url), 'utf8');
}
