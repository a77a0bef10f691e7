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
/** Whether a domain shuts idle apps down, by the app types its settings govern (JupyterLab, CodeEditor). */
export type IdleShutdown = Partial<Record<string, boolean>>;

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
 * reported, with whether their domain shuts idle apps down by itself. Like a notebook instance, an app nothing shuts
 * down may run all month: that is its saving; in a domain that stops idle apps, Shepherd has nothing to add.
 */
export function studioAppFindings(
  apps: StudioAppSeen[],
  idleShutdown: (domainId: string) => IdleShutdown | undefined,
  prices: PriceTable,
  region: string,
): Finding[] {
  return apps
    .filter((a) => a.status === 'InService')
    .map((a): Finding => {
      const settings = idleShutdown(a.domainId);
      // A domain's idle shutdown is set per app type: one for JupyterLab stops no Studio Classic kernel.
      const covered = settings !== undefined && settings[a.type] !== undefined;
      const shutdown = settings === undefined ? undefined : settings[a.type] === true;
      const policy =
        shutdown === undefined
          ? 'its domain could not be read'
          : !covered
            ? `its domain’s idle shutdown does not cover ${a.type} apps`
            : shutdown
              ? 'its domain shuts idle apps down'
              : 'its domain has no idle shutdown';
      const cost = studioAppCost(a, prices, region);
      const priced = typeof cost === 'number';
      // A domain that stops idle apps leaves Shepherd nothing to add, whatever the app costs.
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
              ? 'nothing to add: its domain stops it when idle'
              : !priced
                ? cost
                : shutdown === undefined
                  ? 'no estimate of the saving: its domain could not be read'
                  : `estimate if it runs all month, ${pricesNote(prices)}`,
      };
    });
}
