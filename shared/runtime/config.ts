// The model lines, validated once per cold start: a function never starts with an invalid config.
import { loadConfig } from '../config/load';
import { configWarnings } from '../config/schema';
import { logger } from '../observability/logger';

export const config = loadConfig();

for (const warning of configWarnings(config)) logger.warn('shepherd.yml warning', { warning });
