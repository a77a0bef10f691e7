// The summary's deployments: the outcome Shepherd announced beside what the emulated world measured, and the
// line `npm start` prints for each.
import { envelope } from '../../local/core';
import type { SeenDeployment } from '../../local/seen-deployments';
import { duration, seenLine, summaryDeployments } from '../../local/summary-deployments';

const PKG = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models';
const ended = (version: number, outcome: string, reason: string) => {
  const detail = { endpoint: 'churn-prod', modelPackageArn: `${PKG}/${version}`, outcome, reason };
  const detailType = outcome === 'promoted' ? 'Deployment Promoted' : 'Deployment Rolled Back';
  return envelope('shepherd', detailType, detail, [], new Date());
};
const seen = (version: number, over: Partial<SeenDeployment> = {}): SeenDeployment => ({
  endpoint: 'churn-prod',
  modelPackageArn: `${PKG}/${version}`,
  startedAt: '2026-11-27T01:00:00.000Z',
  endedAt: '2026-11-27T01:48:00.000Z',
  steps: [
    { weight: 10, servingFrom: '2026-11-27T01:08:00.000Z', servingUntil: '2026-11-27T01:38:00.000Z' },
    { weight: 0, servingFrom: '2026-11-27T01:38:00.000Z', servingUntil: '2026-11-27T01:48:00.000Z' },
  ],
  candidateRequests: 3012,
  candidateErrors: 181,
  rollbackRequestedAt: '2026-11-27T01:36:00.000Z',
  ...over,
});

describe('the deployments of the summary', () => {
  it('gives each announced outcome the measurements of the deployment it ended, lists the rest in progress', () => {
    // Prepare
    const events = [ended(3, 'rolled_back', '5XX rate worse than baseline'), ended(9, 'promoted', 'all steps passed')];
    const world = [seen(3), seen(4, { endedAt: null, rollbackRequestedAt: null })];

    // Act
    const deployments = summaryDeployments(events, world);

    // Assess
    expect(deployments).toEqual([
      { ...world[0], outcome: 'rolled_back', reason: '5XX rate worse than baseline' },
      {
        endpoint: 'churn-prod',
        modelPackageArn: `${PKG}/9`,
        outcome: 'promoted',
        reason: 'all steps passed',
        startedAt: null,
        endedAt: null,
        steps: [],
        candidateRequests: 0,
        candidateErrors: 0,
        rollbackRequestedAt: null,
      },
      { ...world[1], outcome: 'in_progress', reason: '' },
    ]);
  });

  it('prints when it ran, each share and how long it held, what the candidate served, when rollback was asked', () => {
    // Prepare
    const [rolledBack] = summaryDeployments([ended(3, 'rolled_back', 'worse')], [seen(3)]);
    const open = { weight: 25, servingFrom: '2026-11-27T01:08:00.000Z', servingUntil: null };
    const [running] = summaryDeployments([], [seen(4, { endedAt: null, rollbackRequestedAt: null, steps: [open] })]);

    // Act
    const lines = [seenLine(rolledBack!), seenLine(running!)];

    // Assess
    expect(lines).toEqual([
      '01:00:00–01:48:00: 10 % 30m → 0 % 10m; candidate served 3012 requests, 181 5XX; rollback requested 01:36:00',
      '01:00:00–not ended: 25 % since 01:08:00; candidate served 3012 requests, 181 5XX',
    ]);
    expect([duration(0), duration(90_000), duration(3_900_000)]).toEqual(['0s', '1m30s', '1h05m']);
  });
});
