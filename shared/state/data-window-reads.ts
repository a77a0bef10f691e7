// Reading a data window back: every counter of it, page by page, and their totals per source.
import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { SourceWindow } from '../domain/retraining/state';
import { windowPrefix } from './data-window-items';

export interface Projection {
  expression: string;
  names: Record<string, string>;
}

/** The counters of window `gen` of a model line, every page of them, each with the attributes the projection names. */
export async function* windowCounters(
  doc: DynamoDBDocumentClient,
  table: string,
  model: string,
  gen: number,
  projection: Projection,
) {
  const pages = paginateQuery(
    { client: doc },
    {
      TableName: table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ProjectionExpression: projection.expression,
      ExpressionAttributeNames: projection.names,
      ExpressionAttributeValues: { ':pk': `MODEL#${model}`, ':prefix': windowPrefix(gen) },
    },
  );
  for await (const page of pages) yield* page.Items ?? [];
}

/** One source's totals with one more of its counters added. */
export const mergeCounter = (total: SourceWindow | undefined, counter: SourceWindow): SourceWindow =>
  total
    ? {
        objects: total.objects + counter.objects,
        bytes: total.bytes + counter.bytes,
        // ISO times: their text sorts as the times do.
        firstAt: [counter.firstAt, total.firstAt].sort()[0]!,
        lastAt: [counter.lastAt, total.lastAt].sort()[1]!,
      }
    : { objects: counter.objects, bytes: counter.bytes, firstAt: counter.firstAt, lastAt: counter.lastAt };
