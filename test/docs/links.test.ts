// Every relative link in README.md and docs/*.md resolves: the file exists and, when the
// link has a #fragment into a Markdown file, that file has a heading with that anchor
// (GitHub's rule: lower case, punctuation dropped, spaces to dashes, -1, -2 for repeats).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/cli.ts';

const FILES = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** A heading's anchor keeps the text of its code spans, so only fences are skipped. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = heading!.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

test('every relative link in README.md and docs/ resolves, anchors included', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const file of FILES) {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    for (const link of links(text)) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      checked++;
      const [path, fragment] = link.split('#') as [string, string | undefined];
      const target = path === '' ? join(REPO_ROOT, file) : join(REPO_ROOT, dirname(file), path);
      if (!existsSync(target)) {
        broken.push(`${file}: ${link} (no ${relative(REPO_ROOT, target)})`);
      } else if (fragment !== undefined && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(fragment)) {
        broken.push(`${file}: ${link} (no heading #${fragment} in ${relative(REPO_ROOT, target)})`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 20, `only ${checked} relative links found: the link pattern is broken`);
});
