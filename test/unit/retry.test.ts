import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ClockBackoff, retrying } from '../../shared/aws/retry';
import { useClock } from '../../shared/clock';

describe('SDK retries', () => {
  let server: Server;
  let requests: number;
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'ThrottlingException' });
      res.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = 0;
    jest.restoreAllMocks();
  });
  afterEach(() => useClock(() => new Date(), 1));

  it('sends a throttled request six times before the error reaches the handler', async () => {
    // Prepare
    useClock(() => new Date(), 1_000_000);
    const client = new SageMakerClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      ...retrying(),
    });

    // Act
    const call = client.send(new DescribeTrainingJobCommand({ TrainingJobName: 'churn-1' }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(requests).toBe(6);
  });

  it(
    'backs off as the SDK does, full jitter up to base × 2^retries capped at 20 s, ' + 'on the wall clock in Lambda',
    () => {
      // Prepare
      jest.spyOn(Math, 'random').mockReturnValue(0.999);
      const backoff = new ClockBackoff();
      backoff.setDelayBase(1_000);

      // Act
      const delays = [1, 2, 5, 9].map((retries) => backoff.computeNextBackoffDelay(retries));

      // Assess
      expect(delays).toEqual([1_998, 3_996, 19_980, 19_980]);
    },
  );

  it('shortens the back-off by the local cloud’s clock speed', () => {
    // Prepare
    jest.spyOn(Math, 'random').mockReturnValue(0.999);
    useClock(() => new Date(), 400);
    const backoff = new ClockBackoff();
    backoff.setDelayBase(1_000);

    // Act
    const delay = backoff.computeNextBackoffDelay(2);

    // Assess
    expect(delay).toBe(9);
  });
});
