// What @aws-sdk/endpoint-cache uses of mnemonist's LRU cache (get, peek, set, has, clear, and the capacity), on a
// Map: the bundles carry this in place of mnemonist and obliterator (shared/config/esbuild-sdk-trims.js).

/** Least recently used goes first once `capacity` keys are held; `get` and `set` make a key the most recent. */
class LRUCache {
  constructor(capacity) {
    if (typeof capacity !== 'number' || capacity <= 0) throw new Error('LRUCache: capacity must be a positive number');
    this.capacity = capacity;
    this.items = new Map();
  }

  get size() {
    return this.items.size;
  }

  has(key) {
    return this.items.has(key);
  }

  /** The value, without making the key the most recent. */
  peek(key) {
    return this.items.get(key);
  }

  get(key) {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key);
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key, value) {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value);
    return this;
  }

  clear() {
    this.items.clear();
  }
}

module.exports = LRUCache;
