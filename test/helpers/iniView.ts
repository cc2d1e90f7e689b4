// The parsed view of a file in botocore's own shape, to compare with botocore_parse.py.
import type { IniDocument } from '../../src/core/ini/document.ts';
import { DEFAULT_SECTION, sectionValues } from '../../src/core/ini/document.ts';
import { buildProfileSet, type Keys } from '../../src/core/config/profiles.ts';
import { parseIni } from '../../src/core/ini/parse.ts';

function plain(keys: Keys): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of keys) out[k] = typeof v.value === 'string' ? v.value : { ...v.value };
  return out;
}

function plainMap(m: ReadonlyMap<string, Keys>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of m) out[k] = plain(v);
  return out;
}

/** load_config's view of a config file, or raw_config_parse's view of a credentials file. */
export function awsxView(text: string, kind: 'config' | 'credentials'): { ok: unknown } | { error: string } {
  let doc: IniDocument;
  try {
    doc = parseIni(text, 'file');
  } catch (e) {
    return { error: (e as { code: string }).code };
  }
  if (kind === 'credentials') {
    const out: Record<string, unknown> = {};
    for (const s of doc.sections) {
      if (s.name === DEFAULT_SECTION) continue;
      out[s.name] = plain(sectionValues(doc, s));
    }
    return { ok: out };
  }
  const set = buildProfileSet({ config: 'file', credentials: 'none' }, doc, parseIni('', 'none'));
  return { ok: { profiles: plainMap(new Map([...set.profiles].map(([k, p]) => [k, p.keys]))), sso_sessions: plainMap(set.ssoSessions), services: plainMap(set.services) } };
}
