// `awsx console --service NAME`: the console path of the common services, with the short
// names people type (granted's table is the model). Global services take no region.
import { AwsxError } from '../errors.ts';

interface Service {
  readonly path: string;
  readonly global?: boolean;
}

const SERVICES: Readonly<Record<string, Service>> = {
  acm: { path: 'acm' },
  apigateway: { path: 'apigateway' },
  athena: { path: 'athena' },
  billing: { path: 'billing', global: true },
  cloudformation: { path: 'cloudformation' },
  cloudfront: { path: 'cloudfront/v4', global: true },
  cloudtrail: { path: 'cloudtrail' },
  cloudwatch: { path: 'cloudwatch' },
  codepipeline: { path: 'codesuite/codepipeline' },
  dynamodb: { path: 'dynamodbv2' },
  ec2: { path: 'ec2' },
  ecr: { path: 'ecr' },
  ecs: { path: 'ecs' },
  eks: { path: 'eks' },
  eventbridge: { path: 'events' },
  guardduty: { path: 'guardduty' },
  iam: { path: 'iam', global: true },
  kms: { path: 'kms' },
  lambda: { path: 'lambda' },
  organizations: { path: 'organizations/v2', global: true },
  rds: { path: 'rds' },
  route53: { path: 'route53/v2', global: true },
  s3: { path: 's3' },
  secretsmanager: { path: 'secretsmanager' },
  sns: { path: 'sns' },
  sqs: { path: 'sqs' },
  ssm: { path: 'systems-manager' },
  stepfunctions: { path: 'states' },
  vpc: { path: 'vpcconsole' },
};

const ALIASES: Readonly<Record<string, string>> = {
  cfn: 'cloudformation', cf: 'cloudfront', cw: 'cloudwatch', ct: 'cloudtrail', ddb: 'dynamodb', events: 'eventbridge',
  r53: 'route53', sm: 'secretsmanager', sfn: 'stepfunctions', states: 'stepfunctions', org: 'organizations',
};

export interface ConsoleService {
  readonly name: string;
  readonly path: string;
  readonly global: boolean;
}

export function consoleService(input: string): ConsoleService {
  const key = input.toLowerCase();
  const name = Object.hasOwn(SERVICES, key) ? key : Object.hasOwn(ALIASES, key) ? ALIASES[key]! : undefined;
  if (name === undefined) {
    const close = closeNames(key);
    throw new AwsxError('UsageError', `console: unknown service "${input}"${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''}`, {
      hint: `use one of ${Object.keys(SERVICES).join(', ')}, or --path PATH for any other console page`,
    });
  }
  const s = SERVICES[name]!;
  return { name, path: s.path, global: s.global === true };
}

/** Names within two edits, or that start with or contain what was typed. */
function closeNames(typed: string): string[] {
  const names = [...Object.keys(SERVICES), ...Object.keys(ALIASES)];
  return names.filter((n) => (typed.length >= 2 && (n.startsWith(typed) || n.includes(typed))) || editDistance(typed, n) <= 2).slice(0, 5);
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
