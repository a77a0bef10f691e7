// The model lines, once per cold start: compiled into the bundle, or read from shepherd.yml when run from source.
import { configSource } from '../config/source';
import { logger } from '../observability/logger';

const compiled = configSource();

export const config = compiled.config;

for (const warning of compiled.warnings) logger.warn('shepherd.yml warning', { warning });
