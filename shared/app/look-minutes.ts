// The per-minute metrics a look at a bake judges, read from CloudWatch: a canary's two variants side by side, or a
// replacement's baseline before the switch and its candidate after.
import type { CloudWatchAdapter } from '../aws/cloudwatch';
import type { DeployedLine } from '../domain/deployment/line';
import type { Deployment } from '../domain/deployment/state';
import { beforeAfterSpans, lookSpan, type VariantMinutes } from '../domain/deployment/window';

type Span = { start: Date; end: Date };

/**
 * A canary's variants share the span since its step started: one batched query. A replacement's two sides never
 * serve at once: the baseline's variant over the bake's length before the switch (CloudWatch keeps its metrics after
 * it left the endpoint), the candidate's since; one query each, as their spans differ.
 */
export async function lookMinutes(
  cloudwatch: Pick<CloudWatchAdapter, 'variantMinutes'>,
  line: DeployedLine,
  deployment: Deployment,
  now: Date,
): Promise<[VariantMinutes, VariantMinutes]> {
  const { endpointName, bakeMinutes, judge } = line.deployment;
  const read = (variants: string[], span: Span) =>
    cloudwatch.variantMinutes(endpointName, variants, span.start, span.end, judge.customMetrics);
  const [baseline, candidate] = [deployment.baseline!.variant, deployment.candidate.variant];
  const switchedAt = new Date(deployment.bakeStartedAt!);
  if (deployment.kind !== 'replace') {
    const [before, after] = await read([baseline, candidate], lookSpan(switchedAt, now));
    return [before!, after!];
  }
  const spans = beforeAfterSpans(switchedAt, bakeMinutes, now);
  const [before] = await read([baseline], spans.baseline);
  const [after] = await read([candidate], spans.candidate);
  return [before!, after!];
}
