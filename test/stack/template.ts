// IAM, zip and bundle helpers of the stack tests; the template itself is packaged by local/packaging.ts and read by
// local/template.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { run } from '../../local/packaging';
import { ref, resourcesOfType, type Template } from '../../local/template';
import { iamPattern } from '../helpers/iam';

export * from '../../local/packaging';
export * from '../../local/template';

export interface Statement {
  effect: string;
  actions: string[];
  resources: unknown[];
  condition: unknown;
}

const statementSchema = z.looseObject({
  Effect: z.string(),
  Action: z.union([z.string(), z.array(z.string())]).optional(),
  NotAction: z.unknown().optional(),
  Resource: z.unknown().optional(),
  NotResource: z.unknown().optional(),
  Condition: z.unknown().optional(),
});
const policySchema = z.looseObject({
  PolicyDocument: z.looseObject({ Statement: z.union([statementSchema, z.array(statementSchema)]) }),
});
const toArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Statements of one policy document; NotAction and NotResource count as `*`, which is what they nearly grant. */
const statementsOf = (policy: unknown): Statement[] =>
  toArray(policySchema.parse(policy).PolicyDocument.Statement).map((s) => ({
    effect: s.Effect,
    actions: s.NotAction !== undefined ? ['*'] : toArray(s.Action),
    resources: s.NotResource !== undefined ? ['*'] : toArray<unknown>(s.Resource),
    condition: s.Condition,
  }));

/** The Allow statements a role grants: its inline policies and any AWS::IAM::Policy attached to it. */
export function roleStatements(t: Template, roleId: string): Statement[] {
  const role = t.Resources[roleId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not an AWS::IAM::Role`);
  const inline = toArray(role.Properties.Policies as unknown[] | undefined).flatMap(statementsOf);
  const attached = resourcesOfType(t, 'AWS::IAM::Policy')
    .filter(([, p]) =>
      JSON.stringify(toArray(p.Properties.Roles as unknown[] | undefined)).includes(JSON.stringify(ref(roleId))),
    )
    .flatMap(([, p]) => statementsOf(p.Properties));
  return [...inline, ...attached].filter((s) => s.effect === 'Allow');
}

/**
 * Whether an IAM action pattern (`sagemaker:Create*`, `*`) covers an action; IAM compares actions
 * case-insensitively.
 */
export const actionCovers = (pattern: string, action: string): boolean => iamPattern(pattern, true).test(action);

/** Zip entry names, through `unzip -Z1`. */
export async function zipEntries(zipFile: string): Promise<string[]> {
  const { code, output } = await run('unzip', ['-Z1', zipFile]);
  if (code !== 0) throw new Error(`unzip -Z1 ${zipFile} failed: ${output}`);
  return output.split('\n').filter(Boolean);
}

/**
 * The modules a function's bundle carries (bytes in its output), from the esbuild metafile that packaging writes
 * beside the zips: project files by path, packages as `node_modules/<package>/…`.
 */
export function bundledModules(packageDir: string, handler: string): string[] {
  return Object.keys(bundleOf(packageDir, handler).modules);
}

/** A function's bundle: its JavaScript's size and each module's bytes in it, named as bundledModules names them. */
export function bundleOf(packageDir: string, handler: string): { bytes: number; modules: Record<string, number> } {
  const entry = handler.replace(/\.[^.]+$/, '');
  const file = join(packageDir, 'esbuild-meta', `${entry}.json`);
  const meta = metafileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const output = Object.values(meta.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error(`no bundle of ${entry} in its metafile`);
  const modules = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path, input]) => [path.replace(/^.*?(?=node_modules\/)/, ''), input.bytesInOutput] as const);
  return { bytes: output.bytes, modules: Object.fromEntries(modules) };
}

const metafileSchema = z.object({
  outputs: z.record(
    z.string(),
    z.looseObject({
      entryPoint: z.string().optional(),
      bytes: z.number(),
      inputs: z.record(z.string(), z.looseObject({ bytesInOutput: z.number() })),
    }),
  ),
});
