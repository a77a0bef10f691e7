// The deployment item (`ENDPOINT#<name>` / `DEPLOYMENT`) as it must be to be decided on.
import * as v from 'valibot';
import { anyObject, count, looseObject, schema, text } from '../../validation';
import { type ItemKind, itemKind } from '../item-check';
import { common, texts } from '../item-shapes';

const ended = () =>
  looseObject({
    id: text(),
    modelPackageArn: text(),
    outcome: v.picklist(['promoted', 'rolled_back', 'failed']),
    at: text(),
    approvedAt: v.optional(text()),
  });

const approvedPackage = () =>
  looseObject({
    arn: text(),
    group: text(),
    version: count(),
    containers: v.array(looseObject({ Image: text() })),
    at: text(),
  });

const variant = () => looseObject({ variant: text(), model: text(), instanceCount: count() });

const deployment = () =>
  looseObject({
    ...common(),
    endpoint: text(),
    active: v.optional(
      looseObject({
        id: text(),
        model: text(),
        package: approvedPackage(),
        kind: v.picklist(['create', 'canary', 'replace']),
        status: v.picklist([
          'creating',
          'starting',
          'replacing',
          'baking',
          'shifting',
          'promoting',
          'draining',
          'rolling_back',
          'held',
        ]),
        baseline: v.optional(looseObject({ ...variant().entries, config: text() })),
        candidate: variant(),
        step: count(),
        weight: v.pipe(v.number(), v.minValue(0)),
        expectConfig: v.string(),
        config: v.string(),
        bakeExtensions: count(),
        lastHeardAt: text(),
        startedAt: text(),
        judgements: v.array(anyObject()),
      }),
    ),
    queued: v.optional(approvedPackage()),
    history: v.optional(v.array(ended())),
    lastPromoted: v.optional(ended()),
    recent: v.optional(texts()),
    created: v.optional(looseObject({ models: texts(), configs: texts() })),
  });

export const DEPLOYMENT_ITEM: ItemKind = /* @__PURE__ */ schema(() =>
  itemKind({
    sk: 'DEPLOYMENT',
    prefix: 'ENDPOINT#',
    names: 'endpoint',
    schema: deployment(),
  }),
);
