import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DomainEventDetail } from '../domain/actions';
import type { DomainEventType } from '../events/published';

export const EVENT_SOURCE = 'shepherd';

/** Shepherd's domain events on its own bus. PutEvents answers per entry: a failed entry is an error. */
export class EventsAdapter {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish<T extends DomainEventType>(detailType: T, detail: DomainEventDetail<T>): Promise<void> {
    const out = await this.client.send(
      new PutEventsCommand({
        Entries: [
          { Source: EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: this.busName },
        ],
      }),
    );
    const failed = out.Entries?.find((e) => e.ErrorCode);
    if ((out.FailedEntryCount ?? 0) > 0 || failed) {
      throw new Error(
        (
          `PutEvents rejected "${detailType}" on bus ${this.busName}: ` +
          `${failed?.ErrorCode ?? 'unknown'} ${failed?.ErrorMessage ?? ''}`
        ).trim(),
      );
    }
  }
}
