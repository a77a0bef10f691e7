// What a notification asks of its approval links; kept apart from the links' making (links.ts), which reads the
// notification, so that the notification's type can name it.
import type { LinkAction } from './token';

/** Links a notification asks for: the subject they act on and the actions offered to each approver. */
export interface LinkRequest {
  subject: string;
  actions: LinkAction[];
  approvers: string[];
  ttlHours: number;
  /** A deployment's links: when it started (epoch ms), so they act on this run of it alone. */
  deploymentStartedAt?: number;
}
