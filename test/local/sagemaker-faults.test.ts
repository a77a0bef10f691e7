// A scenario's planted faults (`faults`, local/scenarios/README.md): the nth call of an operation, and the ones after
// it, answered with the planted error before the operation runs, as AWS refuses an invalid request.
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator, type PlantedFault } from '../../local/sagemaker';
import { scenarioSchema } from '../../local/scenario';
import { failure } from '../helpers/aws-error';

function emulator(faults: PlantedFault[]) {
  const clock = new Clock(new Date('2026-11-27T00:00:00Z'), 100_000);
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: () => undefined,
    timeline: new Timeline(clock, false),
    trainingPlan: () => ({ outcome: 'Completed' }),
    faults,
  });
  sagemaker.createModelPackageGroup('churn-models');
  return sagemaker;
}

const group = (name: string) => ({ ModelPackageGroupName: name });

describe('planted faults of the SageMaker emulator', () => {
  it('refuses the nth call and every later one with the planted error, changing nothing', () => {
    // Prepare
    const message = 'Model package group names must be unique.';
    const sagemaker = emulator([
      { operation: 'CreateModelPackageGroup', nth: 2, error: 'ValidationException', message },
    ]);

    // Act
    sagemaker.handle('CreateModelPackageGroup', group('a'));
    const second = failure(() => sagemaker.handle('CreateModelPackageGroup', group('b')));
    const third = failure(() => sagemaker.handle('CreateModelPackageGroup', group('c')));

    // Assess
    expect([second.code, second.status, second.message]).toEqual(['ValidationException', 400, message]);
    expect(third.code).toBe('ValidationException');
    expect(failure(() => sagemaker.handle('DescribeModelPackageGroup', group('b'))).code).toBe('ValidationException');
  });

  it('refuses only `times` calls when given, and answers a server fault with a 5XX status', () => {
    // Prepare
    const fault = { operation: 'DescribeModelPackageGroup', nth: 1, times: 1, error: 'InternalFailure', message: 'x' };
    const sagemaker = emulator([fault]);

    // Act
    const first = failure(() => sagemaker.handle('DescribeModelPackageGroup', group('churn-models')));
    const second = sagemaker.handle('DescribeModelPackageGroup', group('churn-models'));

    // Assess
    expect([first.code, first.status]).toEqual(['InternalFailure', 500]);
    expect(second).toMatchObject({ ModelPackageGroupName: 'churn-models' });
  });

  it('reads faults from a scenario, a ValidationException unless said, and refuses a misspelt operation', () => {
    // Act
    const parsed = scenarioSchema.parse({ name: 's', faults: [{ operation: 'UpdateEndpoint', message: 'no' }] });
    const wrong = scenarioSchema.safeParse({ name: 's', faults: [{ operation: 'update-endpoint', message: 'no' }] });

    // Assess
    expect(parsed.faults).toEqual([
      { operation: 'UpdateEndpoint', nth: 1, error: 'ValidationException', message: 'no' },
    ]);
    expect(wrong.success).toBe(false);
  });
});
