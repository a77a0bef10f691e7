import { ValidationException as ScalingValidationException } from '@aws-sdk/client-application-auto-scaling';
import { ResourceLimitExceeded, SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { classifyError, leavingWith } from '../../shared/app/errors';
import type { Action } from '../../shared/domain/actions';
import { EndpointBusyError } from '../../shared/aws/sagemaker-endpoint-updates';
import type { OutboxEntry } from '../../shared/state/store';

const $metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 });

/** What the SageMaker client raises for an error code its model does not declare: a service exception by name. */
const sagemakerError = (name: string, status: number, message = 'refused') =>
  new SageMakerServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: $metadata(status),
    message,
  });

describe('classifying an error from a request Shepherd built', () => {
  it.each([
    ['ThrottlingException', 400],
    ['Throttling', 400],
    ['TooManyRequestsException', 429],
    ['RequestLimitExceeded', 400],
    ['ProvisionedThroughputExceededException', 400],
  ])('retries throttling: %s (HTTP %p)', (name, status) => {
    // Act
    const kind = classifyError(sagemakerError(name, status, 'Rate exceeded'));

    // Assess
    expect(kind).toBe('retryable');
  });

  it.each([
    ['InternalFailure', 500],
    ['ServiceUnavailable', 503],
    ['SomethingNew', 502],
  ])('retries a fault of the service: %s (HTTP %p)', (name, status) => {
    // Act
    const kind = classifyError(sagemakerError(name, status));

    // Assess
    expect(kind).toBe('retryable');
  });

  it('retries a server fault by its $fault alone, whatever its name and status', () => {
    // Prepare
    const err = Object.assign(new Error('oops'), { name: 'Whatever', $fault: 'server' });

    // Act / Assess
    expect(classifyError(err)).toBe('retryable');
  });

  it('retries an endpoint busy with its own update, whether Shepherd saw it first or SageMaker said so', () => {
    // Prepare
    const seen = new EndpointBusyError('churn-prod', 'Updating');
    const said = sagemakerError(
      'ValidationException',
      400,
      'Cannot update in-progress endpoint "arn:…:endpoint/churn-prod".',
    );

    // Act / Assess
    expect([classifyError(seen), classifyError(said)]).toEqual(['retryable', 'retryable']);
  });

  it.each([
    ['a ValidationException about the request', sagemakerError('ValidationException', 400, 'Invalid VariantName')],
    [
      'a modelled ValidationException of Application Auto Scaling',
      new ScalingValidationException({ $metadata: $metadata(400), message: 'Unsupported scalable dimension' }),
    ],
    ['ResourceLimitExceeded', new ResourceLimitExceeded({ $metadata: $metadata(400), message: 'ml.p3.2xlarge quota' })],
    ['AccessDeniedException', sagemakerError('AccessDeniedException', 400, 'not authorized to perform')],
    ['AccessDenied', sagemakerError('AccessDenied', 403)],
    ['UnauthorizedOperation', sagemakerError('UnauthorizedOperation', 403)],
  ])('gives up on %s: AWS refuses the same request every time', (_, err) => {
    // Act
    const kind = classifyError(err);

    // Assess
    expect(kind).toBe('permanent');
  });

  it.each([
    ['a bug of Shepherd’s', new TypeError("Cannot read properties of undefined (reading 'arn')")],
    ['an error AWS did not classify', sagemakerError('ResourceInUse', 400)],
    ['something that is not an Error', 'a string'],
  ])('keeps throwing what it does not know: %s', (_, err) => {
    // Act
    const kind = classifyError(err);

    // Assess
    expect(kind).toBe('unknown');
  });
});

describe('what a refused outbox entry takes with it', () => {
  const entry = (id: string, action: Action): OutboxEntry => ({ id, action, createdAt: '', leaseUntil: 0 });
  const note: Action = { type: 'record', entry: { model: 'churn', at: '', id: 'n', type: 'T', message: 'm' } };
  const update: Action = { type: 'updateEndpoint', endpointName: 'churn-prod', configName: 'c' };
  const deregister: Action = { type: 'deregisterScaling', endpointName: 'churn-prod', variant: 'v1' };

  it('takes the requests its decision made after it, and leaves what the decision said and other decisions', () => {
    // Prepare: decision 7 deregisters, updates and records; decision 8 came later
    const outbox = [
      entry('0000000007-000', deregister),
      entry('0000000007-001', update),
      entry('0000000007-002', note),
      entry('0000000008-000', update),
    ];

    // Act
    const leaving = leavingWith(outbox, outbox[0]!);

    // Assess
    expect([...leaving]).toEqual(['0000000007-000', '0000000007-001']);
  });

  it('takes the Retraining Started its refused start was to be announced by, and keeps the timeline line', () => {
    // Prepare: decision 3 starts a training job, records and announces it
    const start = { type: 'createTrainingJob', request: { TrainingJobName: 'churn-1' } } as unknown as Action;
    const started: Action = {
      type: 'publishEvent',
      detailType: 'Retraining Started',
      detail: {
        model: 'churn',
        trainingJobName: 'churn-1',
        kind: 'job',
        trigger: 'drift',
        triggerId: 'a',
        startedAt: '',
      },
    };
    const outbox = [entry('0000000003-000', start), entry('0000000003-001', note), entry('0000000003-002', started)];

    // Act
    const leaving = leavingWith(outbox, outbox[0]!);

    // Assess
    expect([...leaving]).toEqual(['0000000003-000', '0000000003-002']);
  });

  it('takes nothing once the entry is gone: another invocation handled the refusal first', () => {
    // Act
    const leaving = leavingWith([entry('0000000008-000', update)], entry('0000000007-000', deregister));

    // Assess
    expect(leaving.size).toBe(0);
  });
});
