// The LRU cache the bundles give the SDK's endpoint cache (shared/config/lru-cache.js) answers as mnemonist's, which
// it replaces there, on every sequence of the operations the endpoint cache calls.
import fc from 'fast-check';
import MnemonistLru from 'mnemonist/lru-cache';

/** What the endpoint cache calls of its LRU cache. */
interface Cache {
  get(key: string): unknown;
  peek(key: string): unknown;
  has(key: string): boolean;
  set(key: string, value: number): unknown;
  clear(): void;
  readonly size: number;
}
const SmallLru: new (capacity: number) => Cache = require('../../shared/config/lru-cache.js');

const key = fc.constantFrom('a', 'b', 'c', 'd');
// Clears now and then, so the cache fills and evicts between them.
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.tuple(fc.constant('set' as const), key, fc.integer()), weight: 10 },
  { arbitrary: fc.tuple(fc.constantFrom('get' as const, 'peek' as const, 'has' as const), key), weight: 10 },
  { arbitrary: fc.tuple(fc.constant('clear' as const)), weight: 1 },
);

type Operation = ['set', string, number] | ['get' | 'peek' | 'has', string] | ['clear'];

/** Each operation's answer in turn (undefined for set and clear). */
function play(cache: Cache, ops: Operation[]): unknown[] {
  return ops.map((op) => {
    if (op[0] === 'set') return void cache.set(op[1], op[2]);
    if (op[0] === 'clear') return cache.clear();
    return op[0] === 'get' ? cache.get(op[1]) : op[0] === 'peek' ? cache.peek(op[1]) : cache.has(op[1]);
  });
}

describe('the endpoint cache’s LRU cache in the bundles', () => {
  it('answers get, peek and has as mnemonist’s LRU cache does after any sets, reads and clears', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(operation, { maxLength: 60 }), (capacity, ops) => {
        // Prepare
        const [small, reference] = [new SmallLru(capacity), new MnemonistLru<string, number>(capacity)];

        // Act
        const [answers, expected] = [play(small, ops), play(reference, ops)];

        // Assess
        expect(answers).toEqual(expected);
        expect(small.size).toBe(reference.size);
      }),
      { numRuns: 2000 },
    );
  });

  it('forgets the least recently read or written key first once full', () => {
    // Prepare
    const cache = new SmallLru(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');

    // Act
    cache.set('c', 3);

    // Assess
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  });

  it('refuses a capacity that is not a positive number, as mnemonist’s does', () => {
    // Act / Assess
    expect(() => new SmallLru(0)).toThrow('capacity must be a positive number');
  });
});
