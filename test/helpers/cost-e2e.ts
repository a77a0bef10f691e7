// The account the cost-sweep e2e tests sweep, and a local cloud that has swept it once. One cloud per test file:
// the functions it loads keep their clients and config for the process, as Lambda keeps them for a cold start.
import type { Cloud } from '../../local/cloud';
import { startCloud } from '../../local/cloud';
import { scenarioSchema } from '../../local/scenario';
import { domainEvents, waitFor } from './e2e';

// An account as a sweep finds it at 01:00 (the example's costSweep.schedule), an hour into the scenario.
export const world = {
  // Someone's job left running for 30 h, which a sweep lists and never stops.
  trainingJobs: [
    { name: 'forgotten-finetune', instanceType: 'ml.p3.2xlarge', instanceCount: 2, hours: 30, running: true },
  ],
  endpoints: [
    {
      name: 'idle-big',
      tags: { 'shepherd:cost-action': 'delete', team: 'growth' },
      variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', instanceCount: 2 }],
    },
    {
      name: 'idle-small',
      tags: { 'shepherd:cost-action': 'delete' },
      variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }],
    },
    {
      name: 'idle-protected',
      tags: { 'shepherd:cost-action': 'delete', 'shepherd:protect': 'true' },
      variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', instanceCount: 4 }],
    },
    { name: 'idle-not-opted', variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', instanceCount: 4 }] },
    {
      name: 'second-variant-serves',
      tags: { 'shepherd:cost-action': 'delete' },
      variants: [
        { name: 'a', instanceType: 'ml.m5.xlarge', instanceCount: 2, weight: 0, cpuPercent: 30, memoryPercent: 50 },
        {
          name: 'b',
          instanceType: 'ml.m5.xlarge',
          instanceCount: 2,
          requestsPerMinute: 50,
          cpuPercent: 30,
          memoryPercent: 50,
        },
      ],
    },
  ],
  notebooks: [
    {
      name: 'left-running',
      instanceType: 'ml.m5.xlarge',
      inServiceHours: 48,
      tags: { 'shepherd:cost-action': 'stop' },
    },
  ],
  studioDomains: [
    {
      id: 'd-noshutdown01',
      name: 'lab',
      apps: [
        { space: 'ann', instanceType: 'ml.g4dn.xlarge' },
        // Every user profile has a JupyterServer app named default: one here, one in the other domain.
        { userProfile: 'ann', type: 'JupyterServer', instanceType: 'system' },
      ],
    },
    {
      id: 'd-shutdown0002',
      name: 'tidy',
      idleShutdownMinutes: 60,
      apps: [
        { space: 'ben', type: 'CodeEditor' },
        { space: 'cat', status: 'Deleted' },
        { userProfile: 'ann', type: 'JupyterServer', instanceType: 'system' },
      ],
    },
  ],
};

export async function sweptCloud(configFile?: string): Promise<Cloud> {
  const scenario = scenarioSchema.parse({ name: 'cost-sweep', setup: world });
  const cloud = await startCloud({ scenario, print: false, speed: 1200, ...(configFile ? { configFile } : {}) });
  await waitFor(cloud, 'the 01:00 cost sweep', () => domainEvents(cloud, 'Cost Sweep Completed').length > 0);
  return cloud;
}
export const endpointNames = (cloud: Cloud) =>
  cloud.sagemaker
    .endpoints()
    .map((e) => e.name)
    .sort();
