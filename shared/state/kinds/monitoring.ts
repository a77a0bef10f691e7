// The monitoring item (`ENDPOINT#<name>` / `MONITORING`) as it must be to be decided on.
import * as v from 'valibot';
import { anyObject, looseObject, schema, text } from '../../validation';
import { type ItemKind, itemKind } from '../item-check';
import { common, texts } from '../item-shapes';

const monitoring = () =>
  looseObject({
    ...common(),
    endpoint: text(),
    ensuredFor: v.optional(v.string()),
    jobDefinition: v.optional(v.string()),
    scheduleSeen: v.optional(v.boolean()),
    recreating: v.optional(v.boolean()),
    alerted: v.optional(v.string()),
    metrics: v.optional(anyObject()),
    metricsFor: v.optional(anyObject()),
    alarm: v.optional(v.string()),
    baselineAlerted: v.optional(v.string()),
    refused: v.optional(texts()),
  });

export const MONITORING_ITEM: ItemKind = /* @__PURE__ */ schema(() =>
  itemKind({
    sk: 'MONITORING',
    prefix: 'ENDPOINT#',
    names: 'endpoint',
    schema: monitoring(),
  }),
);
