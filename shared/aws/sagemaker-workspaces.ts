// What a cost sweep reads of the workspaces people leave running: notebook instances, Studio apps (and whether their
// domain shuts them down when idle), and the training jobs that finished in the window.
import {
  DescribeDomainCommand,
  DescribeSpaceCommand,
  DescribeUserProfileCommand,
  DescribeTrainingJobCommand,
  paginateListApps,
  paginateListNotebookInstances,
  paginateListTrainingJobs,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { IdleShutdown, SpaceSeen, StudioAppSeen } from '../domain/cost/studio';
import type { RunningTrainingSeen } from '../domain/cost/running-training';
import type { TrainingSeen } from '../domain/cost/workspaces';
import { isoTimeOrEpoch } from './iso-time';

export class SageMakerWorkspacesAdapter {
  constructor(private readonly client: SageMakerClient) {}

  async notebooks(): Promise<
    { name: string; arn: string; status: string; instanceType: string; lastModified: string }[]
  > {
    const found = [];
    const pages = paginateListNotebookInstances({ client: this.client, pageSize: 100 }, { StatusEquals: 'InService' });
    for await (const page of pages)
      for (const n of page.NotebookInstances ?? [])
        found.push({
          name: n.NotebookInstanceName ?? '',
          arn: n.NotebookInstanceArn ?? '',
          status: n.NotebookInstanceStatus ?? 'Unknown',
          instanceType: n.InstanceType ?? '',
          lastModified: isoTimeOrEpoch(n.LastModifiedTime),
        });
    return found;
  }

  async studioApps(): Promise<StudioAppSeen[]> {
    const found: StudioAppSeen[] = [];
    for await (const page of paginateListApps({ client: this.client, pageSize: 100 }, {}))
      for (const a of page.Apps ?? [])
        found.push({
          domainId: a.DomainId ?? '',
          ...(a.SpaceName ? { space: a.SpaceName } : {}),
          ...(a.UserProfileName ? { userProfile: a.UserProfileName } : {}),
          name: a.AppName ?? '',
          type: a.AppType ?? '',
          status: a.Status ?? 'Unknown',
          ...(a.ResourceSpec?.InstanceType ? { instanceType: a.ResourceSpec.InstanceType } : {}),
        });
    return found;
  }

  /**
   * Whether the domain shuts idle apps down, by the app types its settings govern: IdleSettings exist for JupyterLab
   * and Code Editor apps only, each for its own type.
   */
  async idleShutdown(DomainId: string): Promise<IdleShutdown> {
    const d = await this.client.send(new DescribeDomainCommand({ DomainId }));
    const settings = d.DefaultUserSettings;
    const enabled = (s: { AppLifecycleManagement?: { IdleSettings?: { LifecycleManagement?: string } } } = {}) =>
      s.AppLifecycleManagement?.IdleSettings?.LifecycleManagement === 'ENABLED';
    return {
      JupyterLab: enabled(settings?.JupyterLabAppSettings),
      CodeEditor: enabled(settings?.CodeEditorAppSettings),
    };
  }

  /**
   * What a user profile's own settings say of idle shutdown, by app type: only the types it sets (ENABLED or
   * DISABLED); the others follow the domain. They apply to the profile's private spaces only.
   */
  async userIdleShutdown(DomainId: string, UserProfileName: string): Promise<IdleShutdown> {
    const u = (await this.client.send(new DescribeUserProfileCommand({ DomainId, UserProfileName }))).UserSettings;
    const set: IdleShutdown = {};
    for (const [type, s] of [
      ['JupyterLab', u?.JupyterLabAppSettings],
      ['CodeEditor', u?.CodeEditorAppSettings],
    ] as const) {
      const lifecycle = s?.AppLifecycleManagement?.IdleSettings?.LifecycleManagement;
      if (lifecycle) set[type] = lifecycle === 'ENABLED';
    }
    return set;
  }

  /** A space's owner when it is private (whose user settings then apply), and its own idle timeouts. */
  async space(DomainId: string, SpaceName: string): Promise<SpaceSeen> {
    const s = await this.client.send(new DescribeSpaceCommand({ DomainId, SpaceName }));
    const owner = s.OwnershipSettings?.OwnerUserProfileName;
    const timeout = (a?: { AppLifecycleManagement?: { IdleSettings?: { IdleTimeoutInMinutes?: number } } }) =>
      a?.AppLifecycleManagement?.IdleSettings?.IdleTimeoutInMinutes;
    const timeouts = {
      JupyterLab: timeout(s.SpaceSettings?.JupyterLabAppSettings),
      CodeEditor: timeout(s.SpaceSettings?.CodeEditorAppSettings),
    };
    return {
      ...(s.SpaceSharingSettings?.SharingType === 'Private' && owner ? { owner } : {}),
      timeoutMinutes: Object.fromEntries(Object.entries(timeouts).filter(([, m]) => m !== undefined)),
    };
  }

  /**
   * Names of the training jobs (Completed or Stopped) last changed since `after`: a job changes when it ends, so this
   * takes in a long run created before `after`, which a creation filter would leave out (the caller checks the end).
   * With no `after`: the jobs InProgress now, whenever they started.
   */
  async trainingJobNames(after?: Date): Promise<string[]> {
    const names: string[] = [];
    for (const StatusEquals of after ? (['Completed', 'Stopped'] as const) : (['InProgress'] as const)) {
      const pages = paginateListTrainingJobs(
        { client: this.client, pageSize: 100 },
        { ...(after ? { LastModifiedTimeAfter: after } : {}), StatusEquals },
      );
      for await (const page of pages)
        names.push(...(page.TrainingJobSummaries ?? []).flatMap((j) => (j.TrainingJobName ? [j.TrainingJobName] : [])));
    }
    return names;
  }

  async trainingJob(TrainingJobName: string): Promise<TrainingSeen & RunningTrainingSeen> {
    const j = await this.client.send(new DescribeTrainingJobCommand({ TrainingJobName }));
    const r = j.ResourceConfig;
    // A heterogeneous cluster gives its instance groups instead of one InstanceType (docs/cost-sweeps.md).
    const instances = r?.InstanceType
      ? [{ type: r.InstanceType, count: r.InstanceCount ?? 1 }]
      : (r?.InstanceGroups ?? []).flatMap((g) =>
          g.InstanceType ? [{ type: g.InstanceType, count: g.InstanceCount ?? 0 }] : [],
        );
    return {
      name: TrainingJobName,
      instances,
      spot: j.EnableManagedSpotTraining === true,
      trainingSeconds: j.TrainingTimeInSeconds ?? 0,
      billableSeconds: j.BillableTimeInSeconds ?? j.TrainingTimeInSeconds ?? 0,
      endedAt: isoTimeOrEpoch(j.TrainingEndTime),
      ...(j.TrainingStartTime ? { startedAt: isoTimeOrEpoch(j.TrainingStartTime) } : {}),
      ...(j.StoppingCondition?.MaxRuntimeInSeconds
        ? { maxRuntimeSeconds: j.StoppingCondition.MaxRuntimeInSeconds }
        : {}),
    };
  }
}
