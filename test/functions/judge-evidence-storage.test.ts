// Judge evidence for any window reaches the table and reads back in its stored form (docs/dynamodb-numbers.md),
// through the stores the handlers use, into the shared dynalite, which refuses numbers as DynamoDB does.
import fc from 'fast-check';
import type { TimelineEntry } from '../../shared/domain/actions';
import { judge } from '../../shared/domain/deployment/judge';
import { DEFAULT_JUDGE_SETTINGS, type VariantWindow } from '../../shared/domain/deployment/judge-types';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import { store, timelines } from '../../shared/runtime/clients';
import { MAX_STORABLE, MIN_STORABLE, storable } from '../../shared/state/storable';
import { deploymentKey } from '../../shared/state/keys';
import { DEPLOYMENT_ITEM } from '../../shared/state/kinds/deployment';
import { createTable, timeline } from '../helpers/dynamo';

interface Side {
  requests: number;
  errors: number;
  latencyUs: number[];
  custom: number[];
}

/** The test's one use of the judge, so a new judge signature changes this function alone. */
function evidenceOf(baseline: Side, candidate: Side): Record<string, unknown> {
  const custom = { name: 'auc', better: 'higher' as const, margin: 0.05 };
  const window = (variant: string, s: Side): VariantWindow => ({
    variant,
    requests: s.requests,
    errors: s.errors,
    latencyPerMinute: s.latencyUs,
    custom: { auc: s.custom },
  });
  const settings = { ...DEFAULT_JUDGE_SETTINGS, customMetrics: [custom] };
  const { evidence } = judge(window('v1', baseline), window('v2', candidate), [], settings);
  return evidence as unknown as Record<string, unknown>;
}

const magnitude = fc.oneof(
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
  fc.constantFrom(0, 5e-324, 1e-200, 1e-131, 1, 40_000, 1e200, Number.MAX_VALUE),
);
const series = fc.oneof(
  fc.constant<number[]>([]),
  fc.array(magnitude, { maxLength: 60 }),
  fc.tuple(magnitude, fc.integer({ min: 1, max: 60 })).map(([v, n]) => Array<number>(n).fill(v)),
);
const side: fc.Arbitrary<Side> = fc
  .record({
    requests: fc.oneof(fc.constantFrom(0, 1, 10_000_000), fc.integer({ min: 0, max: 10_000_000 })),
    errorShare: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    latencyUs: series,
    custom: fc.oneof(series, fc.array(fc.double(), { maxLength: 60 })),
  })
  .map(({ requests, errorShare, ...rest }) => ({ requests, errors: Math.round(requests * errorShare), ...rest }));
const windows = fc.oneof(
  fc.tuple(side, side),
  side.map((s): [Side, Side] => [s, s]),
);

function numbersIn(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'number') found.push(value);
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => numbersIn(v, found));
  return found;
}
const inRange = (x: number) => x === 0 || (Math.abs(x) >= MIN_STORABLE && Math.abs(x) <= MAX_STORABLE);

let run = 0;
/** Stores the evidence as a judgement does (a `record` in the outbox, then the timeline) and reads both back. */
async function storeAndReadBack(evidence: Record<string, unknown>) {
  const name = `prop-${++run}`;
  const [at, id] = ['2026-11-27T03:29:00.000Z', `judged-${name}`];
  const entry: TimelineEntry = { model: name, at, id, type: 'CanaryJudged', message: '', data: { evidence } };
  const empty = emptyDeploymentState(name);
  const [[added]] = await Promise.all([
    store().save(deploymentKey(name), empty, [], empty, [{ type: 'record', entry }], new Date(entry.at)),
    timelines().put(entry),
  ]);
  const [{ outbox }, [recorded]] = await Promise.all([
    store().get(deploymentKey(name), empty, DEPLOYMENT_ITEM),
    timeline(name),
  ]);
  return { added: added!, outbox, recorded: recorded! };
}

describe('judge evidence in the state table', () => {
  beforeAll(() => createTable());

  it('stores a landslide with a Fisher p-value under 1e-130, whose write failed with "Number underflow"', async () => {
    // Prepare
    const quiet = { latencyUs: [], custom: [] };
    const evidence = evidenceOf({ requests: 13_500, errors: 0, ...quiet }, { requests: 1_500, errors: 150, ...quiet });
    const underflowing = numbersIn(evidence).filter((x) => x !== 0 && Math.abs(x) < MIN_STORABLE);

    // Act
    const { recorded } = await storeAndReadBack(evidence);

    // Assess
    expect(underflowing.length).toBeGreaterThan(0);
    expect(recorded.data).toEqual(storable({ evidence }));
    expect(numbersIn(recorded).filter((x) => !inRange(x))).toEqual([]);
  });

  it('stores the evidence of any window and reads back exactly its stored form, every number in range', async () => {
    await fc.assert(
      fc.asyncProperty(windows, async ([baseline, candidate]) => {
        // Prepare
        const evidence = evidenceOf(baseline, candidate);

        // Act
        const { added, outbox, recorded } = await storeAndReadBack(evidence);

        // Assess
        expect(outbox).toEqual([storable(added)]);
        expect(recorded.data).toEqual(storable({ evidence }));
        expect(numbersIn([outbox, recorded]).filter((x) => !inRange(x))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
