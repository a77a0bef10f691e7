// An outbox entry's id, `<version>-<index>`: the decision that wrote the item's `version` added it as its `index`th
// action. Zero-padded, so ids sort in the order the actions were decided, which is the order the store reads them.

/** What every entry added by the decision that wrote `version` starts with. */
export const outboxPrefix = (version: number | string): string => `${String(version).padStart(10, '0')}-`;

export const outboxId = (version: number, index: number): string =>
  `${outboxPrefix(version)}${String(index).padStart(3, '0')}`;
