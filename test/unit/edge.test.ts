import type { Action } from '../../shared/domain/actions';
import {
  emptyEdgeState,
  inFlight,
  watched,
  onApprovedForEdge,
  onCompilationObserved,
  onCompilationRefused,
  type EdgeState,
} from '../../shared/domain/edge/builds';
import { edgeApproval } from '../../shared/domain/edge/superseded';
import { onPackageRejected, onWithdrawnObserved } from '../../shared/domain/edge/withdrawn';
import { line } from '../helpers/config';
import { pkg } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const churn = line('churn');
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const jobNames = (actions: Action[]) =>
  ofType(actions, 'createCompilationJob').map((a) => a.request.CompilationJobName);
const VALID_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/** The builds of v2 started for both of churn's targets. */
const started = (): EdgeState => onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(2), t(0)).state!;
const buildOf = (s: EdgeState, target: string) => s.builds.find((b) => b.target === target)!;

describe('starting Neo builds for an approved package', () => {
  it('starts one compilation job per edge target, compiling the package’s model artifact', () => {
    // Act
    const d = onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(2), t(0));

    // Assess
    const requests = ofType(d.actions, 'createCompilationJob').map((a) => a.request);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => [r.InputConfig.S3Uri, r.InputConfig.Framework, r.OutputConfig])).toEqual([
      [
        's3://shepherd-example-artifacts/churn/v2/model.tar.gz',
        'XGBOOST',
        {
          S3OutputLocation: `s3://shepherd-example-artifacts/churn/edge/jetson/${requests[0]!.CompilationJobName}/`,
          TargetDevice: 'jetson_xavier',
        },
      ],
      [
        's3://shepherd-example-artifacts/churn/v2/model.tar.gz',
        'XGBOOST',
        {
          S3OutputLocation: `s3://shepherd-example-artifacts/churn/edge/rpi/${requests[1]!.CompilationJobName}/`,
          TargetPlatform: { Os: 'LINUX', Arch: 'ARM64' },
        },
      ],
    ]);
    expect(d.state?.builds).toEqual([
      {
        name: requests[0]!.CompilationJobName,
        target: 'jetson',
        modelPackageArn: pkg(2).arn,
        status: 'INPROGRESS',
        startedAt: t(0).toISOString(),
        approvedAt: pkg(2).at,
      },
      {
        name: requests[1]!.CompilationJobName,
        target: 'rpi',
        modelPackageArn: pkg(2).arn,
        status: 'INPROGRESS',
        startedAt: t(0).toISOString(),
        approvedAt: pkg(2).at,
      },
    ]);
    expect(d.metrics).toEqual(['EdgeBuildsStarted', 'EdgeBuildsStarted']);
  });

  it('names each job deterministically and validly: the same package and target always give the same name', () => {
    // Act
    const first = jobNames(onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(2), t(0)).actions);
    const later = jobNames(onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(2), t(90)).actions);
    const other = jobNames(onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(3), t(0)).actions);

    // Assess
    expect(later).toEqual(first);
    expect(first).toEqual([
      expect.stringMatching(/^churn-jetson-v2-[0-9a-f]{6}$/),
      expect.stringMatching(/^churn-rpi-v2-[0-9a-f]{6}$/),
    ]);
    expect(other.filter((n) => first.includes(n))).toEqual([]);
    for (const name of [...first, ...other]) {
      expect(name).toMatch(VALID_NAME);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });

  it('keeps names valid and distinct for the longest line and target names the config allows', () => {
    // Prepare
    const target = churn.edgeTargets[0]!;
    const longLine = line('churn', {
      name: 'a'.repeat(63),
      edgeTargets: [
        { ...target, name: 'b'.repeat(20) },
        { ...target, name: `${'b'.repeat(19)}c` },
      ],
    });

    // Act
    const names = jobNames(onApprovedForEdge(emptyEdgeState(longLine.name), longLine, pkg(12345), t(0)).actions);

    // Assess
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) {
      expect(name).toMatch(VALID_NAME);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });

  it('gives each build its own output location: a later version’s build cannot overwrite an earlier artifact', () => {
    // Prepare: Neo writes `<S3OutputLocation>/<input file name>-<device>.tar.gz`, and every trained version's input
    // is a `model.tar.gz`: two builds for one target with one output location write the same object.
    const outputs = (version: number) =>
      ofType(onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(version), t(0)).actions, 'createCompilationJob').map(
        (a) => [a.request.CompilationJobName, a.request.OutputConfig.S3OutputLocation],
      );

    // Act
    const [v2, v3] = [outputs(2), outputs(3)];

    // Assess
    const locations = [...v2, ...v3].map(([, location]) => location);
    expect(new Set(locations).size).toBe(locations.length);
    for (const [name, location] of [...v2, ...v3]) {
      const target = churn.edgeTargets.find((e) => name!.includes(`-${e.name}-`))!;
      expect(location).toBe(`${target.outputS3Uri.replace(/\/+$/, '')}/${name}/`);
    }
  });

  it('does not start the builds twice for the same package', () => {
    // Act
    const again = onApprovedForEdge(started(), churn, pkg(2), t(5));

    // Assess
    expect(again.state).toBeUndefined();
    expect(again.actions).toEqual([]);
    expect(again.log.message).toBe('edge builds already started');
  });

  it('starts no build for a package without a model artifact, and says so once', () => {
    // Prepare
    const codeOnly = {
      ...pkg(2),
      containers: [{ Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' }],
    };

    // Act
    const d = edgeApproval(emptyEdgeState('churn'), churn, codeOnly, t(0));
    const again = edgeApproval(d.state!, churn, codeOnly, t(5));

    // Assess
    expect(ofType(d.actions, 'createCompilationJob')).toEqual([]);
    expect(ofType(d.actions, 'record').map((a) => a.entry.type)).toEqual(['EdgeBuildsNotStarted']);
    const [alert] = ofType(d.actions, 'notify');
    expect(alert!.notification.message).toContain('ModelDataUrl');
    expect(d.state!.recent).toContain(codeOnly.arn);
    expect(again.state).toBeUndefined();
    expect(again.actions).toEqual([]);
  });
});

describe('what the reconciler sees of a build', () => {
  it('publishes Edge Artifact Ready with the artifact when a build completed, and stops polling it', () => {
    // Prepare
    const s = started();
    const jetson = buildOf(s, 'jetson');
    const artifact = 's3://shepherd-example-artifacts/churn/edge/jetson/model-jetson_xavier.tar.gz';

    // Act
    const d = onCompilationObserved(s, churn, { name: jetson.name, status: 'COMPLETED', artifact }, t(12));

    // Assess
    expect(ofType(d.actions, 'publishEvent')).toEqual([
      {
        type: 'publishEvent',
        detailType: 'Edge Artifact Ready',
        detail: {
          model: 'churn',
          target: 'jetson',
          compilationJobName: jetson.name,
          modelPackageArn: pkg(2).arn,
          artifactS3Uri: artifact,
        },
      },
    ]);
    expect(ofType(d.actions, 'notify')).toEqual([]);
    expect(buildOf(d.state!, 'jetson')).toMatchObject({ status: 'COMPLETED', artifact });
    expect(inFlight(d.state!).map((b) => b.target)).toEqual(['rpi']);
    expect(d.metrics).toEqual(['EdgeBuildsSucceeded']);
  });

  it('alerts with the failure reason when a build failed, and publishes nothing', () => {
    // Prepare
    const s = started();
    const rpi = buildOf(s, 'rpi');
    const reason = 'ClientError: InputConfiguration: Unable to load the XGBoost model.';

    // Act
    const d = onCompilationObserved(s, churn, { name: rpi.name, status: 'FAILED', failureReason: reason }, t(12));

    // Assess
    const [alert] = ofType(d.actions, 'notify');
    expect(alert!.notification).toMatchObject({
      kind: 'alert',
      severity: 'warning',
      model: 'churn',
      subject: '[Shepherd] churn: edge build for rpi failed',
    });
    expect(alert!.notification.message).toContain(reason);
    expect(ofType(d.actions, 'publishEvent')).toEqual([]);
    expect(buildOf(d.state!, 'rpi').status).toBe('FAILED');
    expect(d.metrics).toEqual(['EdgeBuildsFailed']);
  });

  it('takes a build completed without an artifact for a failed one: alerts, and publishes no artifact', () => {
    // Prepare
    const s = started();
    const jetson = buildOf(s, 'jetson');

    // Act
    const d = onCompilationObserved(s, churn, { name: jetson.name, status: 'COMPLETED' }, t(12));

    // Assess
    const [alert] = ofType(d.actions, 'notify');
    expect(alert!.notification.message).toContain('completed without an artifact');
    expect(ofType(d.actions, 'publishEvent')).toEqual([]);
    expect(buildOf(d.state!, 'jetson').status).toBe('FAILED');
    expect(d.metrics).toEqual(['EdgeBuildsFailed']);
  });

  it('follows every build in flight, however many older builds have settled', () => {
    // Prepare: 20 settled builds of earlier packages, then v2's two builds started
    const settled = Array.from({ length: 20 }, (_, i) => ({
      ...buildOf(started(), 'jetson'),
      name: `churn-neo-earlier-${i}`,
      status: 'COMPLETED' as const,
    }));
    const before: EdgeState = { ...emptyEdgeState('churn'), builds: settled };
    const s = onApprovedForEdge(before, churn, pkg(2), t(0)).state!;
    const rpi = buildOf(s, 'rpi');

    // Act
    const d = onCompilationObserved(
      s,
      churn,
      { name: rpi.name, status: 'COMPLETED', artifact: 's3://b/rpi.tar.gz' },
      t(9),
    );

    // Assess
    expect(ofType(d.actions, 'publishEvent').map((a) => (a.detail as { target: string }).target)).toEqual(['rpi']);
    expect(d.state!.builds.filter((b) => b.status === 'COMPLETED')).toHaveLength(20);
    expect(inFlight(d.state!).map((b) => b.target)).toEqual(['jetson']);
  });

  it('keeps following a package’s builds in flight when a newer package starts its own', () => {
    // Prepare: a line with 12 targets; v2's 12 builds still running when v3's 12 start
    const many = {
      ...churn,
      edgeTargets: Array.from({ length: 12 }, (_, i) => ({ ...churn.edgeTargets[1]!, name: `rpi${i}` })),
    };
    const v2 = onApprovedForEdge(emptyEdgeState('churn'), many, pkg(2), t(0)).state!;
    const both = onApprovedForEdge(v2, many, pkg(3), t(1)).state!;
    const first = v2.builds[0]!;

    // Act
    const d = onCompilationObserved(
      both,
      many,
      { name: first.name, status: 'COMPLETED', artifact: 's3://b/m.tar.gz' },
      t(9),
    );

    // Assess
    expect(inFlight(both)).toHaveLength(24);
    expect(
      ofType(d.actions, 'publishEvent').map((a) => (a.detail as { modelPackageArn: string }).modelPackageArn),
    ).toEqual([pkg(2).arn]);
  });

  it('does nothing while a build is in progress', () => {
    // Prepare
    const s = started();

    // Act
    const d = onCompilationObserved(s, churn, { name: buildOf(s, 'jetson').name, status: 'INPROGRESS' }, t(5));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
    expect(d.metrics).toEqual([]);
  });

  it('does nothing for a compilation job it did not start', () => {
    // Act
    const d = onCompilationObserved(
      started(),
      churn,
      { name: 'someone-elses-job', status: 'COMPLETED', artifact: 's3://elsewhere/model.tar.gz' },
      t(5),
    );

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });

  it('does not announce the same artifact twice when a settled build is seen again', () => {
    // Prepare
    const s = started();
    const jetson = buildOf(s, 'jetson');
    const done = onCompilationObserved(
      s,
      churn,
      { name: jetson.name, status: 'COMPLETED', artifact: 's3://a/model.tar.gz' },
      t(12),
    ).state!;

    // Act
    const again = onCompilationObserved(
      done,
      churn,
      { name: jetson.name, status: 'COMPLETED', artifact: 's3://a/model.tar.gz' },
      t(13),
    );

    // Assess
    expect(again.state).toBeUndefined();
    expect(again.actions).toEqual([]);
  });
});

describe('a build SageMaker refuses to start for good', () => {
  it('marks that build failed with AWS’s message and leaves the other target’s build running', () => {
    // Prepare
    const approved = onApprovedForEdge(emptyEdgeState('churn'), churn, pkg(2), t(0));
    const [jetsonStart] = ofType(approved.actions, 'createCompilationJob');
    const message = 'ValidationException: TargetDevice jetson_xavier does not support framework XGBOOST';

    // Act
    const d = onCompilationRefused(approved.state!, churn, jetsonStart!, message, t(1));

    // Assess
    expect(buildOf(d.state!, 'jetson').status).toBe('FAILED');
    expect(inFlight(d.state!).map((b) => b.target)).toEqual(['rpi']);
    const [alert] = ofType(d.actions, 'notify');
    expect(alert!.notification.message).toContain(`CreateCompilationJob refused: ${message}`);
    expect(d.metrics).toEqual(['EdgeBuildsFailed']);
  });

  it('changes nothing for another refused request', () => {
    // Prepare
    const other = { type: 'deleteModel' as const, name: 'm' };

    // Act
    const d = onCompilationRefused(started(), churn, other, 'ValidationException: x', t(1));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });
});

describe('a package rejected while its builds run', () => {
  it('withdraws its builds in flight, announcing nothing, and leaves another package’s builds alone', () => {
    // Prepare: v2's jetson build completed and announced, its rpi build running; v3's builds running
    const v2 = started();
    const jetson = buildOf(v2, 'jetson');
    const artifact = 's3://shepherd-example-artifacts/churn/edge/jetson/model-jetson_xavier.tar.gz';
    const done = onCompilationObserved(v2, churn, { name: jetson.name, status: 'COMPLETED', artifact }, t(6)).state!;
    const both = onApprovedForEdge(done, churn, pkg(3), t(7)).state!;

    // Act
    const d = onPackageRejected(both, 'churn', pkg(2).arn, t(8));
    const later = onCompilationObserved(
      d.state!,
      churn,
      { name: buildOf(v2, 'rpi').name, status: 'COMPLETED', artifact },
      t(9),
    );

    // Assess
    expect(d.state!.builds.map((b) => [b.modelPackageArn === pkg(2).arn ? 'v2' : 'v3', b.target, b.status])).toEqual([
      ['v2', 'jetson', 'COMPLETED'],
      ['v2', 'rpi', 'WITHDRAWN'],
      ['v3', 'jetson', 'INPROGRESS'],
      ['v3', 'rpi', 'INPROGRESS'],
    ]);
    expect(ofType(d.actions, 'record').map((a) => a.entry.type)).toEqual(['EdgeBuildWithdrawn']);
    expect(ofType(d.actions, 'publishEvent')).toEqual([]);
    expect(later.actions).toEqual([]);
  });

  it('keeps looking up every withdrawn build not yet seen stopping, however many targets and builds', () => {
    // Prepare: a line of 21 targets (more than the settled builds kept, fewer than the config allows); v2's builds
    // withdrawn, their jobs not yet seen stopping
    const many = {
      ...churn,
      edgeTargets: Array.from({ length: 21 }, (_, i) => ({ ...churn.edgeTargets[0]!, name: `device${i}` })),
    };
    const v2 = onApprovedForEdge(emptyEdgeState('churn'), many, pkg(2), t(0)).state!;
    const withdrawn = onPackageRejected(v2, 'churn', pkg(2).arn, t(1)).state!;

    // Act: v3 approved, and one of its builds completed, each settling the state's builds
    const v3 = onApprovedForEdge(withdrawn, many, pkg(3), t(2)).state!;
    const first = v3.builds.find((b) => b.modelPackageArn === pkg(3).arn)!;
    const artifact = 's3://b/device0.tar.gz';
    const d = onCompilationObserved(v3, many, { name: first.name, status: 'COMPLETED', artifact }, t(9));

    // Assess
    const names = (s: EdgeState) =>
      watched(s)
        .filter((b) => b.status === 'WITHDRAWN')
        .map((b) => b.name);
    expect(names(v3)).toEqual(names(withdrawn));
    expect(names(d.state!)).toEqual(names(withdrawn));
    expect(names(withdrawn)).toHaveLength(21);
  });

  it('keeps only the last 20 settled builds once the withdrawn ones are seen stopped', () => {
    // Prepare: 21 builds of v2 withdrawn, their jobs not yet seen stopping
    const many = {
      ...churn,
      edgeTargets: Array.from({ length: 21 }, (_, i) => ({ ...churn.edgeTargets[0]!, name: `device${i}` })),
    };
    const v2 = onApprovedForEdge(emptyEdgeState('churn'), many, pkg(2), t(0)).state!;
    const withdrawn = onPackageRejected(v2, 'churn', pkg(2).arn, t(1)).state!;

    // Act: the reconciler sees each job stopped
    const seen = withdrawn.builds.reduce(
      (s, build) => onWithdrawnObserved(s, build.name, 'STOPPED', t(2)).state ?? s,
      withdrawn,
    );

    // Assess
    expect(watched(seen)).toEqual([]);
    expect(seen.builds.map((b) => b.target)).toEqual(withdrawn.builds.slice(1).map((b) => b.target));
  });

  it('keeps looking up a withdrawn job not yet stopped when its package is approved again, building it once', () => {
    // Prepare: v2's builds withdrawn, their jobs (perhaps created after the stop) not yet seen stopping
    const withdrawn = onPackageRejected(started(), 'churn', pkg(2).arn, t(5)).state!;
    const again = { ...pkg(2), at: t(10).toISOString() };

    // Act: approved again, that approval delivered twice, then the old jobs seen stopped
    const rebuilt = edgeApproval(withdrawn, churn, again, t(10));
    const repeat = edgeApproval(rebuilt.state!, churn, again, t(11));
    const seen = withdrawn.builds.reduce(
      (s, build) => onWithdrawnObserved(s, build.name, 'STOPPING', t(12)).state ?? s,
      rebuilt.state!,
    );

    // Assess
    const old = withdrawn.builds.map((b) => b.name);
    expect(jobNames(rebuilt.actions)).toHaveLength(2);
    expect(jobNames(rebuilt.actions)).not.toEqual(expect.arrayContaining([old[0]]));
    expect(watched(rebuilt.state!).map((b) => b.name)).toEqual([...old, ...jobNames(rebuilt.actions)]);
    expect(jobNames(repeat.actions)).toEqual([]);
    expect(watched(seen).map((b) => b.name)).toEqual(jobNames(rebuilt.actions));
  });

  it('changes nothing when none of the package’s builds is in flight', () => {
    // Act
    const d = onPackageRejected(started(), 'churn', pkg(4).arn, t(8));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });
});
