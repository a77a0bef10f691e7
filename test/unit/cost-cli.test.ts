import type { SweepResult } from '../../shared/app/cost-sweep';
import { sweepTable } from '../../shared/cli/sweep';

const result = (estimatedMonthlySavingUsd: number | null, unpricedFindings: number): SweepResult => ({
  at: '2026-11-30T06:00:00.000Z',
  estimatedMonthlySavingUsd,
  unpricedFindings,
  estimatedTrainingSavingUsd: null,
  unpricedTrainingRuns: 0,
  findings: [],
  actions: [],
  failures: [],
  report: '',
});

describe('shepherd sweep, printed', () => {
  it('says unknown, not $0.00, when nothing that may save is priced', () => {
    // Act
    const first = sweepTable(result(null, 2)).split('\n')[0];

    // Assess
    expect(first).toBe(
      '0 findings, saving unknown (2 finding(s) with no estimate); 0 action(s) taken, 0 resource(s) not swept',
    );
  });

  it('calls a total that leaves findings out a lower bound, and a complete one by its figure', () => {
    // Act
    const partial = sweepTable(result(167.9, 1)).split('\n')[0];
    const complete = sweepTable(result(167.9, 0)).split('\n')[0];

    // Assess
    expect(partial).toBe(
      '0 findings, an estimated at least $167.90/month to save (1 more finding(s) with no estimate); ' +
        '0 action(s) taken, 0 resource(s) not swept',
    );
    expect(complete).toBe('0 findings, an estimated $167.90/month to save; 0 action(s) taken, 0 resource(s) not swept');
  });
});
