// Studio as an account holds it before the scenario begins (setup.studioDomains): domains, with or without idle
// shutdown, and the apps running in them, seeded into the SageMaker emulator (local/sagemaker/studio.ts).
import { z } from 'zod';
import type { SageMakerEmulator } from './sagemaker';
import { APP_STATUSES, APP_TYPES } from './sagemaker/studio';

const HOUR_MS = 3_600_000;

const entityName = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const seededAppSchema = z
  .strictObject({
    /** The space it runs in (JupyterLab, Code Editor) or the user profile it belongs to (Studio Classic). */
    space: z.string().regex(entityName, 'must be a space name').optional(),
    userProfile: z.string().regex(entityName, 'must be a user profile name').optional(),
    type: z.enum(APP_TYPES).default('JupyterLab'),
    name: z.string().regex(entityName, 'must be an app name').default('default'),
    instanceType: z
      .string()
      // `system`: the unbilled instance of Studio Classic's JupyterServer app.
      .regex(/^(ml\.[a-z0-9-]+\.[a-z0-9]+|system)$/, 'must be an instance type such as ml.t3.medium, or system')
      .default('ml.t3.medium'),
    status: z.enum(APP_STATUSES).default('InService'),
    /** How long before the scenario starts it was created, in hours. */
    runningHours: z.number().positive().default(24),
  })
  .refine((a) => (a.space === undefined) !== (a.userProfile === undefined), 'needs either space or userProfile');
export const seededStudioDomainSchema = z.strictObject({
  id: z
    .string()
    .max(63)
    .regex(/^d-(-*[a-z0-9]){1,61}$/, 'must be a Studio domain id such as d-0123456789ab'),
  name: z.string().regex(entityName, 'must be a domain name'),
  /** Idle shutdown of JupyterLab and Code Editor apps (IdleSettings.IdleTimeoutInMinutes); absent: none. */
  idleShutdownMinutes: z.number().int().min(60).max(525600, 'is IdleTimeoutInMinutes: 60 to 525600').optional(),
  apps: z.array(seededAppSchema).default([]),
});

export type SeededStudioDomain = z.output<typeof seededStudioDomainSchema>;

export function seedStudioDomains(domains: SeededStudioDomain[], sagemaker: SageMakerEmulator, start: Date): void {
  for (const { apps, ...d } of domains) {
    const before = (hours: number) => start.getTime() - hours * HOUR_MS;
    const oldest = Math.max(0, ...apps.map((a) => a.runningHours));
    sagemaker.seedStudio(
      { ...d, createdAt: before(oldest + 24) },
      apps.map(({ runningHours, ...a }) => ({ ...a, domainId: d.id, createdAt: before(runningHours) })),
    );
  }
}
