/**
 * A value built on first use, then kept for the rest of the cold start. Call sites mark `lazy(...)` pure
 * (`/* @__PURE__ *\/`), so a bundle whose handler never reads the value drops it, and with it its client.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/**
 * What a function was not given, because nothing it does calls it (and its IAM role grants none of it). A call
 * that reaches it anyway fails with its name, not with `undefined is not a function`.
 */
export function absent<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_, property) => {
      // Not a thenable, and nothing to inspect: awaiting or printing it must not fail.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new Error(`${what} is not part of this function (${String(property)}): nothing it handles calls it`);
    },
  });
}
