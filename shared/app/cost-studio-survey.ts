// What a sweep reads of Studio's idle shutdown for the apps it found running: each domain's defaults, each space an
// app of a governed type runs in, and the user profile that owns a private one (docs/cost-sweeps.md). Each read is
// made once, and one that fails leaves only the apps that depend on it unknown.
import { settleBounded } from '../aws/bounded';
import type { SageMakerWorkspacesAdapter } from '../aws/sagemaker-workspaces';
import type { Finding } from '../domain/cost/findings';
import type { PriceTable } from '../domain/cost/prices';
import {
  appIdleShutdown,
  governedInSpace,
  type IdleSettingsRead,
  studioAppFindings,
  type StudioAppSeen,
} from '../domain/cost/studio';
import { reasonOf, type SweepFailure } from './sweep-failures';

/** Reads each of `keys` once, `read` at most `limit` at a time; a failure is recorded as `what <key>`. */
async function readEach<T>(
  keys: string[],
  limit: number,
  failures: SweepFailure[],
  what: string,
  read: (domainId: string, name: string) => Promise<T>,
): Promise<Map<string, T>> {
  const unique = [...new Set(keys)];
  const settled = await settleBounded(unique, limit, (key) => {
    const [domainId, name] = key.split('/') as [string, string];
    return read(domainId, name);
  });
  const found = new Map<string, T>();
  settled.forEach((r, i) =>
    r.status === 'fulfilled'
      ? found.set(unique[i]!, r.value)
      : // A domain's key is `<id>/`: it is named by its id alone.
        failures.push({ resource: `${what} ${unique[i]!.replace(/\/$/, '')}`, error: reasonOf(r.reason) }),
  );
  return found;
}

export async function studioPart(
  workspaces: SageMakerWorkspacesAdapter,
  apps: StudioAppSeen[],
  concurrency: number,
  failures: SweepFailure[],
  pricing: { prices: PriceTable; region: string },
): Promise<Finding[]> {
  const running = apps.filter((a) => a.status === 'InService');
  const domains = await readEach(
    running.map((a) => `${a.domainId}/`),
    concurrency,
    failures,
    'Studio domain',
    (d) => workspaces.idleShutdown(d),
  );
  const inSpaces = running.filter(governedInSpace);
  const spaces = await readEach(
    inSpaces.map((a) => `${a.domainId}/${a.space}`),
    concurrency,
    failures,
    'Studio space',
    (d, s) => workspaces.space(d, s),
  );
  // Only the owners of private spaces: their settings apply there alone.
  const owners = inSpaces.flatMap((a) => {
    const owner = spaces.get(`${a.domainId}/${a.space}`)?.owner;
    return owner === undefined ? [] : [`${a.domainId}/${owner}`];
  });
  const users = await readEach(owners, concurrency, failures, 'Studio user profile', (d, u) =>
    workspaces.userIdleShutdown(d, u),
  );
  const read: IdleSettingsRead = {
    domain: (d) => domains.get(`${d}/`),
    space: (d, s) => spaces.get(`${d}/${s}`),
    user: (d, u) => users.get(`${d}/${u}`),
  };
  return studioAppFindings(apps, (a) => appIdleShutdown(a, read), pricing.prices, pricing.region);
}
