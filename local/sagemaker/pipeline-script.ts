// How a scenario scripts a pipeline execution, and what the execution becomes when its script ends: apart from the
// Pipelines API (./pipelines.ts) and ./pipeline-runs.ts, which only start, show and announce executions.
import type { Execution } from './executions';
import type { Registry } from './registry';

export interface PipelineScript {
  durationMs?: number;
  outcome: 'Succeeded' | 'Failed';
  failureReason?: string;
  /**
   * what the pipeline's RegisterModel step registers on success (metrics become CustomerMetadataProperties,
   * keys as given)
   */
  registers?: { group: string; approvalStatus: 'Approved' | 'PendingManualApproval'; metrics?: Record<string, number> };
}

export type PipelinePlan = (execution: {
  pipelineName: string;
  displayName: string;
  parameters: Record<string, string>;
}) => PipelineScript;

/**
 * Ends `e` at `at` as its script says: Succeeded registers a model package as its RegisterModel step would (a step
 * the registry refuses fails the execution), Failed carries the script's reason.
 */
export function finishExecution(e: Execution, script: PipelineScript, at: number, registry: Registry): void {
  let status: string = script.outcome;
  let reason =
    script.outcome === 'Failed' ? (script.failureReason ?? 'Step failed: the pipeline execution failed') : undefined;
  if (status === 'Succeeded' && script.registers) {
    const r = script.registers;
    try {
      const metadata = Object.fromEntries(Object.entries(r.metrics ?? {}).map(([k, v]) => [k, String(v)]));
      e.registered = registry.register(r.group, {
        approval: r.approvalStatus,
        metadata,
        description: `Registered by ${e.arn}`,
        extra: { MetadataProperties: { GeneratedBy: e.arn } },
      }).arn;
    } catch (err) {
      status = 'Failed';
      reason = `Step RegisterModel failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  Object.assign(e, {
    status,
    lastModified: at,
    endedAt: at,
    ...(reason !== undefined ? { failureReason: reason } : {}),
  });
}
