import { scheduledRetrainEvent } from '../../shared/events/aws';
import { modelPackageStateChangeEvent } from '../../shared/events/sagemaker';
import { check } from '../../shared/validation';
import { fixture } from '../helpers/events';

describe('event times', () => {
  it.each([
    ['fractions of a second', '2026-11-27T03:03:54.5Z'],
    ['milliseconds', '2026-11-27T03:03:54.123Z'],
    ['an offset', '2026-11-27T03:03:54+00:00'],
    ['no seconds', '2026-11-27T03:03Z'],
  ])('refuse %s, which would not sort as time against EventBridge’s own', (_, time) => {
    // Act
    const envelope = check(modelPackageStateChangeEvent, fixture('model-package-state-change.approved', { time }));
    const schedule = check(scheduledRetrainEvent, { model: 'churn', id: 'x', time });

    // Assess
    expect(envelope.success ? [] : envelope.problems).toEqual([
      'time: must be a time in whole seconds of UTC, as EventBridge writes it (2026-11-27T06:05:40Z)',
    ]);
    expect(schedule.success).toBe(false);
  });

  it('accept whole seconds with Z, as EventBridge writes them', () => {
    // Act
    const checked = check(modelPackageStateChangeEvent, fixture('model-package-state-change.approved'));

    // Assess
    expect(checked.success && checked.output.time).toBe('2026-11-27T03:03:54Z');
  });
});
