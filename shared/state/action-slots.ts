// The actions one scheduled cost sweep took over every attempt of its run: Lambda retries a sweep that ended
// incomplete, and each attempt sweeps again, so the run's cap (`maxActionsPerRun`) is counted here, not per attempt.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys';
import { writeIf } from './write';

/** As long as a run's claim is kept: a retry comes within minutes, a duplicate delivery within days. */
const KEEP_DAYS = 7;

export class ActionSlots {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly key: Key,
    private readonly clock: () => Date,
  ) {}

  /** Takes one of the run's `cap` actions; false when all were taken, by this attempt or an earlier one. */
  take(cap: number): Promise<boolean> {
    return writeIf(this.doc, {
      TableName: this.table,
      Key: this.key,
      UpdateExpression: 'ADD taken :one SET expiration = :expiration',
      ConditionExpression: 'attribute_not_exists(taken) OR taken < :cap',
      ExpressionAttributeValues: {
        ':one': 1,
        ':cap': cap,
        ':expiration': Math.floor(this.clock().getTime() / 1000) + KEEP_DAYS * 86_400,
      },
    });
  }
}
