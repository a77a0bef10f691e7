// One item per endpoint: the one active deployment, a queued approval (latest wins) and what came before.
import type { ContainerDefinition } from '@aws-sdk/client-sagemaker';
import type { Judgement } from './judge-types';

export type DeploymentStatus =
  | 'creating' // first model on a new endpoint
  | 'starting' // UpdateEndpoint to the canary config (baseline + candidate at the first weight)
  | 'replacing' // UpdateEndpoint to the candidate alone in place of the baseline (a serverless variant: no canary)
  | 'baking' // waiting for evidence at the current weight
  | 'shifting' // UpdateEndpointWeightsAndCapacities to the next weight
  | 'promoting' // UpdateEndpoint to the candidate alone
  | 'draining' // candidate weight to 0 after a failed judgement
  | 'rolling_back' // UpdateEndpoint back to the baseline's config (a replacement: at once, nothing to drain)
  | 'held'; // inconclusive past the limit: a human decides

export type Outcome = 'promoted' | 'rolled_back' | 'failed';

/** A variant's Application Auto Scaling: bounds and policies, as DescribeScalingPolicies gives them. */
export interface VariantScaling {
  minCapacity: number;
  maxCapacity: number;
  policies: {
    PolicyName: string;
    PolicyType: string;
    TargetTrackingScalingPolicyConfiguration?: Record<string, unknown>;
    StepScalingPolicyConfiguration?: Record<string, unknown>;
    /** The CloudWatch alarms that trigger the policy, by name: a step policy's are its owner's. */
    alarms?: string[];
  }[];
}

export interface VariantSpec {
  variant: string;
  model: string;
  instanceType?: string;
  instanceCount: number;
  serverless?: { memorySizeInMB: number; maxConcurrency: number };
  /** Carried from the baseline to the candidate when the candidate replaces it. */
  scaling?: VariantScaling;
}

export interface ApprovedPackage {
  arn: string;
  group: string;
  version: number;
  containers: PackageContainer[];
  at: string;
}

/**
 * A package's inference container as CreateModel takes it: its model is a ModelDataUrl (a .tar.gz) or a
 * ModelDataSource (an S3 object or prefix, compressed or not), or is inside the image.
 */
export type PackageContainer = Pick<ContainerDefinition, 'ModelDataUrl' | 'ModelDataSource' | 'Environment'> & {
  Image: string;
};

/** An approved package's event came, but the registry no longer says Approved (rejected since): its status now. */
export interface NotApproved {
  notApproved: string;
}

export const isNotApproved = (pkg: ApprovedPackage | NotApproved | undefined): pkg is NotApproved =>
  pkg !== undefined && 'notApproved' in pkg;

export interface Deployment {
  id: string;
  model: string;
  package: ApprovedPackage;
  /** create: the endpoint's first model; canary: beside the baseline by weights; replace: in its place, at once. */
  kind: 'create' | 'canary' | 'replace';
  status: DeploymentStatus;
  baseline?: VariantSpec & { config: string };
  candidate: VariantSpec;
  step: number;
  weight: number;
  /** The config asked for: after InService the endpoint must really serve it (SageMaker rolls back silently). */
  expectConfig: string;
  config: string;
  /** A replacement's switch: its candidate is judged from here on, its baseline over the bake before. */
  bakeStartedAt?: string;
  /** When the endpoint request that puts the candidate at its weight was asked for: its bake starts no earlier. */
  requestedAt?: string;
  nextActionAt?: string;
  bakeExtensions: number;
  lastHeardAt: string;
  startedAt: string;
  judgements: { at: string; step: number; weight: number; outcome: Judgement['outcome']; reasons: string[] }[];
  /** The last judgement's evidence as a table, for the notification that ends the deployment. */
  evidence?: string;
  reason?: string;
  /** An abort alarm went off while the canary config was being applied: roll back once it is in service. */
  abortRequested?: string;
}

/**
 * Whether a package was approved after it was rejected at `rejectedAt`: approved again, the rejection's event
 * delivered late (a rule retries its target for up to an hour). Strictly after: a rejection in the same second wins.
 */
export const approvedSince = (approvedAt: string | undefined, rejectedAt: string | undefined): boolean =>
  !!approvedAt && !!rejectedAt && Date.parse(approvedAt) > Date.parse(rejectedAt);

/** A deployment that ended. */
export interface Ended {
  id: string;
  modelPackageArn: string;
  outcome: Outcome;
  at: string;
  reason?: string;
  /** The last promotion's: when its package was approved, so an approval from before it, delivered late, is older. */
  approvedAt?: string;
}

export interface DeploymentState {
  endpoint: string;
  version: number;
  active?: Deployment;
  queued?: ApprovedPackage;
  /** The queued approval held back by abort alarms in ALARM, remembered so the wait is announced once. */
  waitingForAlarms?: { arn: string; alarms: string[]; since: string };
  /** The queued approval held back because the endpoint serves several variants, remembered likewise. */
  waitingForOneVariant?: { arn: string; since: string };
  history: Ended[];
  /** A package rejected in the registry while it serves or is being promoted, remembered so it is announced once. */
  rejectedServing?: { arn: string; rejectedAt?: string };
  /** The last deployment that ended promoted: what the endpoint serves, though the history keeps only the last few. */
  lastPromoted?: Ended;
  /** Package ARNs already deployed or queued: a re-delivered or edited approval is not a new one. */
  recent: string[];
  /**
   * Models and configs Shepherd created, oldest first, so old ones can be deleted keeping the last few.
   * `leftByFailure`: those of them the last failed deployment left because the endpoint may serve from them
   * (cleanup.ts, afterFailures).
   */
  created: { models: string[]; configs: string[]; leftByFailure?: string[] };
}

/** The last promotion; an item written before `lastPromoted` was kept has it only in its history, if at all. */
export const lastPromotion = (state: DeploymentState): Ended | undefined =>
  state.lastPromoted ?? state.history.findLast((ended) => ended.outcome === 'promoted');

export const emptyDeploymentState = (endpoint: string): DeploymentState => ({
  endpoint,
  version: 0,
  history: [],
  recent: [],
  created: { models: [], configs: [] },
});
