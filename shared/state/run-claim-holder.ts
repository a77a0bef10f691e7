// The one write a run makes to the claim it holds (renew, finish, give back): shared by RunClaims and by the renewal
// of a run's lease (./run-claim-renewals.ts), which only runs that renew their lease carry.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writtenIf } from './conditional';
import type { Key } from './keys';

/**
 * Writes `update` to the claim if this run (`token`) still holds it. False when a run that outlived its lease was
 * taken over: the claim is the new run's, and is left to it.
 */
export function writeAsHolder(
  doc: DynamoDBDocumentClient,
  table: string,
  held: { key: Key; token: string },
  update: string,
  values: Record<string, unknown>,
): Promise<boolean> {
  return writtenIf(() =>
    doc.send(
      new UpdateCommand({
        TableName: table,
        Key: held.key,
        UpdateExpression: update,
        ConditionExpression: '#status = :running AND #token = :mine',
        ExpressionAttributeNames: { '#status': 'status', '#token': 'claimToken' },
        ExpressionAttributeValues: { ...values, ':running': 'running', ':mine': held.token },
      }),
    ),
  );
}
