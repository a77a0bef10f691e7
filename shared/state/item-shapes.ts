// What every decided state item's shape (./kinds/) shares: its version and its outbox. Loose objects: fields Shepherd
// does not read yet are no harm.
import * as v from 'valibot';
import { looseObject, mapOf, text } from '../validation';

export const texts = () => v.array(v.string());

const outboxEntry = () =>
  looseObject({
    id: v.pipe(v.string(), v.regex(/^\d{10}-\d{3}$/)),
    action: looseObject({ type: text() }),
    createdAt: text(),
    leaseUntil: v.number(),
  });

export const common = () => ({
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  outbox: v.optional(mapOf(outboxEntry())),
});
