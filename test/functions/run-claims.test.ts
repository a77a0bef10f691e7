import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runKey } from '../../shared/state/keys';
import type { RunTerms } from '../../shared/state/run-claim-terms';
import { RunClaims } from '../../shared/state/run-claims';
import { throttled } from '../helpers/aws';
import { setClock } from '../helpers/events';
import { createTable, runClaims } from '../helpers/dynamo';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:00:00Z' }));

const KEY = runKey('sendApprovalLinks', 'event-1');
const ONCE: RunTerms = { leaseMs: 180_000, keepDays: 7, afterwards: 'finish' };
const PER_LEASE: RunTerms = { ...ONCE, afterwards: 'lapse' };

/** Work that counts its runs and returns which one it was. */
const counted = () => {
  let runs = 0;
  return jest.fn(async () => ++runs);
};

/** Work that starts and then waits to be told to finish or fail. */
const heldWork = () => {
  let begin!: () => void;
  const held = {
    started: new Promise<void>((resolve) => (begin = resolve)),
    finish: () => {},
    fail: (_error: Error) => {},
    work: () =>
      new Promise<void>((resolve, reject) => {
        held.finish = resolve;
        held.fail = reject;
        begin();
      }),
  };
  return held;
};

/** Claims on a table that takes the claim but throttles every write after it (giving it back, marking it done). */
const throttledAfterClaiming = (): RunClaims => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const send = doc.send.bind(doc);
  jest
    .spyOn(doc, 'send')
    .mockImplementation(((command: unknown) =>
      command instanceof UpdateCommand ? Promise.reject(throttled()) : send(command as never)) as never);
  return new RunClaims(doc, process.env.TABLE_NAME!);
};

/** A run that outlives its lease, and the run that takes its claim over; both still working. */
async function outlivedAndTakenOver(claims: RunClaims) {
  const outlived = heldWork();
  const outlivedRun = claims.run(KEY, ONCE, outlived.work);
  await outlived.started;
  setClock('2026-11-27T03:03:01Z');
  const takeover = heldWork();
  const takeoverRun = claims.run(KEY, ONCE, takeover.work);
  await takeover.started;
  return { outlived, outlivedRun, takeover, takeoverRun };
}

describe('a run under a claim', () => {
  it('runs once and answers a second delivery with done, without running it again', async () => {
    // Prepare
    const claims = runClaims();
    const work = counted();

    // Act
    const first = await claims.run(KEY, ONCE, work);
    const second = await claims.run(KEY, ONCE, work);

    // Assess
    expect([first, second]).toEqual([{ claim: 'claimed', result: 1 }, { claim: 'done' }]);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('keeps runs of other keys apart', async () => {
    // Prepare
    const claims = runClaims();
    const work = counted();

    // Act
    await claims.run(KEY, ONCE, work);
    const other = await claims.run(runKey('sendApprovalLinks', 'event-2'), ONCE, work);

    // Assess
    expect(other).toEqual({ claim: 'claimed', result: 2 });
  });

  it('gives the claim back when the work throws, so the retry runs it', async () => {
    // Prepare
    const claims = runClaims();
    const failing = jest.fn(async () => {
      throw new Error('SNS is down');
    });

    // Act
    const failed = claims.run(KEY, ONCE, failing);
    await expect(failed).rejects.toThrow('SNS is down');
    const retried = await claims.run(KEY, ONCE, counted());

    // Assess
    expect(retried).toEqual({ claim: 'claimed', result: 1 });
  });

  it("rethrows the work's own error when giving the claim back is throttled, carrying that as its cause", async () => {
    // Prepare
    const claims = throttledAfterClaiming();
    const failing = async () => {
      throw new Error('SNS is down');
    };

    // Act
    const failed = claims.run(KEY, ONCE, failing);

    // Assess
    await expect(failed).rejects.toThrow('SNS is down');
    await expect(failed).rejects.toMatchObject({ cause: { name: 'ThrottlingException' } });
  });

  it('answers with the result when marking a finished run done is throttled, so no retry redoes the work', async () => {
    // Prepare: the work (a notification sent) succeeds; every write after the claim is throttled
    const claims = throttledAfterClaiming();
    const work = counted();

    // Act
    const run = claims.run(KEY, ONCE, work);

    // Assess: a thrown error would make Lambda retry, take the claim over once its lease ran out and redo the work
    await expect(run).resolves.toMatchObject({ claim: 'claimed', result: 1, notDone: { name: 'ThrottlingException' } });
    expect(await claims.run(KEY, ONCE, work)).toEqual({ claim: 'running' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('answers running to a delivery that comes while another holds the claim, until that one finishes', async () => {
    // Prepare
    const claims = runClaims();
    let finishHeld!: () => void;
    const held = claims.run(KEY, ONCE, () => new Promise<void>((resolve) => (finishHeld = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    const work = counted();

    // Act
    const meanwhile = await claims.run(KEY, ONCE, work);
    finishHeld();
    await held;
    const after = await claims.run(KEY, ONCE, work);

    // Assess
    expect([meanwhile, after]).toEqual([{ claim: 'running' }, { claim: 'done' }]);
    expect(work).not.toHaveBeenCalled();
  });

  it('takes over the claim of a run that died once its lease is over', async () => {
    // Prepare: a run that never finished nor gave its claim back (its invocation was killed)
    const claims = runClaims();
    void claims.run(KEY, ONCE, () => new Promise<void>(() => {}));
    await new Promise((resolve) => setImmediate(resolve));
    const work = counted();

    // Act
    const withinLease = await claims.run(KEY, ONCE, work);
    setClock('2026-11-27T03:03:01Z');
    const afterLease = await claims.run(KEY, ONCE, work);

    // Assess
    expect([withinLease, afterLease]).toEqual([{ claim: 'running' }, { claim: 'claimed', result: 1 }]);
  });

  it('leaves the claim to the run that took it over when the outlived run fails late', async () => {
    // Prepare
    const claims = runClaims();
    const { outlived, outlivedRun } = await outlivedAndTakenOver(claims);
    const work = counted();

    // Act
    outlived.fail(new Error('timed out'));
    await expect(outlivedRun).rejects.toThrow('timed out');
    const meanwhile = await claims.run(KEY, ONCE, work);

    // Assess
    expect(meanwhile).toEqual({ claim: 'running' });
    expect(work).not.toHaveBeenCalled();
  });

  it('leaves the claim running for the run that took it over when the outlived run finishes late', async () => {
    // Prepare
    const claims = runClaims();
    const { outlived, outlivedRun, takeover, takeoverRun } = await outlivedAndTakenOver(claims);

    // Act
    outlived.finish();
    await outlivedRun;
    const whileTakeoverRuns = await claims.status(KEY);
    takeover.finish();
    await takeoverRun;

    // Assess
    expect([whileTakeoverRuns, await claims.status(KEY)]).toEqual(['running', 'done']);
  });

  it('lets a lapsing run happen at most once per lease, and again after it', async () => {
    // Prepare
    const claims = runClaims();
    const work = counted();

    // Act
    const first = await claims.run(KEY, PER_LEASE, work);
    setClock('2026-11-27T03:02:59Z');
    const withinLease = await claims.run(KEY, PER_LEASE, work);
    setClock('2026-11-27T03:03:01Z');
    const afterLease = await claims.run(KEY, PER_LEASE, work);

    // Assess
    expect([first, withinLease, afterLease]).toEqual([
      { claim: 'claimed', result: 1 },
      { claim: 'running' },
      { claim: 'claimed', result: 2 },
    ]);
  });
});
