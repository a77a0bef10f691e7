// CloudWatch's requests as the SDK sends them, and what the emulator makes of their parts: dimension lists as
// maps, timestamps as epoch milliseconds, statistics it knows, and ValidationError for what it refuses.
import { AwsError } from '../core';

export type Dimensions = Record<string, string>;

// The JSON the SDK sends; timestamps arrive as epoch seconds.
export interface WireDimension {
  Name: string;
  Value: string;
}
export interface WireMetric {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: WireDimension[];
}
export interface WireStat {
  Metric?: WireMetric;
  Period?: number;
  Stat?: string;
  Unit?: string;
}
export interface WireQuery {
  Id?: string;
  Label?: string;
  ReturnData?: boolean;
  Expression?: string;
  MetricStat?: WireStat;
}
export interface WireDatum {
  MetricName?: string;
  Dimensions?: WireDimension[];
  Timestamp?: number;
  Value?: number;
  Values?: number[];
  Counts?: number[];
  StatisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
  Unit?: string;
}

export const fromWire = (dims: WireDimension[] = []): Dimensions =>
  Object.fromEntries(dims.map((d) => [d.Name, d.Value]));
export const toWire = (dims: Dimensions = {}): WireDimension[] =>
  Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));
export const STAT = /^(Sum|Average|SampleCount|Minimum|Maximum|p(\d{1,2}(\.\d+)?|100))$/;
export const invalid = (message: string) => new AwsError('ValidationError', message);
export const toMs = (v: unknown, field: string): number => {
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw invalid(`The parameter ${field} is required and must be a timestamp.`);
  return ms;
};
