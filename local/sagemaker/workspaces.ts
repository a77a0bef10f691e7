// Notebook instances as a cost sweep reads them: notebooks a scenario starts out with (setup.notebooks),
// ListNotebookInstances and StopNotebookInstance over them, each request checked as SageMaker checks it. Studio
// domains and apps are in studio.ts.
import { listing } from './listing';
import { lowerArn, nameIn, Resources } from './resources';
import type { Context } from './shared';
import { invalid, P, type Json } from './validation';

// The API reference's order; the last two joined the enum later.
const NOTEBOOK_STATUSES = [
  'Pending',
  'InService',
  'Stopping',
  'Stopped',
  'Failed',
  'Deleting',
  'Updating',
  'InMaintenance',
  'PendingMaintenance',
];
const STOP_MS = 2 * 60_000;

class Notebook {
  status = 'InService';
  constructor(
    readonly name: string,
    readonly arn: string,
    readonly instanceType: string,
    readonly createdAt: number,
    public lastModified: number,
    readonly seq: number,
  ) {}

  summary(): Json {
    return {
      NotebookInstanceName: this.name,
      NotebookInstanceArn: this.arn,
      NotebookInstanceStatus: this.status,
      InstanceType: this.instanceType,
      CreationTime: new Date(this.createdAt),
      LastModifiedTime: new Date(this.lastModified),
    };
  }
}

export class Notebooks {
  private readonly notebooks: Resources<Notebook>;

  constructor(private readonly ctx: Context) {
    this.notebooks = new Resources<Notebook>(
      {
        arn: lowerArn('notebook-instance'),
        missing: () => invalid('RecordNotFound'),
      },
      ctx.tags,
    );
  }

  has(resourceArn: string): boolean {
    return this.notebooks.has(resourceArn);
  }

  /** Setup hook: a notebook instance InService since `since` (epoch ms). */
  seed(name: string, instanceType: string, since: number, tags: Record<string, string>): void {
    const build = (arn: string, seq: number) => new Notebook(name, arn, instanceType, since, since, seq);
    this.notebooks.add(
      name,
      build,
      Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    );
  }

  view(): { name: string; status: string; instanceType: string }[] {
    return this.notebooks.all().map((n) => ({ name: n.name, status: n.status, instanceType: n.instanceType }));
  }

  list(input: Json): { NotebookInstances: Json[]; NextToken?: string } {
    const { items, NextToken } = listing(
      this.notebooks.all(),
      input,
      {
        sortBy: ['Name', 'CreationTime', 'Status'],
        defaultSortBy: 'Name',
        defaultOrder: 'Ascending',
        statuses: NOTEBOOK_STATUSES,
        modified: true,
      },
      (c) => {
        c.string(input.NotebookInstanceLifecycleConfigNameContains, 'notebookInstanceLifecycleConfigNameContains', {
          max: 63,
          pattern: P.entityName,
        });
        c.string(input.DefaultCodeRepositoryContains, 'defaultCodeRepositoryContains', {
          max: 1024,
          pattern: P.nameContains,
        });
        c.string(input.AdditionalCodeRepositoryEquals, 'additionalCodeRepositoryEquals', {
          min: 1,
          max: 1024,
          pattern: P.codeRepository,
        });
      },
    );
    return { NotebookInstances: items.map((n) => n.summary()), ...(NextToken ? { NextToken } : {}) };
  }

  stop(input: Json): Record<string, never> {
    const n = this.notebooks.require(nameIn(input, 'NotebookInstanceName', { max: 63, pattern: P.entityName }));
    if (n.status !== 'InService') throw invalid(`Status (${n.status}) not in ([InService]). Unable to stop.`);
    const now = this.ctx.clock.now().getTime();
    [n.status, n.lastModified] = ['Stopping', now];
    this.ctx.timeline.log('sagemaker', `notebook instance ${n.name} Stopping`);
    this.ctx.clock.after(STOP_MS, () => {
      [n.status, n.lastModified] = ['Stopped', this.ctx.clock.now().getTime()];
      this.ctx.timeline.log('sagemaker', `notebook instance ${n.name} Stopped`);
    });
    return {};
  }
}
