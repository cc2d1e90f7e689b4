// Which file and which section each key goes to: literal files in, both files' text out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addProfileEdit, removeProfileEdit, setProfileEdit, type FileTexts } from '../../../src/core/edit/edits.ts';
import type { ProfileSet } from '../../../src/core/config/profiles.ts';
import { profilesFrom } from '../../helpers/profiles.ts';

const ARN = 'arn:aws:iam::111111111111:role/app';
const keys = (o: Record<string, string>) => new Map(Object.entries(o));

const ROWS: { name: string; config: string; credentials?: string; edit: (s: ProfileSet) => FileTexts; want: Partial<FileTexts> }[] = [
  {
    name: 'add: static keys to credentials, the rest to config',
    config: '', edit: (s) => addProfileEdit(s, 'dev', keys({ region: 'eu-west-1', aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 's3cr3t' }), false),
    want: { config: '[profile dev]\nregion = eu-west-1\n', credentials: '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n' },
  },
  {
    name: 'add: default is [default], a name with a space is quoted',
    config: '[default]\nregion = us-east-1\n', credentials: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n',
    edit: (s) => addProfileEdit(s, 'my app', keys({ role_arn: ARN, source_profile: 'default' }), false),
    want: { config: '[default]\nregion = us-east-1\n\n[profile "my app"]\nrole_arn = arn:aws:iam::111111111111:role/app\nsource_profile = default\n' },
  },
  {
    name: 'add --force: the body replaced in place, stale credentials removed',
    config: '[profile a]\nregion = x-1\n\n[profile p]\nrole_arn = arn:aws:iam::222222222222:role/old\ncredential_source = Environment\n\n[profile z]\n',
    credentials: '[p]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n\n[q]\nk = v\n',
    edit: (s) => addProfileEdit(s, 'p', keys({ role_arn: ARN, credential_source: 'EcsContainer' }), true),
    want: {
      config: '[profile a]\nregion = x-1\n\n[profile p]\nrole_arn = arn:aws:iam::111111111111:role/app\ncredential_source = EcsContainer\n\n[profile z]\n',
      credentials: '[q]\nk = v\n',
    },
  },
  {
    name: 'set: default goes to the later of [default] and [profile default]',
    config: '[default]\nregion = a-1\n\n[profile default]\nregion = b-1\n', edit: (s) => setProfileEdit(s, 'default', { set: keys({ output: 'json' }), unset: [] }),
    want: { config: '[default]\nregion = a-1\n\n[profile default]\nregion = b-1\noutput = json\n' },
  },
  {
    name: 'set: a key is changed where the AWS CLI reads it (credentials wins)',
    config: '[profile p]\nregion = us-east-1\n', credentials: '[p]\nregion = us-west-2\n',
    edit: (s) => setProfileEdit(s, 'p', { set: keys({ region: 'eu-west-1' }), unset: [] }),
    want: { config: '[profile p]\nregion = eu-west-1\n', credentials: '[p]\nregion = eu-west-1\n' },
  },
  {
    name: 'set: a new static key creates the credentials section',
    config: '[profile p]\nregion = us-east-1\n', credentials: '# keys\n',
    edit: (s) => setProfileEdit(s, 'p', { set: keys({ aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'secret', region: 'eu-west-1' }), unset: [] }),
    want: { config: '[profile p]\nregion = eu-west-1\n', credentials: '# keys\n\n[p]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n' },
  },
  {
    name: 'set: unset removes the key from both files',
    config: '[profile p]\nregion = us-east-1\noutput = json\n', credentials: '[p]\nregion = us-west-2\n',
    edit: (s) => setProfileEdit(s, 'p', { set: new Map(), unset: ['region'] }),
    want: { config: '[profile p]\noutput = json\n', credentials: '[p]\n' },
  },
  {
    name: 'remove: every config section of the name and the credentials section',
    config: '[default]\nregion = a-1\n\n[profile default]\nregion = b-1\n\n[profile other]\nregion = c-1\n', credentials: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\n[other]\nk = v\n',
    edit: (s) => removeProfileEdit(s, 'default', false),
    want: { config: '[profile other]\nregion = c-1\n', credentials: '[other]\nk = v\n' },
  },
  {
    name: 'remove: [DEFAULT] and [profile NAME] in credentials (another profile) stay',
    config: '[DEFAULT]\noutput = json\n\n[profile p]\nregion = a-1\n', credentials: '[profile p]\nk = v\n',
    edit: (s) => removeProfileEdit(s, 'p', false),
    want: { config: '[DEFAULT]\noutput = json\n', credentials: '[profile p]\nk = v\n' },
  },
];

for (const row of ROWS) {
  test(row.name, () => {
    const set = profilesFrom(row.config, row.credentials ?? '');
    const got = row.edit(set);
    assert.equal(got.config, row.want.config ?? row.config, 'config');
    assert.equal(got.credentials, row.want.credentials ?? row.credentials ?? '', 'credentials');
  });
}

test('an unset key that only [DEFAULT] provides says so', () => {
  const set = profilesFrom('[DEFAULT]\nregion = us-east-1\n\n[profile p]\noutput = json\n');
  assert.throws(() => setProfileEdit(set, 'p', { set: new Map(), unset: ['region'] }), { code: 'ValidationError', hint: /comes from a \[DEFAULT\] section/ });
});

test('half a key pair is refused: the AWS CLI would fail on partial credentials', () => {
  const set = profilesFrom('[profile p]\nregion = us-east-1\n');
  assert.throws(() => setProfileEdit(set, 'p', { set: keys({ aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE' }), unset: [] }),
    { code: 'PartialCredentialsError', message: /missing: aws_secret_access_key/ });
});
