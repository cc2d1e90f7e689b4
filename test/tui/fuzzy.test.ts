// The picker's fuzzy scorer: what matches, where, and how matches rank against each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCORE, charMask, fuzzyMatch, positionBonus } from '../../src/tui/fuzzy.ts';

test('a subsequence matches, in order, case-insensitively; anything else does not', () => {
  assert.deepEqual(fuzzyMatch('prd', 'prod')?.positions, [0, 1, 3]);
  assert.deepEqual(fuzzyMatch('adm', 'Team-Admin')?.positions, [5, 6, 7]);
  assert.equal(fuzzyMatch('dp', 'prod'), undefined);
  assert.equal(fuzzyMatch('prodx', 'prod'), undefined);
  assert.deepEqual(fuzzyMatch('', 'prod'), { score: 0, positions: [] });
});

test('a contiguous occurrence at a word start is preferred over an earlier one inside a word', () => {
  assert.deepEqual(fuzzyMatch('prod', 'preprod-prod')?.positions, [8, 9, 10, 11]);
  assert.deepEqual(fuzzyMatch('prod', 'preprod')?.positions, [3, 4, 5, 6]);
});

test('a scattered match takes the tightest window that ends first', () => {
  // "p-r-o-d-x" matches p,r,o,d; the window is found by scanning back from the first end.
  assert.deepEqual(fuzzyMatch('prd', 'p-r-x-prd')?.positions, [6, 7, 8]);
  assert.deepEqual(fuzzyMatch('ace', 'a-b-c-d-e')?.positions, [0, 4, 8]);
});

test('bonuses: text start, word start, camel and digit steps', () => {
  assert.equal(positionBonus('prod', 0), SCORE.start);
  assert.equal(positionBonus('team-prod', 5), SCORE.boundary);
  assert.equal(positionBonus('arn:aws:iam::123', 13), SCORE.boundary);
  assert.equal(positionBonus('MyRole', 2), SCORE.camel);
  assert.equal(positionBonus('Role7', 4), SCORE.camel);
  assert.equal(positionBonus('prod', 2), 0);
});

test('the mask of a text has the bits of its letters and digits', () => {
  assert.equal(charMask('ab') & charMask('b'), charMask('b'));
  assert.notEqual(charMask('ab') & charMask('c'), charMask('c'));
  assert.equal(charMask('-_:/'), 0);
});

// Each row: a query and texts in the order they must rank, best first. The scheme is
// fzf's: a hit at a word start is worth more than adjacency inside a word, so initials
// and separated words beat a substring buried in a word, and gaps cost.
const RANKING: readonly { readonly query: string; readonly order: readonly string[] }[] = [
  { query: 'prod', order: ['prod', 'production', 'team-prod-admin', 'p-r-o-d', 'p_xx_r_xx_o_xx_d', 'preprod', 'xpxrxoxd'] },
  { query: 'adm', order: ['admin', 'team-admin', 'TeamAdmin', 'badmin', 'xaxdxm'] },
  { query: '0123', order: ['012345678901', 'acct-0123', '0-1-2-3', '100000000123', '10x1x2x3'] },
  { query: 'euw', order: ['eu-west-1', 'eu-west-2-long-name', 'europe-west'] },
  { query: 'tpa', order: ['tpa-x', 'the-past', 'team-prod-admin', 'xtxpxa'] },
];

for (const { query, order } of RANKING) {
  test(`ranking for "${query}": ${order.join(' > ')}`, () => {
    const scores = order.map((text) => {
      const m = fuzzyMatch(query, text);
      assert.ok(m, `"${query}" should match "${text}"`);
      return m.score;
    });
    const ranked = [...order].sort((a, b) => scores[order.indexOf(b)]! - scores[order.indexOf(a)]!);
    assert.deepEqual(ranked, order, `scores: ${order.map((t, i) => `${t}=${scores[i]}`).join(', ')}`);
  });
}
