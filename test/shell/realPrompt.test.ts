// The hook at a real interactive prompt (tmux), per shell: the status a prompt shows is the
// user's command's even when the hook ran (and failed) a refresh before it, and the
// failure is said once on the terminal however many prompts follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAwsx } from '../helpers/fakeAwsx.ts';
import { expiresIn, writeInit, type RealShell } from '../helpers/hookedShell.ts';
import { startTmux } from '../helpers/tmux.ts';
import { findBinary } from '../helpers/realShell.ts';

// Each prompt reads `[STATUS|SEGMENT]> `.
function start(shell: RealShell, dir: string, init: string): { command: string; env: Record<string, string> } {
  if (shell === 'bash') {
    writeFileSync(join(dir, 'rc'), `source '${init}'\nPS1='[$?|\${AWSX_PROMPT}]> '\n`);
    return { command: `bash --noprofile --rcfile '${join(dir, 'rc')}' -i`, env: {} };
  }
  if (shell === 'zsh') {
    writeFileSync(join(dir, '.zshrc'), `source '${init}'\nsetopt PROMPT_SUBST\nPROMPT='[%?|\${AWSX_PROMPT}]> '\n`);
    return { command: 'zsh -d -i', env: { ZDOTDIR: dir } };
  }
  writeFileSync(join(dir, 'rc.fish'), `source '${init}'\nfunction fish_prompt; set -l s $status; printf '[%s|%s]> ' $s (awsx_prompt); end\n`);
  return { command: `fish --no-config -i -C 'source ${join(dir, 'rc.fish')}'`, env: {} };
}

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  test(`${shell}: a real prompt keeps $? and says a failed refresh once`, async (t) => {
    const missing = [shell, 'tmux'].filter((b) => findBinary(b) === undefined);
    if (missing.length > 0) return t.skip(`not installed: ${missing.join(', ')}`);
    const fake = fakeAwsx(t);
    fake.respond('env', { status: 1 });
    const { dir, init } = writeInit(t, shell, [fake.bin]);
    const { command, env } = start(shell, dir, init);
    const tmux = await startTmux(t, {
      command,
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', AWSX_PROFILE: 'prod', AWS_CREDENTIAL_EXPIRATION: expiresIn(9 * 60 + 30), ...env },
    });
    await tmux.waitFor(/\[0\|prod 9m!\]>/, 30_000);
    for (const [cmd, status] of [['false', 1], ['true', 0], ['false', 1]] as const) {
      await tmux.line(`${cmd} # ${cmd}-${status}`);
      await tmux.waitFor(new RegExp(`${cmd}-${status}\\n\\[${status}\\|prod 9m!\\]>`), 30_000);
    }
    const screen = await tmux.screen();
    assert.equal(screen.split('run awsx use prod to renew').length - 1, 1, screen);
    assert.equal(fake.calls().length, 1);
  });
}
