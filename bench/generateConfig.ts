// A large, realistic config: role chains up to three deep, MFA, comments, nested s3
// blocks, blank lines and CRLF-free text; plus the credentials file with the base keys.
export function generateConfig(profiles: number): { config: string; credentials: string; names: string[] } {
  const lines: string[] = ['# generated for the awsx benchmark', '[default]', 'region = us-east-1', ''];
  const names: string[] = [];
  const bases = Math.max(1, Math.floor(profiles / 50));
  let credentials = '';
  for (let b = 0; b < bases; b++) {
    credentials += `[base-${b}]\naws_access_key_id = AKIABENCH${String(b).padStart(11, '0')}\naws_secret_access_key = secret-${b}\n\n`;
    names.push(`base-${b}`);
  }
  for (let i = names.length; i < profiles; i++) {
    const account = String(100000000000 + i);
    const name = `team-${i % 97}-acct-${i}`;
    // Every third profile is chained behind the previous one; the rest sit on a base.
    const source = i % 3 === 0 && i > bases ? names[i - 1]! : `base-${i % bases}`;
    lines.push(`# ${name}: owned by team ${i % 97}`);
    lines.push(`[profile ${name}]`);
    lines.push(`role_arn = arn:aws:iam::${account}:role/Role${i % 7}`);
    lines.push(`source_profile = ${source}`);
    if (i % 4 === 0) lines.push(`mfa_serial = arn:aws:iam::111111111111:mfa/user${i % bases}`);
    if (i % 5 === 0) lines.push('duration_seconds = 7200');
    if (i % 6 === 0) lines.push('s3 =', '  max_concurrency = 20', '  addressing_style = path');
    lines.push(`region = ${['us-east-1', 'eu-west-1', 'ap-southeast-2'][i % 3]}`, '');
    names.push(name);
  }
  return { config: lines.join('\n'), credentials, names };
}
