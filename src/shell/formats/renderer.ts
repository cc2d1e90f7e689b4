import type { ShellChange } from '../variables.ts';

/**
 * One output format: turns a validated change (names checked, no NUL in values) into the
 * text awsx prints. Pure; each format lives in its own file beside this one.
 */
export type Renderer = (change: ShellChange) => string;
