// JSON: one object of the variables to set, in order, for programs rather than shells.
// Unsets are omitted: a consumer of JSON builds an environment from it instead of editing
// a live one, and `null` entries would turn into the string "null" in the usual
// `to_entries[] | "\(.key)=\(.value)"` pipelines. Printed as one pretty object and a newline.
import type { Renderer } from './renderer.ts';

export const renderJson: Renderer = (change) => {
  const object: Record<string, string> = {};
  // defineProperty, not assignment: a variable named `__proto__` must stay a plain key.
  for (const [name, value] of change.set) {
    Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return `${JSON.stringify(object, null, 2)}\n`;
};
