// A listener on a loopback port run as another uid (nobody, through setpriv): the local
// attacker of docs/security.md tests 48b and 49, who can listen on any free loopback port
// and waits for awsx to send it something. It answers nothing and records every byte.
import { spawn } from 'node:child_process';
import type { TestContext } from 'node:test';
import { asUid, NOBODY } from './otherUid.ts';
import { waitFor } from './waitFor.ts';

export interface LoopbackSpy {
  readonly port: number;
  readonly url: string;
  /** Everything received so far, as text. */
  received(): string;
}

// Prints its port, then each received chunk as one base64 line.
const SPY = `
const net = require('node:net');
const server = net.createServer((s) => s.on('data', (d) => process.stdout.write(d.toString('base64') + '\\n')));
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
`;

export async function loopbackSpyAs(t: TestContext, uid = NOBODY): Promise<LoopbackSpy> {
  const [cmd, ...args] = asUid(uid, [process.execPath, '-e', SPY]);
  const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await waitFor(() => /^port \d+\n/.test(out), `the spy (uid ${uid}) listening; it printed ${JSON.stringify(out)}`);
  const port = Number(/^port (\d+)/.exec(out)![1]);
  return {
    port,
    url: `http://localhost:${port}`,
    received: () =>
      out
        .split('\n')
        .slice(1)
        .map((line) => Buffer.from(line, 'base64').toString('utf8'))
        .join(''),
  };
}
