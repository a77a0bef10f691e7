// The name of the drift alarm Shepherd keeps: known to the stack (its rule routes it) and to the functions alike.
/** The drift alarm Shepherd keeps on a monitored endpoint: its name is fixed, so the stack's rule can route it. */
export const monitoredAlarmName = (endpointName: string): string => `shepherd-drift-${endpointName}`;

/** A line's drift alarms: those it names, and the one Shepherd keeps when it monitors the line's endpoint. */
export const driftAlarmsOf = (line: {
  triggers: { driftAlarms: string[] };
  deployment?: { endpointName: string };
  monitoring?: unknown;
}): string[] =>
  line.monitoring && line.deployment
    ? [...line.triggers.driftAlarms, monitoredAlarmName(line.deployment.endpointName)]
    : line.triggers.driftAlarms;
