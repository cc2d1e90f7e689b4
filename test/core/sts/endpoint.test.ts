// Where STS calls go (docs/aws-config.md section 8) and the refusal of plain-text endpoints
// (docs/security.md T14, test 48b): a table of literal INI, env and region.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsxError } from '../../../src/core/errors.ts';
import { endpointForDisplay, type Env } from '../../../src/core/endpoints/policy.ts';
import { regionalStsEndpoint, resolveStsTarget } from '../../../src/core/sts/endpoint.ts';
import { profilesFrom } from '../../helpers/profiles.ts';

interface Row {
  readonly name: string;
  readonly config?: string;
  readonly env?: Env;
  readonly region: string | undefined;
  readonly profile?: string;
  readonly expect: { region: string; endpoint: string; source: string } | { error: string; message: RegExp };
}

const P = '[profile p]\n';
const SERVICES = '[services local]\nsts =\n  endpoint_url = https://sts.services.example\n';

const rows: Row[] = [
  { name: 'default: regional', region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.eu-west-1.amazonaws.com', source: 'regional' } },
  { name: 'no region, no endpoint: global, signed us-east-1', region: undefined, expect: { region: 'us-east-1', endpoint: 'https://sts.amazonaws.com', source: 'global' } },
  { name: 'China partition', region: 'cn-north-1', expect: { region: 'cn-north-1', endpoint: 'https://sts.cn-north-1.amazonaws.com.cn', source: 'regional' } },
  { name: 'GovCloud', region: 'us-gov-west-1', expect: { region: 'us-gov-west-1', endpoint: 'https://sts.us-gov-west-1.amazonaws.com', source: 'regional' } },
  { name: 'legacy, listed region: global', config: P + 'sts_regional_endpoints = legacy\n', region: 'eu-west-1', expect: { region: 'us-east-1', endpoint: 'https://sts.amazonaws.com', source: 'global' } },
  { name: 'legacy, unlisted region: regional', config: P + 'sts_regional_endpoints = legacy\n', region: 'eu-south-1', expect: { region: 'eu-south-1', endpoint: 'https://sts.eu-south-1.amazonaws.com', source: 'regional' } },
  { name: 'env AWS_STS_REGIONAL_ENDPOINTS wins over the profile', config: P + 'sts_regional_endpoints = legacy\n', env: { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, region: 'us-east-1', expect: { region: 'us-east-1', endpoint: 'https://sts.us-east-1.amazonaws.com', source: 'regional' } },
  { name: 'legacy from env', env: { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, region: 'us-west-2', expect: { region: 'us-east-1', endpoint: 'https://sts.amazonaws.com', source: 'global' } },
  { name: 'empty setting means regional', env: { AWS_STS_REGIONAL_ENDPOINTS: '' }, region: 'us-west-2', expect: { region: 'us-west-2', endpoint: 'https://sts.us-west-2.amazonaws.com', source: 'regional' } },
  { name: 'bogus setting', config: P + 'sts_regional_endpoints = bogus\n', region: 'eu-west-1', expect: { error: 'InvalidSTSRegionalEndpointsConfigError', message: /^profile p: STS regional endpoints option bogus is invalid\. Valid options are: "legacy", "regional"$/ } },
  { name: 'bogus setting fails with a custom endpoint too', config: P + 'sts_regional_endpoints = bogus\nendpoint_url = https://sts.example\n', region: undefined, expect: { error: 'InvalidSTSRegionalEndpointsConfigError', message: /option bogus is invalid/ } },
  { name: 'a missing services section is reported before a bogus setting', config: P + 'sts_regional_endpoints = bogus\nservices = nowhere\n', region: 'eu-west-1', expect: { error: 'InvalidConfigError', message: /"nowhere" services configuration does not exist/ } },
  { name: 'AWS_ENDPOINT_URL_STS first', config: P + 'services = local\nendpoint_url = https://sts.profile.example\n' + SERVICES, env: { AWS_ENDPOINT_URL_STS: 'https://sts.env.example', AWS_ENDPOINT_URL: 'https://all.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.env.example', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'AWS_ENDPOINT_URL is not used for STS: then the services section', config: P + 'services = local\n' + SERVICES, env: { AWS_ENDPOINT_URL: 'https://all.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.services.example', source: 'services' } },
  { name: 'AWS_ENDPOINT_URL alone: the regional endpoint', env: { AWS_ENDPOINT_URL: 'http://localhost:4566', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.eu-west-1.amazonaws.com', source: 'regional' } },
  { name: 'empty env values are skipped', config: P + 'endpoint_url = https://sts.profile.example\n', env: { AWS_ENDPOINT_URL_STS: '', AWS_ENDPOINT_URL: '' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.profile.example', source: 'endpoint_url' } },
  { name: 'then the services section', config: P + 'services = local\nendpoint_url = https://sts.profile.example\n' + SERVICES, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.services.example', source: 'services' } },
  { name: 'a services section without sts: the profile endpoint_url', config: P + 'services = local\nendpoint_url = https://sts.profile.example\n[services local]\ns3 =\n  endpoint_url = https://s3.example\n', region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.profile.example', source: 'endpoint_url' } },
  { name: 'then endpoint_url in the profile', config: P + 'endpoint_url = https://sts.profile.example\n', region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.profile.example', source: 'endpoint_url' } },
  { name: 'a missing services section', config: P + 'services = nowhere\n', region: 'eu-west-1', expect: { error: 'InvalidConfigError', message: /^profile p: The profile is configured to use the services section but the "nowhere" services configuration does not exist\.$/ } },
  { name: 'a missing services section is not looked at when an env var is set', config: P + 'services = nowhere\n', env: { AWS_ENDPOINT_URL_STS: 'https://sts.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.env.example', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'ignore_configured_endpoint_urls disables all four', config: P + 'ignore_configured_endpoint_urls = true\nservices = nowhere\nendpoint_url = https://sts.profile.example\n', env: { AWS_ENDPOINT_URL_STS: 'https://sts.env.example', AWS_ENDPOINT_URL: 'https://all.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.eu-west-1.amazonaws.com', source: 'regional' } },
  { name: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (any case)', env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE', AWS_ENDPOINT_URL_STS: 'https://sts.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.eu-west-1.amazonaws.com', source: 'regional' } },
  { name: 'the env var overrides the profile flag, and only "true" is true', config: P + 'ignore_configured_endpoint_urls = true\n', env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: '1', AWS_ENDPOINT_URL_STS: 'https://sts.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.env.example', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'a custom endpoint without a region', env: { AWS_ENDPOINT_URL_STS: 'https://sts.env.example' }, region: undefined, expect: { error: 'NoRegionError', message: /^profile p: You must specify a region\./ } },
  { name: 'a custom endpoint keeps the client region for signing', config: P + 'sts_regional_endpoints = legacy\n', env: { AWS_ENDPOINT_URL_STS: 'https://sts.env.example' }, region: 'us-east-2', expect: { region: 'us-east-2', endpoint: 'https://sts.env.example', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'plain http to loopback is refused without the flag', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000' }, region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /^profile p: refusing STS endpoint http:\/\/127\.0\.0\.1:5000 \(from AWS_ENDPOINT_URL_STS\): plain http, and any local user can listen on a loopback port$/ } },
  { name: 'plain http to loopback with the flag', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, region: 'us-east-1', expect: { region: 'us-east-1', endpoint: 'http://127.0.0.1:5000', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'plain http to localhost with the old name of the flag', env: { AWS_ENDPOINT_URL_STS: 'http://localhost:4566', AWSX_ALLOW_INSECURE_STS_ENDPOINT: '1' }, region: 'us-east-1', expect: { region: 'us-east-1', endpoint: 'http://localhost:4566', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'plain http to ::1 with the flag', env: { AWS_ENDPOINT_URL_STS: 'http://[::1]:4566', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, region: 'us-east-1', expect: { region: 'us-east-1', endpoint: 'http://[::1]:4566', source: 'AWS_ENDPOINT_URL_STS' } },
  { name: 'the flag is 1, nothing else', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000', AWSX_ALLOW_INSECURE_ENDPOINTS: 'true' }, region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /refusing STS endpoint http:\/\/127\.0\.0\.1:5000/ } },
  { name: 'plain http elsewhere is refused', config: P + 'endpoint_url = http://sts.attacker.example\n', region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /^profile p: refusing STS endpoint http:\/\/sts\.attacker\.example \(from endpoint_url\): plain http to another machine$/ } },
  { name: 'plain http elsewhere is refused even with the flag', config: P + 'services = local\n[services local]\nsts =\n  endpoint_url = http://10.0.0.5:8080\n', env: { AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /^profile p: refusing STS endpoint http:\/\/10\.0\.0\.5:8080 \(from services\): plain http to another machine$/ } },
  { name: 'a host that only starts like loopback is another machine', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1.nip.io', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /refusing STS endpoint http:\/\/127\.0\.0\.1\.nip\.io .*another machine/ } },
  { name: 'other schemes are refused even with the flag', env: { AWS_ENDPOINT_URL_STS: 'ftp://sts.example', AWSX_ALLOW_INSECURE_ENDPOINTS: '1' }, region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /refusing STS endpoint ftp:\/\/sts\.example \(from AWS_ENDPOINT_URL_STS\): not https/ } },
  { name: 'not a URL', env: { AWS_ENDPOINT_URL_STS: 'sts.example' }, region: 'us-east-1', expect: { error: 'InvalidConfigError', message: /^profile p: STS endpoint "sts\.example" \(from AWS_ENDPOINT_URL_STS\) is not a URL$/ } },
  { name: 'a region that is not a host name label', region: 'evil.example/#', expect: { error: 'InvalidConfigError', message: /^profile p: region "evil\.example\/#" is not a region name$/ } },
  { name: 'a profile that does not exist reads env only', profile: 'absent', env: { AWS_ENDPOINT_URL_STS: 'https://sts.env.example' }, region: 'eu-west-1', expect: { region: 'eu-west-1', endpoint: 'https://sts.env.example', source: 'AWS_ENDPOINT_URL_STS' } },
];

for (const row of rows) {
  test(`endpoint: ${row.name}`, () => {
    const set = profilesFrom(row.config ?? P);
    const run = () => resolveStsTarget(row.env ?? {}, set, row.profile ?? 'p', row.region);
    if ('error' in row.expect) {
      const want = row.expect;
      assert.throws(run, (e: unknown) => {
        assert.ok(isAwsxError(e));
        assert.equal(e.code, want.error);
        assert.match(e.message, want.message);
        assert.ok(e.hint, 'every error names a fix');
        return true;
      });
    } else {
      assert.deepEqual({ ...run() }, row.expect);
    }
  });
}

test('a plain-http endpoint is refused, and the refusal says why and names the flag (security 48)', () => {
  const set = profilesFrom(P);
  const hintOf = (env: Env) => {
    try {
      resolveStsTarget(env, set, 'p', 'us-east-1');
    } catch (e) {
      return isAwsxError(e) ? e.hint : undefined;
    }
    return 'no refusal';
  };
  assert.match(hintOf({ AWS_ENDPOINT_URL_STS: 'http://sts.example' }) ?? '', /^use an https:\/\/ endpoint: .*AWSX_ALLOW_INSECURE_ENDPOINTS=1 allows plain http to this machine .* and nowhere else$/);
  assert.match(hintOf({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4566' }) ?? '', /^use an https:\/\/ endpoint; for a test service on this machine \(moto, LocalStack\) set AWSX_ALLOW_INSECURE_ENDPOINTS=1$/);
});

test('regional endpoints of every partition', () => {
  assert.equal(regionalStsEndpoint('eusc-de-east-1'), 'https://sts.eusc-de-east-1.amazonaws.eu');
  assert.equal(regionalStsEndpoint('us-iso-east-1'), 'https://sts.us-iso-east-1.c2s.ic.gov');
  assert.equal(regionalStsEndpoint('us-isob-east-1'), 'https://sts.us-isob-east-1.sc2s.sgov.gov');
  assert.equal(regionalStsEndpoint('eu-isoe-west-1'), 'https://sts.eu-isoe-west-1.cloud.adc-e.uk');
  assert.equal(regionalStsEndpoint('us-isof-south-1'), 'https://sts.us-isof-south-1.csp.hci.ic.gov');
});

test('endpoints are shown without user info or query', () => {
  assert.equal(endpointForDisplay('https://user:pa55@sts.example:8443/x?token=1'), 'https://sts.example:8443/x');
  assert.equal(endpointForDisplay('http://127.0.0.1:5000'), 'http://127.0.0.1:5000');
});
