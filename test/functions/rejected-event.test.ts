// A malformed event is answered in its own invocation, and so is its metric: Powertools flushes EventsRejected
// when that invocation ends, not with the next one's metrics (or never, if the container is not used again).
import { listenToMetrics } from '../helpers/emf';
import { handler } from '../../functions/training-state-changed';
import { resetAws, sagemaker } from '../helpers/aws';
import { context, fixture } from '../helpers/events';

const emf = listenToMetrics();
beforeEach(() => {
  resetAws();
  emf.clear();
});
afterAll(() => emf.stop());

describe('a malformed event', () => {
  it('is rejected with every problem, and EventsRejected is emitted by the invocation that rejected it', async () => {
    // Act
    const result = await handler(fixture('malformed.training-job-state-change'), context());

    // Assess
    expect(result).toEqual({
      status: 'rejected',
      problems: [
        'detail.TrainingJobName: required, but missing',
        expect.stringMatching(/^detail\.TrainingJobStatus: /),
      ],
    });
    expect(emf.metrics()).toEqual({ EventsRejected: 1 });
    expect(sagemaker.calls()).toEqual([]);
  });
});
