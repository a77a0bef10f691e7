import { MAX_STORABLE, MIN_STORABLE, storable } from '../../shared/state/storable';

describe('storable numbers', () => {
  it('drops a NaN field, as an absent optional value, and keeps the fields around it', () => {
    // Prepare
    const evidence = { ratio: NaN, margin: 0.2 };

    // Act
    const stored = storable(evidence);

    // Assess
    expect(stored).toEqual({ margin: 0.2 });
    expect('ratio' in stored).toBe(false);
  });

  it('turns a NaN in an array into null, so the other elements keep their positions', () => {
    // Act
    const stored = storable([1, NaN, 3]);

    // Assess
    expect(stored).toEqual([1, null, 3]);
  });

  it('turns ±Infinity and magnitudes past 2^53 − 1 into the largest storable number with their sign', () => {
    // Act
    const stored = storable([Infinity, -Infinity, 1e200, -1e200, 2 ** 53]);

    // Assess
    expect(stored).toEqual([MAX_STORABLE, -MAX_STORABLE, MAX_STORABLE, -MAX_STORABLE, MAX_STORABLE]);
  });

  it('stores a p-value under 1e-130, of either sign, as 0 and keeps 1e-130 itself', () => {
    // Act
    const stored = storable([1e-200, -1e-200, 5e-324, MIN_STORABLE, -1e-130]);

    // Assess
    expect(stored).toEqual([0, 0, 0, 1e-130, -1e-130]);
  });

  it('stores -0 as 0 and leaves 0 as it is', () => {
    // Act
    const stored = storable([0, -0]);

    // Assess
    expect(Object.is(stored[0], 0)).toBe(true);
    expect(Object.is(stored[1], 0)).toBe(true);
  });

  it('keeps large integers such as byte counts and epoch milliseconds exact', () => {
    // Prepare
    const window = { bytes: 5_497_558_138_880, leaseUntil: 1_795_000_000_123, max: 2 ** 53 - 1 };

    // Act
    const stored = storable(window);

    // Assess
    expect(stored).toEqual({ bytes: 5_497_558_138_880, leaseUntil: 1_795_000_000_123, max: 9_007_199_254_740_991 });
  });

  it('fixes numbers at any depth of arrays and objects and leaves the rest of the structure alone', () => {
    // Prepare
    const item = {
      pk: 'ENDPOINT#churn-prod',
      outbox: { '0000000002-000': { action: { type: 'record', data: { pValueWorse: 1e-300, shown: true } } } },
      judgements: [{ reasons: ['too little traffic'], minutes: [[1, Infinity], [NaN]] }],
      note: null,
      missing: undefined,
    };

    // Act
    const stored = storable(item);

    // Assess
    expect(stored).toEqual({
      pk: 'ENDPOINT#churn-prod',
      outbox: { '0000000002-000': { action: { type: 'record', data: { pValueWorse: 0, shown: true } } } },
      judgements: [{ reasons: ['too little traffic'], minutes: [[1, MAX_STORABLE], [null]] }],
      note: null,
      missing: undefined,
    });
    expect(item.outbox['0000000002-000'].action.data.pValueWorse).toBe(1e-300);
  });

  it('returns an item that needs no change as the same object, so the usual write copies nothing', () => {
    // Prepare
    const item = { version: 3, history: [{ at: '2026-11-27T03:14:00Z', weight: 10 }], evidence: { pValueWorse: 0.42 } };

    // Act
    const stored = storable(item);

    // Assess
    expect(stored).toBe(item);
  });

  it('leaves values other than arrays and plain objects as they are', () => {
    // Prepare
    const at = new Date('2026-11-27T03:14:00Z');

    // Act
    const stored = storable({ at, name: 'churn', ok: true, nothing: null });

    // Assess
    expect(stored.at).toBe(at);
    expect(stored).toEqual({ at, name: 'churn', ok: true, nothing: null });
  });
});
