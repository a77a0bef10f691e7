import { clearTable, createTable, dataWindows } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(clearTable);

const SOURCE = 'bucket/prefix/';
const object = (n: number) => ({ fingerprint: `${n.toString(16).padStart(4, '0')}abcdef01234567`, size: 100 * n });
const at = new Date('2026-11-27T01:00:00Z');

describe('data-window counters', () => {
  it('refuses to count into a closed window, yet knows an object it counted before it closed', async () => {
    // Prepare
    const windows = dataWindows();
    await windows.count('churn', 3, SOURCE, object(1), at);
    await windows.close('churn', 3, [SOURCE]);

    // Act
    const repeated = await windows.count('churn', 3, SOURCE, object(1), at);
    const late = await windows.count('churn', 3, SOURCE, object(2), at);

    // Assess
    expect([repeated, late]).toEqual(['duplicate', 'closed']);
  });

  it('closes every shard of every source and tells what the window counted, however often closed', async () => {
    // Prepare
    const windows = dataWindows();
    for (const n of [1, 2, 3]) await windows.count('churn', 0, SOURCE, object(n), at);
    await windows.count('churn', 0, 'other/', object(4), new Date('2026-11-27T01:05:00Z'));

    // Act
    const closed = await windows.close('churn', 0, [SOURCE, 'other/']);
    const again = await windows.close('churn', 0, [SOURCE, 'other/']);
    const refused = await windows.count('churn', 0, 'other/', object(40), at);

    // Assess
    expect(closed.sources).toEqual({
      [SOURCE]: { objects: 3, bytes: 600, firstAt: at.toISOString(), lastAt: at.toISOString() },
      'other/': { objects: 1, bytes: 400, firstAt: '2026-11-27T01:05:00.000Z', lastAt: '2026-11-27T01:05:00.000Z' },
    });
    expect(again).toEqual(closed);
    expect(refused).toBe('closed');
  });

  it('keeps windows of different generations apart', async () => {
    // Prepare
    const windows = dataWindows();
    await windows.count('churn', 0, SOURCE, object(1), at);

    // Act
    const next = await windows.count('churn', 1, SOURCE, object(1), at);

    // Assess
    expect(next).toBe('counted');
    expect((await windows.read('churn', 1)).sources[SOURCE]?.objects).toBe(1);
    expect((await windows.read('churn', 0)).sources[SOURCE]?.objects).toBe(1);
  });
});
