// The training item (`MODEL#<name>` / `TRAINING`) as it must be to be decided on. `window` is checked only as an
// object, as its shape belongs to the data window (shared/domain/retraining/window.ts).
import * as v from 'valibot';
import { anyObject, count, looseObject, schema, text } from '../../validation';
import { type ItemKind, itemKind } from '../item-check';
import { common, texts } from '../item-shapes';

const trigger = () =>
  looseObject({
    reason: v.picklist(['data', 'drift', 'schedule', 'coalesced', 'manual']),
    id: text(),
    at: text(),
  });

const training = () =>
  looseObject({
    ...common(),
    model: text(),
    window: v.optional(anyObject()),
    inFlight: v.optional(
      looseObject({
        kind: v.picklist(['job', 'tuning', 'pipeline']),
        runName: text(),
        attempt: count(),
        jobName: text(),
        trigger: trigger(),
        window: looseObject({ objects: count(), bytes: count() }),
        startedAt: text(),
        lastHeardAt: text(),
        phase: v.optional(v.literal('registering')),
      }),
    ),
    pending: v.optional(trigger()),
    starts: v.optional(texts()),
    recent: v.optional(texts()),
  });

export const TRAINING_ITEM: ItemKind = /* @__PURE__ */ schema(() =>
  itemKind({
    sk: 'TRAINING',
    prefix: 'MODEL#',
    names: 'model',
    schema: training(),
  }),
);
