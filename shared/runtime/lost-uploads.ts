// countLostUploads' listing of the data prefixes: S3 and the table, nothing else.
import { LostUploads } from '../app/lost-uploads';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { dataWindows, listing, listingCursors, store } from './clients';
import { lazy } from './lazy';
import { dataTriggerOf } from './lines';

export const lostUploads = /* @__PURE__ */ lazy(
  () =>
    new LostUploads({
      listing: listing(),
      windows: dataWindows(),
      cursors: listingCursors(),
      store: store(),
      triggerOf: (bucket, key) => dataTriggerOf(bucket, key)?.trigger,
      logger,
      metrics,
      clock: now,
    }),
);
