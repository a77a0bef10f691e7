import { modelPackageStateChangeEvent, scheduledRetrainEvent } from '../../shared/events/aws';
import { fixture } from '../helpers/events';

describe('event times', () => {
  it.each([
    ['fractions of a second', '2026-11-27T03:03:54.5Z'],
    ['milliseconds', '2026-11-27T03:03:54.123Z'],
    ['an offset', '2026-11-27T03:03:54+00:00'],
    ['no seconds', '2026-11-27T03:03Z'],
  ])('refuse %s, which would not sort as time against EventBridge’s own', (_, time) => {
    // Act
    const envelope = modelPackageStateChangeEvent.safeParse(fixture('model-package-state-change.approved', { time }));
    const schedule = scheduledRetrainEvent.safeParse({ model: 'churn', id: 'x', time });

    // Assess
    expect(envelope.success).toBe(false);
    expect(envelope.error?.issues.map((i) => i.path.join('.'))).toEqual(['time']);
    expect(schedule.success).toBe(false);
  });

  it('accept whole seconds with Z, as EventBridge writes them', () => {
    // Act
    const parsed = modelPackageStateChangeEvent.safeParse(fixture('model-package-state-change.approved'));

    // Assess
    expect(parsed.success && parsed.data.time).toBe('2026-11-27T03:03:54Z');
  });
});
