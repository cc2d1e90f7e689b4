import type { ShellChange } from '../variables.ts';

/**
 * One output format: turns a validated change (names checked, no NUL in values) into the
 * text awsx prints. Pure; each shell's is in its record (../shells/), json's and dotenv's
 * beside this file.
 */
export type Renderer = (change: ShellChange) => string;
