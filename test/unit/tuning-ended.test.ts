import { bestToRegister, RUNTIME_SLACK_SECONDS } from '../../shared/domain/retraining/tuning-ended';

const NAME = 'upsell-261127t0100-e7d033';
const best = { name: `${NAME}-003-39091176`, hyperparameters: { eta: '0.2' } };
const stopped = (ran?: number, limit: number | null = 3600) => ({
  name: NAME,
  status: 'Stopped',
  best,
  ...(limit !== null ? { maxRuntimeSeconds: limit } : {}),
  ...(ran !== undefined ? { runtimeSeconds: ran } : {}),
});

describe('which ended tuning job’s best job goes to the quality gate', () => {
  it.each([3600, 3700, 3600 - RUNTIME_SLACK_SECONDS])('takes the best job of one stopped after %i s of 3600', (ran) => {
    // Act
    const chosen = bestToRegister(stopped(ran));

    // Assess
    expect(chosen).toEqual({ best: best.name });
  });

  it('takes a stop just before the slack as a stop by hand', () => {
    // Act
    const chosen = bestToRegister(stopped(3600 - RUNTIME_SLACK_SECONDS - 1));

    // Assess
    expect(chosen).toEqual({
      failureReason:
        `${NAME} was stopped after 3539 s, before its runtime limit of 3600 s: ` +
        'taken as stopped by hand, its best job is not registered',
    });
  });

  it.each([
    ['has no runtime limit', stopped(3600, null), 'has no runtime limit'],
    ['did not say how long it ran', stopped(undefined), 'SageMaker did not say how long it ran (limit 3600 s)'],
  ])('takes a stopped tuning job that %s as stopped by hand', (_, tuning, why) => {
    // Act
    const chosen = bestToRegister(tuning);

    // Assess
    expect(chosen).toEqual({ failureReason: expect.stringContaining(why) });
    expect((chosen as { failureReason: string }).failureReason).toContain('taken as stopped by hand');
  });

  it('says a tuning job stopped at its limit with no best job has nothing to register', () => {
    // Act
    const chosen = bestToRegister({ ...stopped(3600), best: undefined });

    // Assess
    expect(chosen).toEqual({ failureReason: `${NAME} stopped at its runtime limit without a best training job` });
  });

  it('takes a completed tuning job’s best job, whatever its runtime', () => {
    // Act
    const chosen = bestToRegister({ ...stopped(10), status: 'Completed' });

    // Assess
    expect(chosen).toEqual({ best: best.name });
  });
});
