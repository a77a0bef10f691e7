import type { ModelLine } from '../../config/schema';

export interface GateResult {
  passed: boolean;
  /** True only when there is a production metric and the candidate beat it by the margin: auto-approval needs it. */
  beatProduction: boolean;
  metric: string;
  value?: number;
  production?: number;
  reasons: string[];
}

// Metrics arrive as floats; 0.855 + 0.005 must count as reaching 0.86. The tolerance is relative: an absolute one
// would let a loss of 1e-9 pass for a production loss of 1e-10.
const RELATIVE_TOLERANCE = 1e-9;
const tolerance = (a: number, b: number): number => RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

export type QualityGate = NonNullable<ModelLine['qualityGate']>;

/** A job or tuning line's gate, which the config requires of them (a pipeline line has none: it evaluates itself). */
export function qualityGateOf(line: ModelLine): QualityGate {
  if (!line.qualityGate) throw new Error(`model line ${line.name} (${line.training.type}) has no qualityGate`);
  return line.qualityGate;
}

export function evaluateGate(
  gate: QualityGate,
  metrics: Record<string, number>,
  production: number | undefined,
): GateResult {
  const value = metrics[gate.metric];
  const base = { metric: gate.metric, ...(production !== undefined ? { production } : {}) };
  if (value === undefined || !Number.isFinite(value)) {
    const have = Object.keys(metrics);
    // A diverged training reports NaN or Infinity: the metric is there, it just cannot be compared.
    const reason =
      value === undefined
        ? `objective metric ${gate.metric} is not in the final metrics ` +
          `(${have.length ? `have: ${have.join(', ')}` : 'none reported'})`
        : `objective metric ${gate.metric} is ${value}, not a finite number to compare`;
    return { ...base, passed: false, beatProduction: false, reasons: [reason] };
  }
  const better = (a: number, b: number) =>
    gate.direction === 'maximize' ? a >= b - tolerance(a, b) : a <= b + tolerance(a, b);
  const reasons: string[] = [];
  if (gate.floor !== undefined && !better(value, gate.floor)) {
    reasons.push(
      `${gate.metric} ${value} is ${gate.direction === 'maximize' ? 'below' : 'above'} the floor ${gate.floor}`,
    );
  }
  let beatProduction = false;
  if (production !== undefined) {
    const target = gate.direction === 'maximize' ? production + gate.margin : production - gate.margin;
    beatProduction = better(value, target);
    if (!beatProduction)
      reasons.push(`${gate.metric} ${value} does not beat production ${production} by the margin ${gate.margin}`);
  }
  return {
    ...base,
    value,
    passed: reasons.length === 0,
    beatProduction: reasons.length === 0 && beatProduction,
    reasons,
  };
}
