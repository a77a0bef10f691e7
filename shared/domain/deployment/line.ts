// What a deployment is started from, a deployed model line and its endpoint as described, apart from starting one
// (./start.ts): the decisions that hold an approval back (./held-back.ts) read them too, and start.ts calls those.
import type { ModelLine } from '../../config/schema';
import type { VariantSpec } from './state';

/** A model line that has a deployment: its approved models are rolled out to its endpoint. */
export type DeployedLine = ModelLine & { deployment: NonNullable<ModelLine['deployment']> };

export const isDeployedLine = (line: ModelLine): line is DeployedLine => line.deployment !== undefined;

/** What DescribeEndpoint (and its config) says before a deployment starts. */
export interface EndpointSnapshot {
  exists: boolean;
  status?: string;
  configName?: string;
  /** The variant that serves today (the heaviest, when several do: then no deployment starts, see held-back.ts). */
  serving?: VariantSpec;
  /** Each variant's current weight (its share: weight / sum of weights). */
  weights?: Record<string, number>;
  /** When the endpoint last changed (LastModifiedTime), ISO. */
  lastModified?: string;
}
