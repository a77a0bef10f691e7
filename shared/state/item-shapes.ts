// The shape of each decided state item (shared/state/schemas.ts checks items against them). Loose objects: fields
// Shepherd does not read yet are no harm. `window` is checked only as an object, as its shape belongs to the data
// window (shared/domain/retraining/window.ts).
import * as v from 'valibot';
import { anyObject, count, looseObject, mapOf, text } from '../validation';

const texts = () => v.array(v.string());

const outboxEntry = () =>
  looseObject({
    id: v.pipe(v.string(), v.regex(/^\d{10}-\d{3}$/)),
    action: looseObject({ type: text() }),
    createdAt: text(),
    leaseUntil: v.number(),
  });

const common = () => ({
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  outbox: v.optional(mapOf(outboxEntry())),
});

const trigger = () =>
  looseObject({
    reason: v.picklist(['data', 'drift', 'schedule', 'coalesced', 'manual']),
    id: text(),
    at: text(),
  });

export const training = () =>
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

const ended = () =>
  looseObject({
    id: text(),
    modelPackageArn: text(),
    outcome: v.picklist(['promoted', 'rolled_back', 'failed']),
    at: text(),
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

export const deployment = () =>
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

export const edge = () =>
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
        }),
      ),
    ),
    recent: v.optional(texts()),
  });

export const monitoring = () =>
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
