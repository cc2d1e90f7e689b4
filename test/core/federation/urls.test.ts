// The console's URLs: each partition's sign-in and console hosts (regional where AWS has
// them), the destination for --service, --path and --region, and the two requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { federationEndpoint } from '../../../src/core/federation/endpoint.ts';
import { consoleService } from '../../../src/core/federation/services.ts';
import { consoleDestination, consolePartition, loginUrl, signinEndpoint, signinTokenUrl } from '../../../src/core/federation/urls.ts';

test('each partition has its sign-in and console hosts; regions other than the first get their own', () => {
  const rows: [string | undefined, string | undefined, string, string][] = [
    ['arn:aws:iam::123456789012:role/r', undefined, 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/console/home'],
    ['arn:aws:iam::123456789012:role/r', 'us-east-1', 'https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/console/home?region=us-east-1'],
    [undefined, 'eu-west-1', 'https://eu-west-1.signin.aws.amazon.com/federation', 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1'],
    ['arn:aws-cn:iam::123456789012:role/r', 'cn-north-1', 'https://signin.amazonaws.cn/federation', 'https://console.amazonaws.cn/console/home?region=cn-north-1'],
    [undefined, 'cn-northwest-1', 'https://cn-northwest-1.signin.amazonaws.cn/federation', 'https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1'],
    ['arn:aws-us-gov:iam::123456789012:role/r', 'us-gov-west-1', 'https://signin.amazonaws-us-gov.com/federation', 'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1'],
    ['arn:aws-us-gov:iam::123456789012:role/r', undefined, 'https://signin.amazonaws-us-gov.com/federation', 'https://console.amazonaws-us-gov.com/console/home'],
    [undefined, 'us-gov-east-1', 'https://us-gov-east-1.signin.amazonaws-us-gov.com/federation', 'https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1'],
  ];
  for (const [arn, region, signin, destination] of rows) {
    const p = consolePartition('console x', arn, region);
    assert.equal(signinEndpoint(p, region), signin, `${arn} ${region}`);
    assert.equal(consoleDestination(p, region, {}), destination, `${arn} ${region}`);
  }
});

test('a region outside the role\'s partition, and partitions without a public console, are errors', () => {
  assert.throws(() => consolePartition('console x', 'arn:aws-cn:iam::123456789012:role/r', 'eu-west-1'), /region eu-west-1 is not in partition aws-cn/);
  assert.throws(() => consolePartition('console x', 'arn:aws-iso:iam::123456789012:role/r', undefined), /partition aws-iso has no public console sign-in/);
});

test('--service lands on the service (global ones without a region), --path on any page', () => {
  const s3 = consoleService('s3');
  assert.equal(consoleDestination('aws', 'eu-west-1', { service: s3 }), 'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1');
  assert.equal(consoleDestination('aws', 'eu-west-1', { service: consoleService('IAM') }), 'https://eu-west-1.console.aws.amazon.com/iam/home');
  assert.equal(consoleService('cfn').name, 'cloudformation');
  assert.equal(consoleDestination('aws', 'us-west-2', { path: '/ec2/home#Instances:' }), 'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:');
  assert.equal(consoleDestination('aws', 'us-west-2', { path: 'cloudwatch/home?region=eu-west-1' }), 'https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-1');
  for (const bad of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)']) {
    assert.throws(() => consoleDestination('aws', undefined, { path: bad }), /is not a path on the console/, bad);
  }
});

test('an unknown service name is an error that lists close ones', () => {
  assert.throws(() => consoleService('lamda'), (e: Error & { hint?: string }) => /unknown service "lamda"; did you mean lambda\?/.test(e.message) && /--path PATH/.test(e.hint!));
  assert.throws(() => consoleService('dynamo'), /did you mean dynamodb/);
  assert.throws(() => consoleService('zzzzzz'), (e: Error) => !/did you mean/.test(e.message));
});

test('getSigninToken carries the three session keys and SessionDuration; login carries Issuer, Destination and the token', () => {
  const u = new URL(signinTokenUrl('https://signin.aws.amazon.com/federation', { accessKeyId: 'ASIA1', secretAccessKey: 's/+=', sessionToken: 't&k' }, 3600));
  assert.equal(u.searchParams.get('Action'), 'getSigninToken');
  assert.equal(u.searchParams.get('SessionDuration'), '3600');
  assert.deepEqual(JSON.parse(u.searchParams.get('Session')!), { sessionId: 'ASIA1', sessionKey: 's/+=', sessionToken: 't&k' });
  assert.equal(new URL(signinTokenUrl('https://x/federation', { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' }, undefined)).searchParams.has('SessionDuration'), false);
  const login = new URL(loginUrl('https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/s3/home?region=x&y=1', 'TOKEN+/='));
  assert.deepEqual([...login.searchParams.keys()], ['Action', 'Issuer', 'Destination', 'SigninToken']);
  assert.equal(login.searchParams.get('Destination'), 'https://console.aws.amazon.com/s3/home?region=x&y=1');
  assert.equal(login.searchParams.get('SigninToken'), 'TOKEN+/=');
});

test('AWSX_FEDERATION_ENDPOINT: https, or loopback http only when allowed', () => {
  assert.equal(federationEndpoint({}, 'aws', 'eu-west-1', 'console x'), 'https://eu-west-1.signin.aws.amazon.com/federation');
  assert.equal(federationEndpoint({ AWSX_FEDERATION_ENDPOINT: 'https://signin.example/federation' }, 'aws', undefined, 'console x'), 'https://signin.example/federation');
  assert.throws(() => federationEndpoint({ AWSX_FEDERATION_ENDPOINT: 'http://127.0.0.1:9/federation' }, 'aws', undefined, 'console x'), /refusing federation endpoint http:\/\/127\.0\.0\.1:9\/federation/);
  assert.equal(federationEndpoint({ AWSX_FEDERATION_ENDPOINT: 'http://127.0.0.1:9/federation', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, 'aws', undefined, 'console x'), 'http://127.0.0.1:9/federation');
  assert.throws(() => federationEndpoint({ AWSX_FEDERATION_ENDPOINT: 'http://signin.example/federation', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, 'aws', undefined, 'console x'), /plain http to another machine/);
});
