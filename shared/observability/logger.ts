import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const SERVICE = 'shepherd';
export const NAMESPACE = 'Shepherd';

export const logger = new Logger({ serviceName: SERVICE });
export const metrics = new Metrics({ namespace: NAMESPACE, serviceName: SERVICE });
