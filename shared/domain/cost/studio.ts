// Studio apps left running, priced where their instance type is known. Pure, as findings.ts.
import { estimateOf, type Finding } from './findings';
import { monthlyCost, pricesNote, type PriceTable } from './prices';

export interface StudioAppSeen {
  domainId: string;
  /** The space it runs in (JupyterLab, Code Editor), or the user profile it belongs to (Studio Classic). */
  space?: string;
  userProfile?: string;
  name: string;
  type: string;
  status: string;
  instanceType?: string;
}
/**
 * Idle shutdown by app type as one level of settings gives it: true ENABLED, false DISABLED (or, for a domain, not
 * set: nothing stops the app), absent where that level says nothing of the type.
 */
export type IdleShutdown = Partial<Record<string, boolean>>;
/** A space as DescribeSpace gives it: its owner if it is private, and its own idle timeout by app type. */
export interface SpaceSeen {
  owner?: string;
  timeoutMinutes: Partial<Record<string, number>>;
}
/** What was read of a Studio account's idle shutdown; undefined where a read failed. */
export interface IdleSettingsRead {
  domain: (domainId: string) => IdleShutdown | undefined;
  space: (domainId: string, space: string) => SpaceSeen | undefined;
  user: (domainId: string, userProfile: string) => IdleShutdown | undefined;
}
/** Idle shutdown as it applies to one app: whose settings decide and what they say, or what could not be read. */
export type AppIdleShutdown =
  | { by: string; level: 'domain' | 'user'; shutdown: boolean | undefined; minutes?: number }
  | { unread: string };

/** The app types idle settings govern, each its own: a space's settings matter only to these. */
const GOVERNED = new Set(['JupyterLab', 'CodeEditor']);
/** Whether an app's space must be read to know what stops it. */
export const governedInSpace = (a: StudioAppSeen): a is StudioAppSeen & { space: string } =>
  a.space !== undefined && GOVERNED.has(a.type);

/**
 * A private space's apps follow its owner's user profile where it sets idle shutdown for their type, else the
 * domain's defaults; a shared space's follow the domain (user settings apply to private spaces only). A space sets
 * only its own timeout, never whether idle shutdown is on (docs/cost-sweeps.md).
 */
export function appIdleShutdown(a: StudioAppSeen, read: IdleSettingsRead): AppIdleShutdown {
  const domain = read.domain(a.domainId);
  if (!domain) return { unread: 'its domain could not be read' };
  const byDomain = { by: 'its domain', level: 'domain', shutdown: domain[a.type] } as const;
  if (!governedInSpace(a)) return byDomain;
  const space = read.space(a.domainId, a.space);
  if (!space) return { unread: 'its space could not be read' };
  const minutes = space.timeoutMinutes[a.type];
  const timeout = minutes === undefined ? {} : { minutes };
  if (space.owner === undefined) return { ...byDomain, ...timeout };
  const user = read.user(a.domainId, space.owner);
  const owner = `its owner’s user profile (${space.owner})`;
  if (!user) return { unread: `${owner} could not be read` };
  if (user[a.type] === undefined) return { ...byDomain, ...timeout };
  return { by: owner, level: 'user', shutdown: user[a.type], ...timeout };
}

/** `its domain shuts idle apps down (its space: after 90 min)`, `… turns idle shutdown off`, or what was unread. */
function policyOf(a: StudioAppSeen, idle: AppIdleShutdown): string {
  if ('unread' in idle) return idle.unread;
  if (idle.shutdown === undefined) return `${idle.by}’s idle shutdown does not cover ${a.type} apps`;
  if (!idle.shutdown)
    return idle.level === 'user' ? `${idle.by} turns idle shutdown off` : `${idle.by} has no idle shutdown`;
  const timeout = idle.minutes === undefined ? '' : ` (its space: after ${idle.minutes} min)`;
  return `${idle.by} shuts idle apps down${timeout}`;
}

/**
 * Where an app runs: its domain, its space or user profile, its type and name. App names repeat (every user profile
 * has a `default` JupyterServer app), and ListApps gives no ARN, so the name alone identifies nothing.
 */
export const studioAppResource = (a: StudioAppSeen) =>
  [a.domainId, a.space ? `space/${a.space}` : a.userProfile ? `user/${a.userProfile}` : undefined, a.type, a.name]
    .filter((part) => part !== undefined)
    .join('/');

/** App types billed by their instance's hours at the "Studio-Notebook" rates (the `studio` prices). */
const BILLED_AS_STUDIO_NOTEBOOK = new Set(['JupyterServer', 'KernelGateway', 'JupyterLab', 'CodeEditor']);
/** The instance Studio Classic's JupyterServer app runs on: it is not billed. */
const SYSTEM_INSTANCE = 'system';

/** What a running app costs a month, or why there is no figure. */
function studioAppCost(a: StudioAppSeen, prices: PriceTable, region: string): number | string {
  if (a.type === 'JupyterServer' && a.instanceType === SYSTEM_INSTANCE) return 0;
  if (!BILLED_AS_STUDIO_NOTEBOOK.has(a.type)) return `no estimate: the table has no prices for ${a.type} apps`;
  if (!a.instanceType) return 'no estimate: ListApps gave no instance type';
  return monthlyCost(prices, region, a.instanceType, 1, 'studio') ?? estimateOf(prices, null);
}

/**
 * Running Studio apps. Their last-activity time is refreshed by health checks and proves nothing, so they are only
 * reported, with whether their settings (domain, owner, space) shut them down. Like a notebook instance, an app
 * nothing shuts down may run all month: that is its saving; where idle apps are stopped, Shepherd has nothing to add.
 */
export function studioAppFindings(
  apps: StudioAppSeen[],
  idleShutdown: (a: StudioAppSeen) => AppIdleShutdown,
  prices: PriceTable,
  region: string,
): Finding[] {
  return apps
    .filter((a) => a.status === 'InService')
    .map((a): Finding => {
      const idle = idleShutdown(a);
      // Idle shutdown is set per app type: one for JupyterLab stops no Studio Classic kernel.
      const shutdown = 'unread' in idle ? undefined : idle.shutdown === true;
      const by = 'unread' in idle ? '' : idle.by;
      const policy = policyOf(a, idle);
      const cost = studioAppCost(a, prices, region);
      const priced = typeof cost === 'number';
      // Settings that stop idle apps leave Shepherd nothing to add, whatever the app costs.
      const saving = shutdown === true ? 0 : !priced || shutdown === undefined ? null : cost;
      return {
        kind: 'studio-app',
        resource: studioAppResource(a),
        evidence: `${a.type} app running${a.instanceType ? ` on ${a.instanceType}` : ''}; ${policy}`,
        monthlyCostUsd: priced ? cost : null,
        monthlySavingUsd: saving,
        action: 'report',
        estimate:
          cost === 0
            ? 'nothing to save: a JupyterServer app on the system instance is not billed'
            : shutdown
              ? `nothing to add: ${by} stops it when idle`
              : !priced
                ? cost
                : shutdown === undefined
                  ? `no estimate of the saving: ${policy}`
                  : `estimate if it runs all month, ${pricesNote(prices)}`,
      };
    });
}
