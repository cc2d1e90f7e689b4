// The whole flow in a real terminal (tmux), per shell, against moto: `awsx init` in an
// interactive shell, `awsx use P`, the AWS CLI answering with the role, the prompt hook
// renewing credentials inside the refresh window, and `awsx clear` leaving nothing.
// The profile's duration_seconds is 900, STS's minimum: such credentials are inside the
// hook's 15-minute window from the start, so the prompt right after `awsx use` asks the
// daemon, which serves the session it holds instead of calling STS again (its window
// scales to short sessions, issue 18.10).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGED_VARIABLES } from '../../src/shell/variables.ts';
import { awsxHome } from '../helpers/awsxHome.ts';
import { startMoto, type Moto } from '../helpers/moto.ts';
import type { RealShell } from '../helpers/hookedShell.ts';
import { startTmux } from '../helpers/tmux.ts';
import { findBinary } from '../helpers/realShell.ts';

const ROLE = 'arn:aws:iam::123456789012:role/awsx-e2e';
const CONFIG = `[profile base]\nregion = us-east-1\n[profile app]\nrole_arn = ${ROLE}\nsource_profile = base\nduration_seconds = 900\nregion = us-east-1\n`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
const LEFT = `env | grep -cE '^(${MANAGED_VARIABLES.join('|')})='`;

interface ShellScript {
  readonly start: string;
  /** Installs awsx and a prompt `[<segment>]> `. */
  readonly setup: string;
  readonly left: string;
}

const SCRIPTS: Readonly<Record<RealShell, ShellScript>> = {
  bash: { start: 'bash --norc --noprofile -i', setup: `eval "$(awsx init bash)"; PS1='[\${AWSX_PROMPT}]> '`, left: `echo "LEFT=$(${LEFT})"` },
  zsh: { start: 'zsh -f -i', setup: `eval "$(awsx init zsh)"; setopt PROMPT_SUBST; PROMPT='[\${AWSX_PROMPT}]> '`, left: `echo "LEFT=$(${LEFT})"` },
  fish: { start: 'fish --no-config -i', setup: "awsx init fish | source; function fish_prompt; printf '[%s]> ' (awsx_prompt); end", left: `echo LEFT=(${LEFT})` },
};

let moto: Moto | undefined;
before(async () => {
  if (findBinary('moto_server') !== undefined) moto = await startMoto();
});
after(() => moto?.stop());

function lastMatch(screen: string, re: RegExp): string | undefined {
  return [...screen.matchAll(new RegExp(re, 'g'))].at(-1)?.[1];
}

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  test(`${shell}: awsx init, use, the AWS CLI, a refresh at the prompt, clear`, async (t) => {
    const missing = [shell, 'tmux', 'moto_server', 'aws'].filter((b) => findBinary(b) === undefined);
    if (missing.length > 0) return t.skip(`not installed: ${missing.join(', ')}`);
    const script = SCRIPTS[shell];
    const env = awsxHome(t, moto!.url, { config: CONFIG, credentials: CREDENTIALS });
    const tmux = await startTmux(t, { command: script.start, env, cwd: env.HOME!, width: 200, height: 50 });
    await tmux.waitFor((s) => s.length > 0);
    await tmux.line(script.setup);
    await tmux.waitFor(/^\[\]>\s*$/m, 30_000);

    await tmux.line('awsx use app; echo "USED=$AWS_ACCESS_KEY_ID"');
    const used = lastMatch(await tmux.waitFor(/USED=(ASIA\w+)/, 60_000), /USED=(ASIA\w+)/);
    await tmux.waitFor(/^\[app 1[45]m!?\]>\s*$/m, 60_000);

    await t.test('the AWS CLI in that shell answers with the role', async () => {
      await tmux.line('aws --endpoint-url "$AWS_ENDPOINT_URL_STS" sts get-caller-identity --query Arn --output text');
      await tmux.waitFor(/^arn:aws:sts::123456789012:assumed-role\/awsx-e2e\/\S+$/m, 60_000);
    });

    await t.test('the prompt after `awsx use` renews the 15-minute credentials from the session the daemon holds', async () => {
      await tmux.line('echo "NOW=$AWS_ACCESS_KEY_ID"');
      const now = lastMatch(await tmux.waitFor(/NOW=(ASIA\w+)/, 30_000), /NOW=(ASIA\w+)/);
      assert.equal(now, used, `the daemon's cached session; screen:\n${await tmux.screen()}`);
      const screen = await tmux.waitFor(/^\[app 1[45]m\]>\s*$/m, 30_000);
      assert.doesNotMatch(screen, /run awsx use app to renew|\[app \d+m!\]/, 'the renewal succeeded');
    });

    await t.test('awsx clear leaves none of the variables', async () => {
      await tmux.line(`awsx clear; ${script.left}`);
      await tmux.waitFor(/^LEFT=0$/m, 30_000);
      await tmux.waitFor(/^\[\]>\s*$/m);
    });
  });
}
