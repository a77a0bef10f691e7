// One in-process DynamoDB (dynalite) on loopback for the whole run; each test file makes its own table.
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';

export default async function globalSetup(): Promise<void> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (globalThis as { __dynalite?: typeof server }).__dynalite = server;
}
