// What SageMaker reports of a run and of the production model, as the adapters read it (shared/aws/sagemaker*.ts),
// apart from the decisions taken on it (./outcomes.ts, ./completed.ts): a registration request is built from a
// completed training, and actions carry that request, so these facts cannot live beside decisions, which carry actions.

export interface TrainingObservation {
  /** Training or tuning job name, or a pipeline execution's display name. */
  name: string;
  status: string;
  secondaryStatus?: string;
  failureReason?: string;
  executionArn?: string;
  /** When SageMaker last changed the job's status (its event's LastModifiedTime, epoch ms): orders one job's events. */
  changedAt?: number;
}

export interface CompletedTraining {
  jobName: string;
  /** The tuning job whose best training job this is: the model's lineage. */
  tuning?: { name: string; arn?: string; hyperparameters: Record<string, string> };
  metrics: Record<string, number>;
  artifactUri: string;
  image: string;
  trainingSeconds?: number;
  billableSeconds?: number;
}

export interface ProductionModel {
  modelPackageArn: string;
  metric?: number;
}
