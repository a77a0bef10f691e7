// Every function, fed 1,000 malformed and hostile events generated from its schema and fixtures
// (test/helpers/fuzz-entries.ts): nothing is done, the answer says why, nothing is thrown, and the right metric
// counts it, read from the EMF document Powertools prints, as CloudWatch reads it.
import { listenToMetrics } from '../helpers/emf';
import { join } from 'node:path';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { FUNCTION_SPECS, FUNCTIONS } from '../../shared/config/functions';
import { context } from '../helpers/events';
import { malformedEvents, type Malformed } from '../helpers/fuzz';
import { FUZZ } from '../helpers/fuzz-entries';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const emf = listenToMetrics();
// Every client a handler could build; DynamoDB too, so that a write is seen, not made.
const mocks = [
  SageMakerClient,
  EventBridgeClient,
  SNSClient,
  CloudWatchClient,
  ApplicationAutoScalingClient,
  DynamoDBClient,
  DynamoDBDocumentClient,
].map((client) => mockClient(client as never));
// The state table is empty: a read finds no item, a query none.
mocks
  .at(-1)!
  .on(GetCommand as never)
  .resolves({})
  .on(QueryCommand as never)
  .resolves({ Items: [] } as never);
// What changes the world or Shepherd's state, by command name (SDK and lib-dynamodb).
const MUTATING =
  /^(Create|Update|Delete|Start|Stop|Put|Publish|Register|Deregister|Set|Tag|Untag|BatchWrite|TransactWrite)/;
const commandsSent = () => mocks.flatMap((m) => m.calls().map((c) => (c.args[0] as object).constructor.name));

type Handler = (event: unknown, ctx: ReturnType<typeof context>) => Promise<unknown>;
const handlerOf = (name: keyof typeof FUNCTION_SPECS): Handler => {
  const spec = FUNCTION_SPECS[name].handler;
  const dot = spec.lastIndexOf('.');
  return (require(join(__dirname, '..', '..', spec.slice(0, dot))) as Record<string, Handler>)[spec.slice(dot + 1)]!;
};

/** Runs one event; the answer, the commands sent and the metrics emitted. */
async function handle(handler: Handler, event: unknown) {
  for (const m of mocks) m.resetHistory();
  emf.clear();
  const answer = (await handler(event, context())) as { status: string; problems?: string[]; reason?: string };
  return { answer, commands: commandsSent(), metrics: emf.metrics() };
}

afterAll(() => emf.stop());

describe('the fuzz harness', () => {
  it('has an entry for every function, and none for a function that is gone', () => {
    // Assess
    expect(FUNCTIONS.filter((name) => !FUZZ[name])).toEqual([]);
    expect(Object.keys(FUZZ).filter((name) => !(name in FUNCTION_SPECS))).toEqual([]);
  });
});

describe.each(FUNCTIONS.filter((name) => FUZZ[name] && !FUZZ[name].elsewhere))('%s under hostile events', (name) => {
  const entry = FUZZ[name]!;
  const handler = handlerOf(name);

  it(`rejects ${RUNS} malformed events, naming the problem, with EventsRejected and no action`, async () => {
    // Prepare
    const events = malformedEvents(entry.schema, entry.fixtures);

    // Act / Assess
    await fc.assert(
      fc.asyncProperty(events, async ({ event, path }: Malformed) => {
        const { answer, commands, metrics } = await handle(handler, event);
        expect(answer).toEqual({ status: 'rejected', problems: expect.any(Array) });
        expect(answer.problems!.length).toBeGreaterThan(0);
        if (path) expect(answer.problems!.some((p) => p.startsWith(`${path}:`))).toBe(true);
        expect(commands).toEqual([]);
        expect(metrics).toEqual({ EventsRejected: 1 });
      }),
      { numRuns: RUNS },
    );
  });

  if (entry.ignorable) {
    const ignorable = entry.ignorable;
    it(`ignores ${RUNS} valid events about what it does not manage, with EventsIgnored and no action`, async () => {
      // Act / Assess
      await fc.assert(
        fc.asyncProperty(ignorable, async (event) => {
          const { answer, commands, metrics } = await handle(handler, event);
          expect(answer).toEqual({ status: 'ignored', reason: expect.stringMatching(/\w/) });
          expect(commands.filter((c) => MUTATING.test(c))).toEqual([]);
          expect(metrics).toEqual({ EventsIgnored: 1 });
        }),
        { numRuns: RUNS },
      );
    });
  }
});
