// SageMaker Neo: compilation jobs for the edge targets. Apart from hosting, so a function that never builds for the
// edge (the deployment watcher) does not carry their request shapes.
import {
  CreateCompilationJobCommand,
  DescribeCompilationJobCommand,
  ResourceInUse,
  StopCompilationJobCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { CompilationObservation } from '../domain/edge/builds';
import type { CompilationJobRequest } from '../domain/edge/requests';
import { isNotFound, tolerate } from './sagemaker-errors';

// A job in one of these has nothing left to stop (DescribeCompilationJob's CompilationJobStatus).
const ENDED = new Set(['COMPLETED', 'FAILED', 'STOPPED', 'STOPPING']);

export class SageMakerNeoAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** Deterministic names: `ResourceInUse` means an earlier attempt started it. */
  createCompilationJob = (request: CompilationJobRequest) =>
    tolerate(this.client.send(new CreateCompilationJobCommand(request)), (e) => e instanceof ResourceInUse);

  /**
   * Undefined when SageMaker does not know the job: `ResourceNotFound`, as DescribeCompilationJob declares, or the
   * ValidationException older APIs answer (isNotFound).
   */
  async describeCompilationJob(CompilationJobName: string): Promise<CompilationObservation | undefined> {
    try {
      const job = await this.client.send(new DescribeCompilationJobCommand({ CompilationJobName }));
      return {
        name: CompilationJobName,
        status: job.CompilationJobStatus ?? 'Unknown',
        ...(job.ModelArtifacts?.S3ModelArtifacts ? { artifact: job.ModelArtifacts.S3ModelArtifacts } : {}),
        ...(job.FailureReason ? { failureReason: job.FailureReason } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * Stops a job; done too when it has nothing left to stop. StopCompilationJob documents ResourceNotFound only (a job
   * gone); what it answers for a job that already ended is undocumented (docs/aws-sagemaker.md), so a refusal is
   * checked against the job's status, and thrown only while the job still runs.
   */
  async stopCompilationJob(CompilationJobName: string): Promise<void> {
    try {
      await this.client.send(new StopCompilationJobCommand({ CompilationJobName }));
    } catch (err) {
      if (isNotFound(err)) return;
      const seen = await this.describeCompilationJob(CompilationJobName);
      if (seen && !ENDED.has(seen.status)) throw err;
    }
  }
}
