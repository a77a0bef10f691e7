// Builders for deployment tests: the churn line, packages, endpoint snapshots and real judgements.
import { judge } from '../../shared/domain/deployment/judge';
import {
  DEFAULT_JUDGE_SETTINGS,
  type AlarmState,
  type VariantWindow,
} from '../../shared/domain/deployment/judge-types';
import type { StackTarget } from '../../shared/domain/cli-command';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { isDeployedLine, type DeployedLine, type EndpointSnapshot } from '../../shared/domain/deployment/line';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type ApprovedPackage, type DeploymentState } from '../../shared/domain/deployment/state';
import { line } from './config';

/** The stack deciding, as the commands of its notifications name it. */
export const STACK: StackTarget = { stage: 'test', region: 'us-east-1' };

export const churnLine = (): DeployedLine => {
  const churn = line('churn');
  if (!isDeployedLine(churn)) throw new Error('the test config gives the churn line no deployment');
  return churn;
};

export const pkg = (version: number): ApprovedPackage => ({
  arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/${version}`,
  group: 'churn-models',
  version,
  containers: [
    {
      Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      ModelDataUrl: `s3://shepherd-example-artifacts/churn/v${version}/model.tar.gz`,
    },
  ],
  at: '2026-11-27T02:00:00Z',
});

export const servingV1 = {
  exists: true,
  status: 'InService',
  configName: 'churn-prod-aaaaaa-final',
  serving: { variant: 'v1', model: 'churn-v1-111111', instanceType: 'ml.m5.large', instanceCount: 2 },
};

/** Minutes after 02:00 on the tests' day, the clock the deployment unit tests count in. */
const minutesIn = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);

/**
 * churn-prod's canary of v2 beside v1, approved at minute 0 with the endpoint as `endpoint` says and seen in
 * service on the canary config at minute 8: baking at `deployed`'s first step.
 */
export function bakingCanaryState(deployed: DeployedLine, endpoint: EndpointSnapshot = servingV1): DeploymentState {
  const started = onApproved(emptyDeploymentState('churn-prod'), deployed, pkg(2), endpoint, minutesIn(0)).state!;
  const inService = { status: 'InService', configName: started.active!.expectConfig };
  return onEndpointObserved(started, deployed, inService, minutesIn(8)).state!;
}

const window = (
  variant: string,
  requests: number,
  errors: number,
  minutes: number,
  latency = 40_000,
): VariantWindow => ({
  variant,
  requests,
  errors,
  latencyPerMinute: Array.from({ length: minutes }, (_, i) => latency + (i % 3) * 100),
});

/** Real judgements from the judge, on traffic that makes each outcome certain. */
export const verdicts = {
  pass: () => judge(window('v1', 13_500, 135, 15), window('v2', 1_500, 15, 15), [], DEFAULT_JUDGE_SETTINGS),
  fail: () => judge(window('v1', 13_500, 135, 15), window('v2', 1_500, 90, 15), [], DEFAULT_JUDGE_SETTINGS),
  inconclusive: () => judge(window('v1', 0, 0, 0), window('v2', 0, 0, 0), [], DEFAULT_JUDGE_SETTINGS),
  alarm: (alarms: AlarmState[]) =>
    judge(window('v1', 13_500, 135, 15), window('v2', 1_500, 15, 15), alarms, DEFAULT_JUDGE_SETTINGS),
};

/**
 * That canary once it has passed each step below `weight` (judged at minute 30, the next weights in service at 32),
 * baking at `weight`.
 */
export function canaryBakingAt(deployed: DeployedLine, weight: number, endpoint?: EndpointSnapshot): DeploymentState {
  let s = bakingCanaryState(deployed, endpoint);
  while (s.active!.weight < weight) {
    s = onJudged(s, deployed, verdicts.pass(), minutesIn(30), STACK).state!;
    const inService = { status: 'InService', configName: s.active!.expectConfig };
    s = onEndpointObserved(s, deployed, inService, minutesIn(32)).state!;
  }
  return s;
}
