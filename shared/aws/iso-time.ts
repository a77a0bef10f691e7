// A time an AWS answer carries, as the ISO text the domain and the state keep: one helper for the adapters (SageMaker,
// CloudWatch, S3) that each had their own. A module of its own, so an adapter that needs it carries nothing else.

/** An AWS time as ISO text. */
export const isoTime = (d: Date): string => new Date(d).toISOString();

/** An AWS time as ISO text; the epoch when AWS gave none, so the cost sweep counts that resource as old as can be. */
export const isoTimeOrEpoch = (d: Date | undefined): string => isoTime(d ?? new Date(0));
