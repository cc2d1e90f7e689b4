// The command table (src/cli/commandTable.ts) is what every entry point routes by: each
// row's module exists and exports the command, and the built launcher sends each command
// to the bundle its row names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMANDS } from '../../src/cli/commandTable.ts';
import { loadCommand } from '../../src/cli/loadCommand.ts';
import { runAwsx } from '../helpers/cli.ts';

for (const row of COMMANDS) {
  test(`${row.name}: commands/${row.module}.ts exports its command`, async () => {
    assert.equal(typeof (await loadCommand(row)).command, 'function');
  });
}

test('awsx --help lists every row meant for people, with its summary', async () => {
  const r = await runAwsx(['--help']);
  assert.equal(r.code, 0, r.stderr);
  for (const row of COMMANDS) {
    if (row.name.startsWith('__')) assert.doesNotMatch(r.stdout, new RegExp(`^  ${row.name} `, 'm'));
    else assert.match(r.stdout, new RegExp(`^  ${row.name} +${row.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  }
});
