// What a scenario names must exist in the config it plays or in its own setup: a model line, pipeline, endpoint,
// alarm or package group misspelt there is otherwise played as nothing at all (a line's jobs complete with no
// metrics, traffic goes nowhere, an alarm step throws inside the clock, a rejection finds no package), and the run
// fails an hour later for a reason nobody can see.
import type { Config } from '../shared/config/schema';
import { monitoredAlarmName } from '../shared/domain/monitoring/alarm-name';
import type { Scenario } from './scenario';

const among = (names: string[]) => (names.length ? names.join(', ') : 'none');

/** Each name the scenario uses that neither the config nor the scenario's setup has, with where it is. */
export function unknownNames(scenario: Scenario, config: Config): string[] {
  const problems: string[] = [];
  const trained = config.models.filter((m) => m.training.type !== 'pipeline').map((m) => m.name);
  for (const line of Object.keys(scenario.trainings))
    if (!trained.includes(line))
      problems.push(
        `trainings.${line}: no job or tuning line of the config has this name (its lines: ${among(trained)})`,
      );

  const pipelines = config.models.flatMap((m) => (m.training.type === 'pipeline' ? [m.training.pipelineName] : []));
  for (const pipeline of Object.keys(scenario.pipelines))
    if (!pipelines.includes(pipeline))
      problems.push(
        `pipelines.${pipeline}: no pipeline line of the config runs it (its pipelines: ${among(pipelines)})`,
      );

  const deployed = config.models.flatMap((m) => (m.deployment ? [m.deployment.endpointName] : []));
  const endpoints = [...deployed, ...scenario.setup.endpoints.map((e) => e.name)];
  const endpointAt = (path: string, name: string) => {
    if (!endpoints.includes(name))
      problems.push(
        `${path}: ${name} is neither a line's deployment.endpointName nor in setup.endpoints ` +
          `(known: ${among(endpoints)})`,
      );
  };
  scenario.traffic.forEach((t, i) => endpointAt(`traffic[${i}].endpoint`, t.endpoint));
  scenario.endpointOutcomes.forEach((o, i) => endpointAt(`endpointOutcomes[${i}].endpoint`, o.endpoint));
  const monitored = config.models.flatMap((m) => (m.monitoring && m.deployment ? [m.deployment.endpointName] : []));
  for (const endpoint of Object.keys(scenario.monitoring))
    if (!monitored.includes(endpoint))
      problems.push(
        `monitoring.${endpoint}: no line with monitoring deploys to this endpoint ` +
          `(monitored: ${among(monitored)})`,
      );

  // Shepherd creates its drift alarms itself; any other alarm a step sets must be created by the setup.
  const alarms = [...scenario.setup.alarms, ...monitored.map(monitoredAlarmName)];
  scenario.steps.forEach((step, i) => {
    if (step.alarm && !alarms.includes(step.alarm.name))
      problems.push(`steps[${i}].alarm.name: ${step.alarm.name} is not in setup.alarms (known: ${among(alarms)})`);
  });

  // Packages are registered by Shepherd or by a pipeline into a line's group; the setup may create others.
  const groups = [...new Set([...config.models.map((m) => m.modelPackageGroup), ...scenario.setup.modelPackageGroups])];
  const groupAt = (path: string, ref: string) => {
    const group = ref.slice(0, ref.lastIndexOf('/'));
    if (!groups.includes(group))
      problems.push(
        `${path}: ${group} is no line's modelPackageGroup nor in setup.modelPackageGroups (known: ${among(groups)})`,
      );
  };
  scenario.steps.forEach((step, i) => step.reject && groupAt(`steps[${i}].reject.package`, step.reject.package));
  scenario.rejects.forEach((ref, i) => groupAt(`rejects[${i}]`, ref));
  return problems;
}
