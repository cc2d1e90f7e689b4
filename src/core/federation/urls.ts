// The console sign-in URLs: the federation endpoint and console host of each partition (with
// AWS's region-specific sign-in hosts, as granted uses them: every region but the partition's
// first gets `REGION.` in front), the Destination (--service, --path, region), and the
// getSigninToken and login requests (IAM user guide, "Enable custom identity broker access
// to the AWS console"; aws-vault's cli/login.go).
import { AwsxError } from '../errors.ts';
import { parseRoleArn } from '../stsLimits.ts';
import type { ConsoleService } from './services.ts';

export type ConsolePartition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface Hosts {
  readonly signin: string;
  readonly console: string;
  /** The region whose hosts carry no region prefix. */
  readonly home: string;
}

const HOSTS: Readonly<Record<ConsolePartition, Hosts>> = {
  aws: { signin: 'signin.aws.amazon.com', console: 'console.aws.amazon.com', home: 'us-east-1' },
  'aws-cn': { signin: 'signin.amazonaws.cn', console: 'console.amazonaws.cn', home: 'cn-north-1' },
  'aws-us-gov': { signin: 'signin.amazonaws-us-gov.com', console: 'console.amazonaws-us-gov.com', home: 'us-gov-west-1' },
};

function regionPartition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (/^[a-z]{2}-iso/.test(region)) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** The partition of the role ARN, else of the region; the two must agree. */
export function consolePartition(subject: string, roleArn: string | undefined, region: string | undefined): ConsolePartition {
  const fromArn = roleArn === undefined ? undefined : parseRoleArn(roleArn)?.partition;
  const fromRegion = region === undefined ? undefined : regionPartition(region);
  if (fromArn !== undefined && fromRegion !== undefined && fromArn !== fromRegion) {
    throw new AwsxError('UsageError', `${subject}: region ${region} is not in partition ${fromArn} of role ${roleArn}`, {
      hint: `give a region of partition ${fromArn} with --region, or fix region in the profile`,
    });
  }
  const partition = fromArn ?? fromRegion ?? 'aws';
  if (!Object.hasOwn(HOSTS, partition)) {
    throw new AwsxError('Unsupported', `${subject}: partition ${partition} has no public console sign-in that awsx knows`, {
      hint: 'use the console sign-in your partition provides',
    });
  }
  return partition as ConsolePartition;
}

function prefix(hosts: Hosts, region: string | undefined): string {
  return region === undefined || region === hosts.home ? '' : `${region}.`;
}

export function signinEndpoint(partition: ConsolePartition, region: string | undefined): string {
  const h = HOSTS[partition];
  return `https://${prefix(h, region)}${h.signin}/federation`;
}

export interface Destination {
  readonly service?: ConsoleService | undefined;
  /** A console path such as `ec2/home#Instances:`. */
  readonly path?: string | undefined;
}

/** The console page to land on: the service's home or the path, with ?region= where it applies. */
export function consoleDestination(partition: ConsolePartition, region: string | undefined, to: Destination): string {
  const h = HOSTS[partition];
  const base = `https://${prefix(h, region)}${h.console}/`;
  const path = to.path ?? (to.service ? `${to.service.path}/home` : 'console/home');
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|\\/i.test(path)) {
    throw new AwsxError('UsageError', `console: --path ${JSON.stringify(path)} is not a path on the console`, {
      hint: 'give the part after the console host, e.g. --path ec2/home#Instances:',
    });
  }
  const url = new URL(path.replace(/^\/+/, ''), base);
  if (region !== undefined && to.service?.global !== true && !url.searchParams.has('region')) url.searchParams.set('region', region);
  return url.toString();
}

export interface SigninSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** GET ENDPOINT?Action=getSigninToken&SessionDuration=N&Session={"sessionId",...}. */
export function signinTokenUrl(endpoint: string, session: SigninSession, sessionDuration: number | undefined): string {
  const q = new URLSearchParams({ Action: 'getSigninToken' });
  if (sessionDuration !== undefined) q.set('SessionDuration', String(sessionDuration));
  q.set('Session', JSON.stringify({ sessionId: session.accessKeyId, sessionKey: session.secretAccessKey, sessionToken: session.sessionToken }));
  return `${endpoint}?${q.toString()}`;
}

export function loginUrl(endpoint: string, destination: string, signinToken: string): string {
  const q = new URLSearchParams({ Action: 'login', Issuer: 'awsx', Destination: destination, SigninToken: signinToken });
  return `${endpoint}?${q.toString()}`;
}
