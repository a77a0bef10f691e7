import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../shared/config/load';
import type { ModelLine } from '../../shared/config/schema';

export const exampleYaml = readFileSync(join(__dirname, '..', '..', 'shepherd.yml'), 'utf8');
export const exampleConfig = () => parseConfig(exampleYaml);

/** A model line of the example config, with parts replaced. */
export function line(name: 'churn' | 'fraud', patch: Partial<ModelLine> = {}): ModelLine {
  const found = exampleConfig().models.find((m) => m.name === name);
  if (!found) throw new Error(`example config has no model line ${name}`);
  return { ...found, ...patch };
}

/** The problems an invalid config is refused with; fails when the config is accepted. */
export const problemsOf = (yaml: string): string[] => {
  try {
    parseConfig(yaml, 'test.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the config to be rejected');
};
