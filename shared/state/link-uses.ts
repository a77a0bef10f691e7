// The single use of an approval link: `APPROVAL#<nonce>`, written by a conditional put on the first POST and
// completed once its action was performed. Kept long past any link's expiry, so an old link never acts twice.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import type { LinkUse } from '../domain/approval/check';
import { LINK_ACTIONS } from '../domain/approval/token';
import { check, count, isoTime, looseObject, schema, text } from '../validation';
import { writtenIf } from './conditional';
import { CorruptStateError } from './corrupt';

const key = (nonce: string) => ({ pk: `APPROVAL#${nonce}`, sk: 'USE' });

/** A use as `consume` and `complete` write it. Loose, as the state items are: a field not read here is no harm. */
const linkUseShape = /* @__PURE__ */ schema(() =>
  looseObject({
    nonce: text(),
    action: v.picklist(LINK_ACTIONS),
    subject: text(),
    approver: text(),
    at: isoTime(),
    reason: v.optional(v.string()),
    doneAt: v.optional(isoTime()),
    outcome: v.optional(text()),
    expiration: v.optional(count()),
  }),
);

/** A use read back as Shepherd wrote it, typed by the schema that checked it; or every problem, as `field: why`. */
function checkedUse(nonce: string, fields: Record<string, unknown>): { use: LinkUse } | { problems: string[] } {
  const checked = check(linkUseShape, fields);
  if (!checked.success) return { problems: checked.problems };
  // The schema's own output, not a cast: a schema that let through what LinkUse does not hold would not compile.
  const use: LinkUse = checked.output;
  // A use copied from another link's item would answer for a link it never was.
  if (use.nonce === nonce) return { use };
  return { problems: [`nonce: "${use.nonce.slice(0, 100)}" is not "${nonce}" of its key`] };
}

export class LinkUses {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * The link's use, if it was consumed; throws `CorruptStateError` when the item is not what Shepherd writes, naming
   * `line` (the model line the link is for) as the line to alert, since the item's key does not say it.
   */
  async get(nonce: string, line?: string): Promise<LinkUse | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: key(nonce), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...fields } = Item;
    const read = checkedUse(nonce, fields);
    if ('problems' in read) throw new CorruptStateError(key(nonce), Item, read.problems, line);
    return read.use;
  }

  /** Consumes the link; false when it was consumed already (by this POST's twin, or an earlier one). */
  consume(use: LinkUse): Promise<boolean> {
    return writtenIf(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key(use.nonce), ...use },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /**
   * Its action was performed: from now on the link only says what it did. Only a use that is there is completed: an
   * update of a missing item would create a half use (a `doneAt` and an `outcome`, no action or approver).
   */
  async complete(nonce: string, at: string, outcome: string): Promise<void> {
    const written = await writtenIf(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(nonce),
          UpdateExpression: 'SET doneAt = if_not_exists(doneAt, :at), outcome = if_not_exists(outcome, :outcome)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at, ':outcome': outcome },
        }),
      ),
    );
    // Consumed by this POST or an earlier one and removed since (by hand: its TTL is a day past the link's expiry).
    if (!written) throw new LinkUseGoneError(key(nonce));
  }
}

/** The use a POST consumed is no longer in the table when its action was done: not recorded, so not swallowed. */
export class LinkUseGoneError extends Error {
  constructor(readonly key: { pk: string; sk: string }) {
    super(`approval link use ${key.pk}/${key.sk} is gone: its action was performed, but is not recorded`);
    this.name = 'LinkUseGoneError';
  }
}

export const isLinkUseGone = (err: unknown): err is LinkUseGoneError =>
  err instanceof Error && err.name === 'LinkUseGoneError' && 'key' in err;
