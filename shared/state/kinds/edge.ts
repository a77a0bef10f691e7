// The edge item (`MODEL#<name>` / `EDGE`) as it must be to be decided on.
import * as v from 'valibot';
import { looseObject, schema, text } from '../../validation';
import { type ItemKind, itemKind } from '../item-check';
import { common, texts } from '../item-shapes';

const edge = () =>
  looseObject({
    ...common(),
    model: text(),
    builds: v.optional(
      v.array(
        looseObject({
          name: text(),
          target: text(),
          modelPackageArn: text(),
          status: v.picklist(['INPROGRESS', 'COMPLETED', 'FAILED', 'WITHDRAWN']),
          startedAt: text(),
          approvedAt: v.optional(text()),
        }),
      ),
    ),
    recent: v.optional(texts()),
  });

export const EDGE_ITEM: ItemKind = /* @__PURE__ */ schema(() =>
  itemKind({
    sk: 'EDGE',
    prefix: 'MODEL#',
    names: 'model',
    schema: edge(),
  }),
);
