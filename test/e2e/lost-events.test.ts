import { failedChecks, playDefault } from '../helpers/e2e';

describe('lost events', () => {
  it('registers models whose training Completed events never arrived, through the reconciler', async () => {
    // Act
    const result = await playDefault({
      delivery: {
        copies: 1,
        jitterMs: 0,
        drop: (e) =>
          e['detail-type'] === 'SageMaker Training Job State Change' && e.detail.TrainingJobStatus === 'Completed',
      },
    });

    // Assess
    expect(failedChecks(result)).toEqual([]);
    expect(
      result.cloud.timeline.lines.filter((l) => l.message.startsWith('lost on the way')).length,
    ).toBeGreaterThanOrEqual(3);
  });
});
