import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const SERVICE = 'shepherd';
export const NAMESPACE = 'Shepherd';

export const logger = new Logger({ serviceName: SERVICE });
// Metrics' own warnings (an invocation that counted nothing) go through the logger and its level, not stdout.
export const metrics = new Metrics({ namespace: NAMESPACE, serviceName: SERVICE, logger });
