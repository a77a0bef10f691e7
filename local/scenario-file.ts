// Reads a scenario from its YAML file (local/scenario.ts is the format): every mistake in it is reported at once,
// with its path, as a ScenarioError whose message is all the user reads.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { formatIssues, unreadable, yamlProblem } from '../shared/config/load';
import { type Scenario, scenarioSchema } from './scenario';

/** A mistake in a scenario file: its message is all the user needs. */
export class ScenarioError extends Error {
  constructor(file: string, problems: string[]) {
    super(`invalid scenario ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.stack = this.message;
  }
}

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, [unreadable(err)]);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ScenarioError(file, doc.errors.map(yamlProblem));
  const parsed = scenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new ScenarioError(file, formatIssues(parsed.error.issues));
  const { config } = parsed.data;
  return config ? { ...parsed.data, config: resolve(dirname(file), config) } : parsed.data;
}
