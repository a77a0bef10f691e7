// Reads the CloudFormation template that `serverless package` writes (local/packaging.ts): its resources, its
// Lambda functions and its EventBridge rules, for the stack tests and for the local cloud.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const ROOT = join(__dirname, '..');

const resourceSchema = z.looseObject({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).default({}) });
const templateSchema = z.looseObject({ Resources: z.record(z.string(), resourceSchema) });
export type Resource = z.output<typeof resourceSchema>;
export type Template = z.output<typeof templateSchema>;

/** Where `serverless package` writes the stack's template, in its package folder. */
export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

export const loadTemplate = (dir: string): Template =>
  templateSchema.parse(JSON.parse(readFileSync(join(dir, TEMPLATE_FILE), 'utf8')));

export const resourcesOfType = (t: Template, type: string): [string, Resource][] =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);

// Intrinsic functions as the template spells them.
export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
const getAttSchema = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.string()]) });

/** `DataArrivedLambdaFunction` → `dataArrived`, the key in serverless.yml. */
export const functionKey = (logicalId: string): string => {
  const base = logicalId.replace(/LambdaFunction$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1)}`;
};

/** Every Lambda function of the stack by its serverless.yml key. */
export const lambdaFunctions = (t: Template): { key: string; logicalId: string; props: Record<string, unknown> }[] =>
  resourcesOfType(t, 'AWS::Lambda::Function').map(([logicalId, r]) => ({
    key: functionKey(logicalId),
    logicalId,
    props: r.Properties,
  }));

const targetSchema = z.looseObject({
  Arn: z.unknown(),
  Id: z.string(),
  InputTransformer: z
    .object({ InputPathsMap: z.record(z.string(), z.string()).default({}), InputTemplate: z.string() })
    .optional(),
  DeadLetterConfig: z.looseObject({ Arn: z.unknown() }).optional(),
  RetryPolicy: z
    .looseObject({ MaximumRetryAttempts: z.number().optional(), MaximumEventAgeInSeconds: z.number().optional() })
    .optional(),
});
// A plain object (not loose), so Rule keeps its known keys through Omit.
const ruleSchema = z.object({
  EventPattern: z.record(z.string(), z.unknown()).optional(),
  ScheduleExpression: z.string().optional(),
  EventBusName: z.unknown().optional(),
  Targets: z.array(targetSchema).default([]),
});
export type Target = z.output<typeof targetSchema> & { fn: string | undefined };
export type Rule = Omit<z.output<typeof ruleSchema>, 'Targets'> & { id: string; targets: Target[] };

/**
 * The function a target invokes (`Fn::GetAtt: [<Fn>LambdaFunction, Arn]`), by serverless.yml key; undefined for
 * other targets.
 */
const targetFunction = (arn: unknown): string | undefined => {
  const att = getAttSchema.safeParse(arn);
  return att.success && att.data['Fn::GetAtt'][1] === 'Arn' && att.data['Fn::GetAtt'][0].endsWith('LambdaFunction')
    ? functionKey(att.data['Fn::GetAtt'][0])
    : undefined;
};

export const eventRules = (t: Template): Rule[] =>
  resourcesOfType(t, 'AWS::Events::Rule').map(([id, r]) => {
    const { Targets, ...rest } = ruleSchema.parse(r.Properties);
    return { id, ...rest, targets: Targets.map((target) => ({ ...target, fn: targetFunction(target.Arn) })) };
  });

/** The functions as Lambda runs them: handler and the async retry count of their EventInvokeConfig. */
export function functionDefs(
  t: Template,
): { name: string; handler: string; maximumRetryAttempts: number; timeoutSeconds: number }[] {
  const configs = resourcesOfType(t, 'AWS::Lambda::EventInvokeConfig');
  return lambdaFunctions(t).map((f) => {
    const config = configs.find(
      ([, c]) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify(ref(f.logicalId)),
    );
    return {
      name: f.key,
      handler: String(f.props.Handler),
      maximumRetryAttempts: Number(config?.[1].Properties.MaximumRetryAttempts ?? 2),
      timeoutSeconds: Number(f.props.Timeout ?? 3),
    };
  });
}
