// dotenv: `NAME="value"` per set variable (escaping rule: quoteDotenv in quote.ts).
// Unsets cannot be expressed in a dotenv file and are omitted.
import { quoteDotenv } from '../quote.ts';
import type { Renderer } from './renderer.ts';

export const renderDotenv: Renderer = (change) =>
  change.set.map(([name, value]) => `${name}=${quoteDotenv(value)}\n`).join('');
