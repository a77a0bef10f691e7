// The packaged stack's resource policies: every AWS service they let in acts for this account's own resources only
// (aws:SourceAccount or aws:SourceArn), so another account's resource cannot make it a confused deputy.
import { join } from 'node:path';
import { packagedTemplate, resourcesOfType, ROOT, type Template } from './template';

let template: Template;

beforeAll(async () => {
  template = await packagedTemplate(join(ROOT, '.local-cloud', 'package'), join(ROOT, 'shepherd.yml'));
});

type Statement = { Sid?: string; Principal?: unknown; Condition?: Record<string, Record<string, unknown>> };

// Where each resource type keeps its resource policy; roles' trust policies and identity policies are not ones.
const POLICIES: Record<string, (properties: Record<string, unknown>) => unknown> = {
  'AWS::KMS::Key': (p) => p.KeyPolicy,
  'AWS::SQS::QueuePolicy': (p) => p.PolicyDocument,
  'AWS::SNS::TopicPolicy': (p) => p.PolicyDocument,
  'AWS::S3::BucketPolicy': (p) => p.PolicyDocument,
};
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn'];

const servicesOf = (principal: unknown): string[] =>
  typeof principal === 'object' && principal !== null && 'Service' in principal
    ? [(principal as { Service: string | string[] }).Service].flat()
    : [];

/** The condition's source keys (in lower case: IAM ignores their case), each with its value. */
const sourceConditions = (statement: Statement): [string, unknown][] =>
  Object.values(statement.Condition ?? {}).flatMap((byKey) =>
    Object.entries(byKey).flatMap(([key, value]) =>
      SOURCE_KEYS.includes(key.toLowerCase()) ? [[key.toLowerCase(), value] as [string, unknown]] : [],
    ),
  );

const statementsOf = (type: string): [string, Statement][] =>
  resourcesOfType(template, type).flatMap(([id, r]) => {
    const policy = POLICIES[type]!(r.Properties) as { Statement: Statement | Statement[] };
    return [policy.Statement].flat().map((s, i) => [`${id} ${s.Sid ?? i}`, s] as [string, Statement]);
  });

describe('the resource policies of the stack', () => {
  it('let in every AWS service only for this account’s own resources', () => {
    // Prepare
    const trusting = Object.keys(POLICIES)
      .flatMap(statementsOf)
      .filter(([, s]) => servicesOf(s.Principal).length > 0);

    // Act: a source condition that names this account
    const unheld = trusting
      .filter(([, s]) => !sourceConditions(s).some(([, value]) => JSON.stringify(value).includes('AWS::AccountId')))
      .map(([where, s]) => `${where}: ${servicesOf(s.Principal).join(', ')}`);

    // Assess
    expect(trusting.length).toBeGreaterThan(0);
    expect(unheld).toEqual([]);
  });

  it('let CloudWatch use the notifications key only for this account’s alarms in this Region', () => {
    // Prepare
    const [cloudWatch, ...others] = statementsOf('AWS::KMS::Key').filter(([, s]) =>
      servicesOf(s.Principal).includes('cloudwatch.amazonaws.com'),
    );

    // Act
    const conditions = Object.fromEntries(sourceConditions(cloudWatch![1]));

    // Assess
    expect(others).toEqual([]);
    expect(conditions).toEqual({
      'aws:sourceaccount': { Ref: 'AWS::AccountId' },
      'aws:sourcearn': { 'Fn::Sub': `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:*` },
    });
  });

  it('let EventBridge invoke a function only from one of the stack’s own rules', () => {
    // Prepare
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission')
      .map(([id, r]) => [id, r.Properties] as const)
      .filter(([, p]) => p.Principal === 'events.amazonaws.com');

    // Act
    const unheld = permissions
      .filter(([, p]) => !/"rule"|:rule\//.test(JSON.stringify(p.SourceArn ?? null)))
      .map(([id]) => id);

    // Assess
    expect(permissions.length).toBeGreaterThan(0);
    expect(unheld).toEqual([]);
  });
});
