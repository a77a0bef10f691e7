// SageMaker as the scenario scripts it: the faults it plants, what Model Monitor finds drifted, the model package
// groups and pipelines it sets up, and how each line's nth training job, each pipeline's nth run and each
// endpoint's nth operation end (its `trainings`, `pipelines` and `endpointOutcomes`; as AWS usually does otherwise).
import type { CloudWatchEmulator } from '../cloudwatch';
import type { S3Emulator } from '../s3';
import { SageMakerEmulator, type SageMakerOptions } from '../sagemaker';
import type { Scenario } from '../scenario';

/** Model Monitor's executions publish their drift metrics into `cloudwatch` and their reports into `s3`. */
export function scriptedSageMaker(
  scenario: Scenario,
  cloud: Pick<SageMakerOptions, 'clock' | 'emit' | 'timeline'> & {
    hasScalableTarget: NonNullable<SageMakerOptions['hasScalableTarget']>;
    deregisterScalableTargets: NonNullable<SageMakerOptions['deregisterScalableTargets']>;
    cloudwatch: CloudWatchEmulator;
    s3: S3Emulator;
  },
): SageMakerEmulator {
  const { cloudwatch, s3 } = cloud;
  const sagemaker = new SageMakerEmulator({
    clock: cloud.clock,
    emit: cloud.emit,
    timeline: cloud.timeline,
    hasScalableTarget: cloud.hasScalableTarget,
    deregisterScalableTargets: cloud.deregisterScalableTargets,
    faults: scenario.faults,
    monitoring: {
      putMetric: (namespace, name, dimensions, at, value) =>
        cloudwatch.putDatum(namespace, name, dimensions, at, value),
      putObject: (uri, body) => s3.put(uri, body),
      drift: (endpoint, at) => driftAt(scenario, endpoint, at),
    },
    ...scenarioPlans(scenario),
  });
  for (const g of scenario.setup.modelPackageGroups) sagemaker.createModelPackageGroup(g);
  for (const p of scenario.setup.pipelines) sagemaker.createPipeline(p);
  return sagemaker;
}

function scenarioPlans(
  scenario: Scenario,
): Required<Pick<SageMakerOptions, 'trainingPlan' | 'endpointPlan' | 'pipelinePlan'>> {
  const jobsPerLine = new Map<string, number>();
  const runsPerPipeline = new Map<string, number>();
  const endpointOps = new Map<string, number>();
  return {
    trainingPlan: ({ tags }) => {
      const model = tags['shepherd:model'] ?? '';
      const n = jobsPerLine.get(model) ?? 0;
      jobsPerLine.set(model, n + 1);
      const s = scenario.trainings[model]?.[n] ?? {
        training: 10 * 60_000,
        interruptions: [],
        outcome: 'Completed' as const,
        metrics: {},
      };
      return {
        trainingMs: s.training,
        interruptions: s.interruptions.map((i) => ({ afterMs: i.after, ms: i.lasting })),
        outcome: s.outcome,
        metrics: s.metrics,
        ...(s.failureReason ? { failureReason: s.failureReason } : {}),
      };
    },
    endpointPlan: ({ endpointName, operation }) => {
      const key = `${endpointName}/${operation}`;
      const n = (endpointOps.get(key) ?? 0) + 1;
      endpointOps.set(key, n);
      const o = scenario.endpointOutcomes.find(
        (x) => x.endpoint === endpointName && x.operation === operation && x.nth === n,
      );
      return o
        ? { outcome: o.outcome, ...(o.failureReason ? { failureReason: o.failureReason } : {}) }
        : { outcome: 'InService' };
    },
    pipelinePlan: ({ pipelineName }) => {
      const n = runsPerPipeline.get(pipelineName) ?? 0;
      runsPerPipeline.set(pipelineName, n + 1);
      const s = scenario.pipelines[pipelineName]?.[n] ?? { duration: 15 * 60_000, outcome: 'Succeeded' as const };
      return {
        durationMs: s.duration,
        outcome: s.outcome,
        ...(s.failureReason ? { failureReason: s.failureReason } : {}),
        ...(s.registers ? { registers: s.registers } : {}),
      };
    },
  };
}

/** What an execution of the endpoint's monitoring finds at `at`: the scenario's latest word before it. */
function driftAt(scenario: Scenario, endpoint: string, at: Date): { features: string[]; drifted: string[] } {
  const plan = scenario.monitoring[endpoint] ?? [];
  const features = [...new Set(plan.flatMap((p) => p.drifted))].sort();
  const elapsed = at.getTime() - Date.parse(scenario.start);
  const current = plan
    .filter((p) => p.at <= elapsed)
    .sort((a, b) => a.at - b.at)
    .at(-1);
  return { features, drifted: current?.drifted ?? [] };
}
