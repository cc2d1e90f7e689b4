// Which sections hold profile NAME, with botocore's meaning (docs/aws-config.md 2.5).
import { DEFAULT_SECTION, type IniDocument, type IniSection } from '../ini/document.ts';
import { classifyConfigSection } from '../config/sections.ts';

/**
 * The config file's sections that name the profile, in file order. botocore uses the last
 * one whole (`[default]` then `[profile default]`: the later wins), so edits go there.
 */
export function configSectionsFor(doc: IniDocument, name: string): IniSection[] {
  return doc.sections.filter((s) => {
    if (s.name === DEFAULT_SECTION) return false;
    const c = classifyConfigSection(s.name);
    return c.kind === 'profile' && c.name === name;
  });
}

export function effectiveConfigSection(doc: IniDocument, name: string): IniSection | undefined {
  const all = configSectionsFor(doc, name);
  return all[all.length - 1];
}

/** The credentials file names profiles verbatim, with no `profile ` prefix. */
export function credentialsSectionFor(doc: IniDocument, name: string): IniSection | undefined {
  if (name === DEFAULT_SECTION) return undefined;
  return doc.sections.find((s) => s.name === name);
}
