// The emulated world of one endpoint, for tests of what it records of a deployment: the SageMaker emulator with
// registered churn packages and the synthetic traffic generator on one virtual clock. The generator is not
// started: a test sends a minute of traffic when it wants one, against the endpoint as it is then.
import { CloudWatchEmulator } from '../../local/cloudwatch';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator, type EndpointPlan } from '../../local/sagemaker';
import { TrafficGenerator } from '../../local/traffic';
import { seededRandom } from '../../local/traffic/random';

export const MINUTE = 60_000;
export const ENDPOINT = 'churn-prod';
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const IN_FLIGHT = ['Creating', 'Updating', 'RollingBack', 'Deleting'];

/** `at` plus `minutes`, as the summary writes times. */
export const iso = (at: Date, minutes = 0): string => new Date(at.getTime() + minutes * MINUTE).toISOString();

export function endpointWorld(plan?: EndpointPlan) {
  const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 100_000);
  const timeline = new Timeline(clock, false);
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: () => undefined,
    timeline,
    trainingPlan: () => ({ outcome: 'Completed' }),
    ...(plan ? { endpointPlan: plan } : {}),
  });
  sagemaker.createModelPackageGroup('churn-models');
  const traffic = new TrafficGenerator({
    clock,
    cloudwatch: new CloudWatchEmulator({ clock, timeline, emit: () => undefined }),
    endpoints: () => sagemaker.endpoints(),
    packageOf: (model) => sagemaker.modelPackageOf(model),
    specs: [
      {
        endpoint: ENDPOINT,
        requestsPerMinute: 1000,
        default: { errorRate: 0.01, latencyMs: 40 },
        packages: { 'churn-models/3': { errorRate: 0.2, latencyMs: 45 } },
      },
    ],
    random: seededRandom(7),
  });
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>;
  /** Makes the call at one virtual instant, and returns that instant. */
  const callAt = (op: string, input: Record<string, unknown>): Date => {
    const release = clock.hold();
    try {
      const at = clock.now();
      call(op, input);
      return at;
    } finally {
      release();
    }
  };
  const status = () => sagemaker.endpoints().find((e) => e.name === ENDPOINT)?.status;

  return {
    clock,
    sagemaker,
    traffic,
    call,
    /** Registers package churn-models/n and a model `churn-vn` of it; returns the package ARN. */
    version(n: number): string {
      const InferenceSpecification = {
        Containers: [{ Image: IMAGE, ModelDataUrl: `s3://artifacts/churn/run-${n}/model.tar.gz` }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      };
      const group = { ModelPackageGroupName: 'churn-models', ModelApprovalStatus: 'Approved' };
      const arn = call('CreateModelPackage', { ...group, InferenceSpecification }).ModelPackageArn as string;
      call('CreateModel', { ModelName: `churn-v${n}`, PrimaryContainer: { ModelPackageName: arn } });
      return arn;
    },
    config(name: string, variants: [variant: string, model: string, weight: number][]): void {
      const ProductionVariants = variants.map(([VariantName, ModelName, InitialVariantWeight]) => ({
        VariantName,
        ModelName,
        InitialVariantWeight,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
      }));
      call('CreateEndpointConfig', { EndpointConfigName: name, ProductionVariants });
    },
    create: (config: string) => callAt('CreateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: config }),
    update: (config: string) => callAt('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: config }),
    weights: (weights: Record<string, number>) => {
      const desired = Object.entries(weights).map(([VariantName, DesiredWeight]) => ({ VariantName, DesiredWeight }));
      const input = { EndpointName: ENDPOINT, DesiredWeightsAndCapacities: desired };
      return callAt('UpdateEndpointWeightsAndCapacities', input);
    },
    /** Waits (virtual time, a minute at a time) until the endpoint's operation is over. */
    async settled(): Promise<void> {
      for (let i = 0; i < 60 && IN_FLIGHT.includes(status() ?? ''); i++) await clock.sleep(MINUTE);
    },
    /** `n` minutes of traffic, each sent once its virtual minute has passed. */
    async serve(n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        await clock.sleep(MINUTE);
        traffic.tick(new Date(clock.now().getTime() - MINUTE));
      }
    },
  };
}
