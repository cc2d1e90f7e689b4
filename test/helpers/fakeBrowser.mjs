#!/usr/bin/env node
// A browser for `awsx console` tests ($BROWSER): reads the page it is given (a file:// URL),
// records the address the page forwards to (and the page's modes) in $FAKE_BROWSER_LOG, then follows it with a GET,
// as a browser would. The address stays inside this process: never in any argv.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const [target] = process.argv.slice(2);
const file = fileURLToPath(target);
const mode = statSync(file).mode & 0o777;
const dirMode = statSync(dirname(file)).mode & 0o777;
const page = readFileSync(file, 'utf8');
const refresh = /<meta http-equiv="refresh" content="0;url=([^"]*)">/.exec(page)?.[1];
const url = refresh?.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
if (url === undefined) process.exit(3);
const status = await new Promise((resolve) => {
  http.get(url, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  }).on('error', () => resolve(0));
});
appendFileSync(process.env.FAKE_BROWSER_LOG, JSON.stringify({ file, mode, dirMode, url, status }) + '\n');
