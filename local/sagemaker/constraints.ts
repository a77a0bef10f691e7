// What a constraint of SageMaker's service model says of one value, in SageMaker's words ("Member must have length
// less than or equal to 63"), and how its messages print a value. ./validation.ts collects them per request.
import type { Pattern } from './patterns';

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: Pattern;
  enum?: readonly string[];
}

/** How AWS (Java underneath) prints a value in a message: maps as {k=v}, lists as [a, b]. */
export function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${render(v)}`)
      .join(', ')}}`;
  return String(value);
}

const lengthOf = (s: string) => [...s].length;

export function stringViolations(value: string, rule: StringRule): string[] {
  const out: string[] = [];
  if (rule.max !== undefined && lengthOf(value) > rule.max)
    out.push(`Member must have length less than or equal to ${rule.max}`);
  if (rule.min !== undefined && lengthOf(value) < rule.min)
    out.push(`Member must have length greater than or equal to ${rule.min}`);
  if (rule.pattern && !rule.pattern.regex.test(value))
    out.push(`Member must satisfy regular expression pattern: ${rule.pattern.shown}`);
  if (rule.enum && !rule.enum.includes(value))
    out.push(`Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
  return out;
}
