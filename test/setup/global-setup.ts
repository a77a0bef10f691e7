// Before any test: one in-process DynamoDB (dynalite) on loopback for the handler tests (each file makes its
// own table), and the packaged stack the local cloud reads, built once so parallel e2e files share it.
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { packagedTemplate } from '../../local/packaging';
import { ROOT } from '../../local/template';

export default async function globalSetup(): Promise<void> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (globalThis as { __dynalite?: typeof server }).__dynalite = server;
  await packagedTemplate(join(ROOT, '.local-cloud', 'package'), join(ROOT, 'shepherd.yml'));
}
