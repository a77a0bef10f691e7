// Endpoint configs and models Shepherd created that nothing uses any more: they cost nothing by themselves, but
// they clutter the account and keep old artefacts reachable. Only Shepherd's own (tagged) are ever candidates.
import { configNameStart, modelNameStart } from '../names';
import type { Finding } from './findings';

export interface CreatedResource {
  kind: 'endpoint-config' | 'model';
  name: string;
  tags: Record<string, string>;
  createdAt: string;
}

/** Where Shepherd's own endpoint configs and models are: named after the endpoint and the model line. */
export const shepherdPrefixes = (models: { name: string; deployment?: { endpointName: string } }[]): string[] => [
  ...new Set(
    models.flatMap((m) => [
      modelNameStart(m.name),
      ...(m.deployment ? [configNameStart(m.deployment.endpointName)] : []),
    ]),
  ),
];

/** Shepherd tags what it creates with the model line it serves. */
export const CREATED_BY_TAG = 'shepherd:model';

/**
 * `inUse`: configs endpoints serve or were last updated from (deleting those breaks the next update), and models
 * those configs name. A resource younger than `graceHours` may belong to a deployment in progress.
 */
export function leftoverFindings(
  resources: CreatedResource[],
  inUse: Set<string>,
  graceHours: number,
  now: Date,
): Finding[] {
  const cutoff = now.getTime() - graceHours * 3_600_000;
  return resources
    .filter((r) => r.tags[CREATED_BY_TAG] !== undefined && !inUse.has(r.name) && Date.parse(r.createdAt) <= cutoff)
    .map((r) => ({
      kind: 'leftover',
      resource: r.name,
      evidence:
        `${r.kind} created by Shepherd for ${r.tags[CREATED_BY_TAG]} on ${r.createdAt.slice(0, 10)}; ` +
        'no endpoint uses it',
      monthlyCostUsd: 0,
      monthlySavingUsd: 0,
      action: 'delete',
      estimate: `${r.kind === 'model' ? 'a model' : 'an endpoint config'} costs nothing by itself`,
    }));
}
