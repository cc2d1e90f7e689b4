// Tiny hand-written validators for the IPC schema (no dependency: DESIGN.md, T16). Each
// Shape checks an untrusted value and returns it typed, so the schema in protocol.ts is
// both the runtime check and, through Infer<>, the TypeScript type of every message.
// A failure names the path of the bad field, never its value (it may be a secret).

export class ShapeError extends Error {
  constructor(readonly path: string, readonly expected: string) {
    super(`${path || 'value'}: expected ${expected}`);
    this.name = 'ShapeError';
  }
}

export interface Shape<T> {
  readonly describe: string;
  check(value: unknown, path: string): T;
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

function shape<T>(describe: string, check: (value: unknown, path: string) => T): Shape<T> {
  return { describe, check };
}

/** A string of at most maxLength UTF-16 units (the frame cap bounds it anyway). */
export function str(maxLength = 8192): Shape<string> {
  return shape(`a string of at most ${maxLength} characters`, (v, p) => {
    if (typeof v !== 'string' || v.length > maxLength) throw new ShapeError(p, `a string of at most ${maxLength} characters`);
    return v;
  });
}

export function int(min: number, max: number): Shape<number> {
  return shape(`an integer in [${min}, ${max}]`, (v, p) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ShapeError(p, `an integer in [${min}, ${max}]`);
    return v;
  });
}

export const bool: Shape<boolean> = shape('a boolean', (v, p) => {
  if (typeof v !== 'boolean') throw new ShapeError(p, 'a boolean');
  return v;
});

export function literal<const L extends readonly string[]>(...values: L): Shape<L[number]> {
  const describe = `one of ${values.join(', ')}`;
  return shape(describe, (v, p) => {
    if (typeof v !== 'string' || !values.includes(v)) throw new ShapeError(p, describe);
    return v as L[number];
  });
}

/** Absent (undefined) or null on the wire both read as undefined. */
export function opt<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape(`${inner.describe} or nothing`, (v, p) => (v === undefined || v === null ? undefined : inner.check(v, p)));
}

export function arr<T>(inner: Shape<T>, maxItems: number): Shape<T[]> {
  return shape(`a list of at most ${maxItems}`, (v, p) => {
    if (!Array.isArray(v) || v.length > maxItems) throw new ShapeError(p, `a list of at most ${maxItems}`);
    return v.map((item, i) => inner.check(item, `${p}[${i}]`));
  });
}

type Fields = Record<string, Shape<unknown>>;
type Optional<F extends Fields> = { [K in keyof F]: undefined extends Infer<F[K]> ? K : never }[keyof F];
export type ObjectOf<F extends Fields> = { -readonly [K in Exclude<keyof F, Optional<F>>]: Infer<F[K]> } & {
  -readonly [K in Optional<F>]?: Infer<F[K]>;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A record with exactly these fields: unknown keys are refused, so nothing rides along. */
export function obj<F extends Fields>(fields: F): Shape<ObjectOf<F>> {
  const names = Object.keys(fields);
  return shape('an object', (v, p) => {
    if (!isRecord(v)) throw new ShapeError(p, 'an object');
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(fields, key)) throw new ShapeError(p, `no field named ${JSON.stringify(key.slice(0, 40))}`);
    }
    // A null-prototype result: reads of absent keys can never reach Object.prototype.
    const out: Record<string, unknown> = Object.create(null);
    for (const name of names) {
      const value = fields[name]!.check(Object.hasOwn(v, name) ? v[name] : undefined, p ? `${p}.${name}` : name);
      if (value !== undefined) out[name] = value;
    }
    return out as ObjectOf<F>;
  });
}

/**
 * A record whose keys come from a fixed list (the forwarded environment). The key set is
 * ours, not the user's, so keys are safe here; user-chosen names (profiles) travel as values.
 */
export function recordOf<K extends string, T>(keys: readonly K[], inner: Shape<T>): Shape<Partial<Record<K, T>>> {
  const allowed: ReadonlySet<string> = new Set(keys);
  return shape('an object of known keys', (v, p) => {
    if (!isRecord(v)) throw new ShapeError(p, 'an object');
    const out: Record<string, T> = Object.create(null);
    for (const key of Object.keys(v)) {
      if (!allowed.has(key)) throw new ShapeError(p, `no key named ${JSON.stringify(key.slice(0, 40))}`);
      out[key] = inner.check(v[key], `${p}.${key}`);
    }
    return out as Partial<Record<K, T>>;
  });
}

/** A tagged union: `kind` picks the shape. */
export function union<const U extends Record<string, Shape<object>>>(tag: string, variants: U): Shape<{ [K in keyof U]: Infer<U[K]> }[keyof U]> {
  const names = Object.keys(variants);
  return shape(`one of the ${tag} variants`, (v, p) => {
    if (!isRecord(v) || typeof v[tag] !== 'string' || !Object.hasOwn(variants, v[tag])) {
      throw new ShapeError(p ? `${p}.${tag}` : tag, `one of ${names.join(', ')}`);
    }
    return variants[v[tag] as string]!.check(v, p) as { [K in keyof U]: Infer<U[K]> }[keyof U];
  });
}
