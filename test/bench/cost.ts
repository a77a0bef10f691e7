// The cost sweep's scale target (issue 10): a sweep of 5,000 endpoints on the emulated SageMaker and CloudWatch, over
// real SDK clients and HTTP, timed, with its CloudWatch calls against what querying each endpoint on its own takes.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { survey } from '../../shared/app/cost-survey';
import { CostMetricsAdapter } from '../../shared/aws/cost-metrics';
import { SageMakerCleanupAdapter } from '../../shared/aws/sagemaker-cleanup';
import { SageMakerCostAdapter } from '../../shared/aws/sagemaker-cost';
import { SageMakerWorkspacesAdapter } from '../../shared/aws/sagemaker-workspaces';
import { costSweepSchema } from '../../shared/config/cost-schema';
import { pricesFor } from '../../shared/domain/cost/prices';
import { CloudWatchEmulator } from '../../local/cloudwatch';
import { REGION, Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { seedEndpoint, seededEndpointSchema } from '../../local/cost-world';
import { SageMakerEmulator } from '../../local/sagemaker';
import { startLocalServer } from '../../local/server';

export interface SweepFigures {
  endpoints: number;
  variants: number;
  seconds: number;
  findings: number;
  failures: number;
  metricCalls: number;
  /** One GetMetricData call per endpoint: the fewest a per-resource sweep can make. */
  perResourceCalls: number;
  sagemakerCalls: number;
}

/** Every 10th endpoint idle, every 20th with a second variant, every 50th on GPUs; all priced instance types. */
function account(n: number) {
  return Array.from({ length: n }, (_, i) =>
    seededEndpointSchema.parse({
      name: `bench-${String(i).padStart(5, '0')}`,
      tags: i % 10 === 0 ? { 'shepherd:cost-action': 'delete' } : {},
      variants: [
        {
          name: 'AllTraffic',
          instanceType: i % 50 === 0 ? 'ml.g5.xlarge' : 'ml.m5.xlarge',
          instanceCount: 1 + (i % 3),
          requestsPerMinute: i % 10 === 0 ? 0 : 40,
          cpuPercent: 20 + (i % 40),
          memoryPercent: 40,
          ...(i % 50 === 0 ? { gpuPercent: 30 } : {}),
        },
        ...(i % 20 === 0 ? [{ name: 'Shadow', instanceType: 'ml.m5.large', requestsPerMinute: 5 }] : []),
      ],
    }),
  );
}

export async function sweepFigures(n: number): Promise<SweepFigures> {
  const clock = new Clock(new Date('2026-11-30T06:00:00Z'), 1);
  const timeline = new Timeline(clock, false);
  const sagemaker = new SageMakerEmulator({
    clock,
    timeline,
    emit: () => undefined,
    trainingPlan: () => ({ trainingMs: 60_000, interruptions: [], outcome: 'Completed', metrics: {} }),
  });
  const cloudwatch = new CloudWatchEmulator({ clock, timeline, emit: () => undefined });
  const endpoints = account(n);
  for (const e of endpoints) seedEndpoint(e, sagemaker, cloudwatch, clock.now());
  const calls = new Map<string, number>();
  const server = await startLocalServer({
    services: { sagemaker: sagemaker.handle, cloudwatch: cloudwatch.handle },
    onCall: (service) => calls.set(service, (calls.get(service) ?? 0) + 1),
  });
  const client = { endpoint: server.url, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  const metrics = new CostMetricsAdapter(new CloudWatchClient(client));
  const deps = {
    sagemaker: new SageMakerCostAdapter(new SageMakerClient(client)),
    workspaces: new SageMakerWorkspacesAdapter(new SageMakerClient(client)),
    cleanup: new SageMakerCleanupAdapter(new SageMakerClient(client)),
    cloudwatch: metrics,
    config: costSweepSchema.parse({}),
    prices: pricesFor(REGION),
    region: REGION,
    shepherdPrefixes: [],
    trainingPrefixes: [],
  };
  try {
    const start = performance.now();
    const result = await survey(deps, clock.now());
    const seconds = (performance.now() - start) / 1000;
    return {
      endpoints: n,
      variants: endpoints.reduce((sum, e) => sum + e.variants.length, 0),
      seconds,
      findings: result.findings.length,
      failures: result.failures.length,
      metricCalls: calls.get('cloudwatch') ?? 0,
      perResourceCalls: n,
      sagemakerCalls: calls.get('sagemaker') ?? 0,
    };
  } finally {
    sagemaker.stop();
    clock.stopAll();
    await server.close();
  }
}
