// What enforcement does to a resource a sweep found, and the restore of an endpoint it deleted (`shepherd restore
// <endpoint>`) from the snapshot kept before the deletion.
import type { SageMakerCleanupAdapter } from '../aws/sagemaker-cleanup';
import type { EndpointConfigCopy } from '../aws/sagemaker-cost';
import { ACTION_TAG, type Planned, RESTORED_TAG } from '../domain/cost/enforcement';
import type { SnapshotStore } from '../state/snapshots';
import type { TimelineStore } from '../state/timeline';
import { endpointSnapshotKey } from '../state/keys';
import { COST_TIMELINE } from './cost-output';
import { resourceKind, type Survey } from './cost-survey';

export interface CostActionDeps {
  cleanup: SageMakerCleanupAdapter;
  snapshots: SnapshotStore;
  timeline: TimelineStore;
  clock: () => Date;
}

interface Snapshot {
  endpointName: string;
  config: EndpointConfigCopy;
  variants: unknown[];
  tags: Record<string, string>;
}

/** Why an endpoint is left in place when a later sweep's snapshot of it won over this sweep's. */
export const NEWER_SNAPSHOT =
  'not deleted: a later sweep kept a newer snapshot of it, so this older survey could not snapshot it';

/**
 * Stops or deletes what `p` names; an endpoint is snapshotted first, so that it can be restored. Returns why it was
 * held back instead, if it was.
 */
export async function takeAction(deps: CostActionDeps, p: Planned, s: Survey, at: string): Promise<string | undefined> {
  const { cleanup: sagemaker, snapshots, timeline } = deps;
  const resource = p.finding.resource;
  if (p.finding.kind === 'idle-endpoint') {
    const endpoint = s.endpoints.get(resource)!;
    const config = s.configs.get(endpoint.configName)!;
    const snapshot: Snapshot = { endpointName: resource, config, variants: endpoint.variants, tags: endpoint.tags };
    // Kept before the deletion: an endpoint Shepherd cannot bring back is never deleted.
    // A newer snapshot won: this survey predates a later sweep's deletion, so the endpoint there now may be one
    // recreated since (by hand, with another config) that restore could not bring back, and that it never saw idle.
    if (!(await snapshots.put(endpointSnapshotKey(resource), at, { ...snapshot }))) return NEWER_SNAPSHOT;
    await sagemaker.deleteEndpoint(resource);
  } else if (p.finding.kind === 'notebook') await sagemaker.stopNotebook(resource);
  else if (p.finding.kind === 'leftover' && s.leftoverKinds.get(resource) === 'model')
    await sagemaker.deleteModel(resource);
  else if (p.finding.kind === 'leftover') await sagemaker.deleteEndpointConfig(resource);
  else throw new Error(`no ${p.action} action for a ${p.finding.kind} finding`);
  // By kind too: an endpoint and a model of one name deleted in one sweep are two entries, not one over the other.
  const kind = resourceKind(s, p.finding) ?? p.finding.kind;
  await timeline.put({
    model: COST_TIMELINE,
    at,
    id: `${p.action}-${kind}-${resource}`,
    type: `cost-${p.action}`,
    message: `cost sweep: ${p.action} ${kind} ${resource} (${p.finding.evidence})`,
  });
  return undefined;
}

/** A restore: done, or refused with why (no sweep deleted an endpoint of that name), as the CLI's other answers. */
export type Restored =
  | { outcome: 'done'; message: string; endpointName: string; endpointConfigName: string }
  | { outcome: 'refused'; message: string };

/** Recreates an endpoint a sweep deleted, from its snapshot: its config (if gone too) and its tags. */
export async function restoreEndpoint(deps: CostActionDeps, name: string): Promise<Restored> {
  const item = await deps.snapshots.get(endpointSnapshotKey(name));
  if (!item) {
    return {
      outcome: 'refused',
      message: `no snapshot of endpoint ${name}: no cost sweep deleted an endpoint of that name`,
    };
  }
  const snapshot = item as unknown as Snapshot;
  const at = deps.clock().toISOString();
  // When, on the endpoint itself: a sweep that deletes it again says it had been restored, and since when.
  const tags = { ...snapshot.tags, [RESTORED_TAG]: at };
  const existing = await deps.cleanup.recreateEndpoint(name, snapshot.config, tags);
  const endpointConfigName = snapshot.config.EndpointConfigName ?? '';
  // The sweep's own deletion, not finished: nothing was created, and a restore after it will.
  if (existing === 'Deleting') {
    const message = `endpoint ${name} is still being deleted: restore it once the deletion has finished`;
    return { outcome: 'refused', message: `${message}, in a few minutes` };
  }
  // Restored before, or recreated by hand: it is there, but not this restore's doing.
  if (existing) {
    const message = `endpoint ${name} already exists (${existing}): nothing recreated`;
    return { outcome: 'done', message, endpointName: name, endpointConfigName };
  }
  await deps.timeline.put({
    model: COST_TIMELINE,
    at,
    id: `restore-${name}`,
    type: 'cost-restore',
    message: `endpoint ${name} recreated from the snapshot of ${String(item.takenAt)}`,
  });
  // The opt-in stays the operator's: Shepherd does not untag, but says what the tag will do once idle again.
  const again =
    snapshot.tags[ACTION_TAG] === 'delete'
      ? `. It keeps ${ACTION_TAG}=delete: a sweep deletes it again if it serves nothing for costSweep.idleDays ` +
        'from now; untag it to keep it'
      : '';
  const message = `endpoint ${name} is being created from ${endpointConfigName}${again}`;
  return { outcome: 'done', message, endpointName: name, endpointConfigName };
}
