// The config's SageMaker names, checked by the rule Shepherd builds its own names by (shared/domain/names.ts).
import { z } from 'zod';
import { SAGEMAKER_NAME } from '../domain/names';

/**
 * A SageMaker resource name (jobs, groups, pipelines, endpoints): at most `max` characters, alphanumerics and inner
 * hyphens; `why` says what the user needs to know besides.
 */
export const sageMakerName = (max = 63, why = 'letters, digits, inner hyphens') =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(SAGEMAKER_NAME, `must match ${SAGEMAKER_NAME.source} (${why})`);
