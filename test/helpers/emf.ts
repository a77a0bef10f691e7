// The metrics a handler emits, read where CloudWatch reads them: the EMF document Powertools Metrics prints when an
// invocation ends. Import this before any handler: Metrics reads its switches when shared/observability/logger.ts
// loads, and the test setup turns metrics off.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
// Powertools' development mode prints through the global console, which a test can listen to.
process.env.POWERTOOLS_DEV = 'true';

interface EmfDocument {
  _aws?: { CloudWatchMetrics?: { Namespace: string; Metrics: { Name: string }[] }[] };
  [field: string]: unknown;
}

/** Listens to what the handlers print; `metrics()` sums every metric flushed since the last `clear()`. */
export function listenToMetrics() {
  const documents: EmfDocument[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    if (typeof line !== 'string') return;
    try {
      const doc = JSON.parse(line) as EmfDocument;
      if (doc._aws?.CloudWatchMetrics) documents.push(doc);
    } catch {
      // not an EMF document
    }
  });
  return {
    /** Metric name → summed value, in namespace `Shepherd`; the cold start metric left out. */
    metrics(): Record<string, number> {
      const sums: Record<string, number> = {};
      for (const doc of documents)
        for (const block of doc._aws!.CloudWatchMetrics!)
          for (const { Name } of block.Metrics) {
            if (Name === 'ColdStart' || block.Namespace !== 'Shepherd') continue;
            const value = doc[Name];
            const values = Array.isArray(value) ? (value as number[]) : [value as number];
            sums[Name] = (sums[Name] ?? 0) + values.reduce((a, b) => a + b, 0);
          }
      return sums;
    },
    clear: () => void documents.splice(0),
    stop: () => spy.mockRestore(),
  };
}
