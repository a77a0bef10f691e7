// The config a function runs with. `serverless package` replaces this module in every bundle with the config it
// validated (shared/config/esbuild.js), so a deployed function carries neither a YAML parser nor the schema, and
// runs only with a config that passed. Run from source (the local cloud, the tests, the CLI) it reads and
// validates shepherd.yml at cold start instead, and an invalid file stops the function from loading.
import { loadConfig } from './load';
import { configWarnings, type Config } from './schema';

export interface CompiledConfig {
  config: Config;
  /** Problems that do not stop a config: logged by every function at cold start. */
  warnings: string[];
}

export function configSource(file?: string): CompiledConfig {
  const config = loadConfig(file);
  return { config, warnings: configWarnings(config) };
}
