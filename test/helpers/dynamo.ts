// The test's own table on the shared dynalite; read back what handlers wrote, as a user of the table would.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataWindow } from '../../shared/domain/retraining/state';
import { DataWindows } from '../../shared/state/data-windows';
import { RunClaimRenewals } from '../../shared/state/run-claim-renewals';
import { RunClaims } from '../../shared/state/run-claims';
import { untilActive } from '../../local/cloud/table-active';
import { stateTableDefinition } from '../../shared/state/table';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

const dynamo = new DynamoDBClient({});
const client = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});
const table = () => process.env.TABLE_NAME!;

export async function createTable(): Promise<void> {
  await client.send(new CreateTableCommand(stateTableDefinition(table())));
  await untilActive(dynamo, table());
}

export async function clearTable(): Promise<void> {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: table() }));
  for (const { pk, sk } of Items) await client.send(new DeleteCommand({ TableName: table(), Key: { pk, sk } }));
}

export async function trainingItem(model: string): Promise<Record<string, any> | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table(), Key: { pk: `MODEL#${model}`, sk: 'TRAINING' }, ConsistentRead: true }),
  );
  return Item;
}

export async function deploymentItem(endpoint = 'churn-prod'): Promise<Record<string, any> | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table(), Key: { pk: `ENDPOINT#${endpoint}`, sk: 'DEPLOYMENT' }, ConsistentRead: true }),
  );
  return Item;
}

export async function timeline(
  model: string,
): Promise<{ type: string; message: string; data?: Record<string, unknown> }[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
      ExpressionAttributeValues: { ':pk': `MODEL#${model}`, ':ev': 'EVENT#' },
    }),
  );
  return Items as { type: string; message: string }[];
}

/** An approval link's use (`APPROVAL#<nonce>`), as the first POST wrote it. */
export async function linkUse(nonce: string): Promise<Record<string, any> | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table(), Key: { pk: `APPROVAL#${nonce}`, sk: 'USE' } }),
  );
  return Item;
}

/** Removes an approval link's use, as someone deleting it by hand would. */
export async function removeLinkUse(nonce: string): Promise<void> {
  await client.send(new DeleteCommand({ TableName: table(), Key: { pk: `APPROVAL#${nonce}`, sk: 'USE' } }));
}

/** Writes an item as Shepherd would have left it (a state Shepherd reached earlier, for a test to start from). */
export async function putItem(item: Record<string, unknown>): Promise<void> {
  await client.send(new PutCommand({ TableName: table(), Item: item }));
}

/**
 * churn-prod's deployment item at `version`, holding one outbox entry whose lease is long over: its writer failed or
 * died before performing it, so the next invocation may take it on.
 */
export async function putDeploymentWithLeftover(version: number, entry: LeftoverEntry): Promise<void> {
  const leftover = longOver(entry);
  await putItem({
    pk: 'ENDPOINT#churn-prod',
    sk: 'DEPLOYMENT',
    endpoint: 'churn-prod',
    version,
    outbox: { [leftover.id]: leftover },
  });
}

/** Adds such a leftover to churn-prod's deployment item as it stands, its version left as it is. */
export async function addLeftover(entry: LeftoverEntry): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table(),
      Key: { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT' },
      UpdateExpression: 'SET outbox.#id = :entry',
      ExpressionAttributeNames: { '#id': entry.id },
      ExpressionAttributeValues: { ':entry': longOver(entry) },
    }),
  );
}

interface LeftoverEntry {
  id: string;
  action: unknown;
  createdAt: string;
}
const longOver = (entry: LeftoverEntry) => ({ ...entry, leaseUntil: 0 });

export async function monitoringItem(endpoint = 'churn-prod'): Promise<Record<string, any> | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table(), Key: { pk: `ENDPOINT#${endpoint}`, sk: 'MONITORING' }, ConsistentRead: true }),
  );
  return Item;
}

/** The state table's data-window counters, read as Shepherd reads them. */
export const dataWindows = () => new DataWindows(client, table());
export const runClaims = () => new RunClaims(client, table());
export const runClaimRenewals = () => new RunClaimRenewals(client, table());

/** What the line's open data window counted, per source. */
export async function openWindow(model: string): Promise<DataWindow> {
  const gen = (await trainingItem(model))?.window?.gen ?? 0;
  return dataWindows().read(model, gen);
}
