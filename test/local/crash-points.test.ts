import { type Call, crashMatcher } from '../../local/crash';
import { detailOf } from '../../local/crash-requests';
import { crashCases, made } from '../helpers/crash-points';

const START = 'DEPLOYMENT put [createModel,publishEvent,updateEndpoint]';

/** The calls of a canary start on `endpoint` by invocation `invocation`, as the crash fault records them. */
const canaryStart = (invocation: number, endpoint: string): Call[] =>
  [
    { operation: 'GetItem' },
    { operation: 'PutItem', tag: START, subject: `ENDPOINT#${endpoint}` },
    { operation: 'CreateModel' },
    { operation: 'UpdateItem', tag: 'DEPLOYMENT REMOVE outbox.#id 000', subject: `ENDPOINT#${endpoint}` },
    { operation: 'UpdateEndpoint' },
    { operation: 'PutEvents', tag: 'Deployment Started', detailTypes: ['Deployment Started'] },
  ].map((call) => ({ invocation, function: 'modelPackageStateChanged', ...call }));

/** The call a crash point kills its invocation after, among `calls` in the order they succeeded. */
function crashedAfter(point: Parameters<typeof crashMatcher>[0], calls: readonly Call[]): Call | undefined {
  const matches = crashMatcher(point);
  return calls.find((call) => matches(call) !== undefined);
}

describe('the crash points derived from a fault-free run', () => {
  it('crash the invocation that made the same decision in the crashed run when another line decides first', () => {
    // Prepare: the fault-free run started churn-prod's canary alone; in the crashed run, loaded, a canary start of
    // fraud-prod (the same kind of decision) came first
    const faultFree = canaryStart(1, 'churn-prod');
    const crashed = [...canaryStart(7, 'fraud-prod'), ...canaryStart(8, 'churn-prod')];
    const cases = crashCases(faultFree, [{ name: 'canary start', picks: [{ match: made('UpdateEndpoint') }] }]);

    // Act
    const crashes = cases.map((c) => [c.label, crashedAfter(c.point, crashed)] as const);

    // Assess: each point crashes churn-prod's start, right after the call it names
    expect(crashes.map(([label, call]) => [label, call?.invocation, call?.operation])).toEqual([
      ['PutItem', 8, 'PutItem'],
      ['CreateModel', 8, 'CreateModel'],
      ['UpdateItem (after CreateModel)', 8, 'UpdateItem'],
      ['UpdateEndpoint', 8, 'UpdateEndpoint'],
      ['PutEvents', 8, 'PutEvents'],
    ]);
  });

  it('tell a decision by the outbox entries it adds, not those it keeps from one still being performed', () => {
    // Prepare: a put at version 40 that keeps version 39's publishEvent (its decision not yet done) and adds its own
    const entry = (type: string) => ({ M: { action: { M: { type: { S: type } } } } });
    const put = (outbox: Record<string, unknown>) =>
      JSON.stringify({
        Item: {
          pk: { S: 'ENDPOINT#churn-prod' },
          sk: { S: 'DEPLOYMENT' },
          version: { N: '40' },
          outbox: { M: outbox },
        },
      });
    const added = { '0000000040-000': entry('updateWeights'), '0000000040-001': entry('record') };

    // Act
    const alone = detailOf('PutItem', put(added));
    const keeping = detailOf('PutItem', put({ '0000000039-002': entry('publishEvent'), ...added }));

    // Assess
    expect(keeping).toEqual(alone);
    expect(alone).toEqual({ tag: 'DEPLOYMENT put [record,updateWeights]', subject: 'ENDPOINT#churn-prod' });
  });
});
