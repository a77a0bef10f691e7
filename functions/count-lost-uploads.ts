// rate(1 minute): uploads whose Object Created never arrived, found by listing each configured data prefix and
// counted in the line's open window once each. The reconciler releases a window that is due, as for the events.
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { tickEach } from '../shared/observability/ticks';
import { allLines } from '../shared/runtime/lines';
import { lostUploads } from '../shared/runtime/lost-uploads';

export const handler = shepherdHandler('countLostUploads', scheduledEvent, () =>
  tickEach(
    'countLostUploads',
    allLines().filter((line) => line.triggers.data.length > 0),
    (line) => lostUploads().count(line),
  ),
);
