// `shepherd` as an operator runs it: a process against the local cloud, its output, its exit code, and what the
// emulated AWS saw.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCloud, type Cloud } from '../../local/cloud';
import { STACK_NAME } from '../../local/cloud/stack';
import { REGION } from '../../local/core';
import { scenarioSchema } from '../../local/scenario';
import { CLOCK_PATH } from '../../local/server';
import { ROOT } from '../../local/template';
import { readLocalFile, writeLocalFile } from '../../shared/cli/local-file';
import { exampleYaml } from '../helpers/config';
import { domainEvents, waitFor } from '../helpers/e2e';
import { tempDir } from '../helpers/temp';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

let cloud: Cloud;
let cwd: string;
/** Where `shepherd` reads a shepherd.yml whose costSweep.enforcement is enabled. */
let enforcing: string;

/** `shepherd <args>` from a directory holding the local cloud's `.shepherd/local.json`. */
function shepherd(args: string[], env: NodeJS.ProcessEnv = {}, dir = cwd): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'shared', 'cli', 'bin.js'), ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const local = (...args: string[]) => shepherd(['--local', ...args]);
const noStackTrace = (text: string) => !/\n\s+at /.test(text);

/** A churn model registered as a training would, waiting for a human. */
async function registerPending(auc: number): Promise<string> {
  const { ModelPackageArn } = (await cloud.sagemaker.handle('CreateModelPackage', {
    ModelPackageGroupName: 'churn-models',
    ModelApprovalStatus: 'PendingManualApproval',
    InferenceSpecification: {
      Containers: [
        {
          Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
          ModelDataUrl: `s3://shepherd-example-artifacts/churn/auc-${auc}/model.tar.gz`,
        },
      ],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    CustomerMetadataProperties: { 'shepherd:metric:validation:auc': String(auc) },
  })) as { ModelPackageArn: string };
  return ModelPackageArn;
}

const describePackage = async (arn: string) =>
  (await cloud.sagemaker.handle('DescribeModelPackage', { ModelPackageName: arn })) as {
    ModelApprovalStatus: string;
    ApprovalDescription?: string;
  };

const stepsApplied = () => cloud.shepherdTimeline.entries.filter((e) => e.type === 'CanaryStepApplied').length;
const ended = (detailType: string, arn: string) =>
  domainEvents(cloud, detailType).some((e) => e.detail.modelPackageArn === arn);

/** Approves from the CLI and waits until the canary's first step bakes, when a human can promote or abort it. */
async function approveAndBake(arn: string, version: number): Promise<void> {
  const before = stepsApplied();
  const approved = await local('approve', 'churn', '--version', String(version), '--reason', 'canary it');
  expect(approved.code).toBe(0);
  expect((await describePackage(arn)).ModelApprovalStatus).toBe('Approved');
  await waitFor(cloud, 'the first canary step baking', () => stepsApplied() > before);
}

beforeAll(async () => {
  // Bakes of 10 hours: 30 s of wall time at this speed, room for a CLI process to act during one.
  const dir = tempDir('shepherd-cli-');
  const config = join(dir, 'bake-600.yml');
  writeFileSync(config, exampleYaml.replace('bakeMinutes: 15', 'bakeMinutes: 600'));
  const legacy = {
    name: 'legacy-recsys',
    tags: { 'shepherd:cost-action': 'delete' },
    variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.xlarge', instanceCount: 2, requestsPerMinute: 0 }],
  };
  const scenario = scenarioSchema.parse({
    name: 'cli',
    setup: { modelPackageGroups: ['churn-models'], endpoints: [legacy] },
  });
  cloud = await startCloud({ scenario, print: false, speed: 1200, configFile: config });
  cwd = join(dir, 'operator');
  mkdirSync(cwd);
  writeLocalFile(cwd, {
    stage: 'local',
    region: REGION,
    stackName: STACK_NAME,
    endpoint: cloud.url,
    dynamodbEndpoint: cloud.dynamoUrl,
    clockUrl: `${cloud.url}${CLOCK_PATH}`,
    config,
    pid: process.pid,
  });
  const enforced = join(dir, 'enforced.yml');
  writeFileSync(enforced, readFileSync(config, 'utf8').replace('    enabled: false', '    enabled: true'));
  enforcing = join(dir, 'enforcing');
  mkdirSync(enforcing);
  writeLocalFile(enforcing, { ...readLocalFile(cwd), config: enforced });
});
afterAll(() => cloud.stop());

describe('shepherd, usage', () => {
  it('refuses an unknown line, a missing reason and a bad duration with exit code 2, no stack trace', async () => {
    // Act
    const unknown = await local('approve', 'churm', '--reason', 'ok');
    const noReason = await local('abort', 'churn-prod');
    const since = await local('timeline', 'churn', '--since', 'yesterday');

    // Assess
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("shepherd: unknown model line 'churm': shepherd.yml names churn, fraud, upsell");
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("required option '--reason <text>' not specified");
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since must be a duration such as 90s, 30m, 2h or 7d, not yesterday');
    expect([unknown, noReason, since].every((run) => noStackTrace(run.stderr))).toBe(true);
  });

  it('says there is nothing to approve with exit code 1, and calls nothing that changes the registry', async () => {
    // Act
    const run = await local('approve', 'churn', '--reason', 'looks good');

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('refused: nothing to approve: churn-models has no registered model');
    expect(cloud.calls.get('sagemaker:UpdateModelPackage')).toBeUndefined();
  });

  it('says where AWS credentials are missing, with exit code 1 and no stack trace', async () => {
    // Prepare: no credentials anywhere, and nothing could leave the machine if there were
    const env = {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: join(cwd, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    };

    // Act
    const run = await shepherd(['--config', join(ROOT, 'shepherd.yml'), 'status'], env);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^shepherd: no AWS credentials: configure them as for the AWS CLI/);
    expect(noStackTrace(run.stderr)).toBe(true);
  });
});

describe('shepherd, approvals', () => {
  let first: string;

  it('approves the newest pending model with who and why, once however often it is asked, and it deploys', async () => {
    // Prepare
    first = await registerPending(0.9);

    // Act
    const run = await local('approve', 'churn', '--reason', 'first model, offline metrics reviewed');
    const again = await local('approve', 'churn', '--reason', 'first model, offline metrics reviewed');
    await waitFor(cloud, 'the first model deployed', () => ended('Deployment Promoted', first));

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('churn-models/1 approved');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^already done: churn-models\/1 is already approved by arn:aws:iam::123456789012:user\//,
    );
    expect(cloud.calls.get('sagemaker:UpdateModelPackage')).toBe(1);
    expect(await describePackage(first)).toMatchObject({
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: expect.stringMatching(
        /^Approved by arn:aws:iam::123456789012:user\/\S+ via shepherd CLI: first model, offline metrics reviewed$/,
      ),
    });
  });

  it('shows each line in a table, and the same as JSON', async () => {
    // Act
    const run = await local('status');
    const json = await local('status', 'churn', '--json');

    // Assess
    expect(run.code).toBe(0);
    const [header, churn] = run.stdout.split('\n');
    expect(header).toMatch(/^MODEL +TRAINING +LATEST PACKAGE +ENDPOINT +DEPLOYMENT +EDGE BUILDS$/);
    expect(churn).toMatch(/^churn +idle +v1 Approved +churn-prod +v1 promoted at 2026-/);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ model: 'churn', package: 'v1 Approved', endpoint: 'churn-prod' }),
    ]);
  });

  it('rejects a version by number, and then refuses to approve it', async () => {
    // Prepare
    const second = await registerPending(0.91);

    // Act
    const run = await local('reject', 'churn', '--version', '2', '--reason', 'leaks the label', '--json');
    const approve = await local('approve', 'churn', '--version', '2', '--reason', 'changed my mind');

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'done',
      message: 'churn-models/2 rejected',
      data: { arn: second, version: 2 },
      why: 'leaks the label',
      via: 'shepherd CLI',
    });
    expect((await describePackage(second)).ModelApprovalStatus).toBe('Rejected');
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/^refused: cannot approve churn-models\/2: it was rejected by arn:aws:iam::/);
  });
});

describe('shepherd, deployments', () => {
  it('aborts a canary: weight 0, then the baseline alone, with who and why; a second abort is refused', async () => {
    // Prepare
    const third = await registerPending(0.92);
    await approveAndBake(third, 3);

    // Act
    const run = await local('abort', 'churn-prod', '--reason', 'pager: checkout errors');
    await waitFor(cloud, 'the canary rolled back', () => ended('Deployment Rolled Back', third));
    const again = await local('abort', 'churn-prod', '--reason', 'pager: checkout errors');
    const timeline = await local('timeline', 'churn', '--since', '7d', '--limit', '500', '--json');

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('churn-prod: rolling back');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refused: nothing to abort on churn-prod: no deployment in progress');
    const entries = JSON.parse(timeline.stdout) as { type: string; data?: Record<string, unknown> }[];
    expect(entries.find((e) => e.type === 'DeploymentAborted')?.data).toEqual({
      who: expect.stringMatching(/^arn:aws:iam::123456789012:user\//),
      why: 'pager: checkout errors',
    });
    const churnProd = cloud.sagemaker.endpoints().find((e) => e.name === 'churn-prod')!;
    expect(churnProd.variants.map((v) => v.variantName)).toEqual(['v1']);
  });

  it('promotes a canary now, in the middle of its first bake', async () => {
    // Prepare
    const fourth = await registerPending(0.93);
    await approveAndBake(fourth, 4);

    // Act
    const run = await local('promote', 'churn-prod', '--reason', 'urgent fix, reviewed by hand');
    await waitFor(cloud, 'the canary promoted', () => ended('Deployment Promoted', fourth));

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('churn-prod: promoting');
    const timeline = await local('timeline', 'churn', '--limit', '3');
    expect(timeline.stdout).toContain('DeploymentPromotedByHuman');
  });
});

describe('shepherd, retraining', () => {
  it('starts a retraining through the guards, and refuses a second one by a guard, saying which', async () => {
    // Act
    const run = await local('retrain', 'churn', '--reason', 'labels fixed');
    const again = await local('retrain', 'churn', '--reason', 'labels fixed again', '--json');
    const timeline = await local('timeline', 'churn', '--limit', '5', '--json');

    // Assess: the run is still in flight, or (on a slow machine) it ended and its cooldown holds
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^retraining started: churn-\d{8}t\d{4}-[0-9a-f]{8}$/);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({
      outcome: 'refused',
      message: expect.stringMatching(/^retraining refused: (training churn-\S+ is in flight|cooldown of 60 min after)/),
      data: { reason: expect.stringMatching(/^(in_flight|cooldown)$/) },
    });
    expect(cloud.calls.get('sagemaker:CreateTrainingJob')).toBe(1);
    const entries = JSON.parse(timeline.stdout) as { type: string; data?: Record<string, unknown> }[];
    expect(entries.find((e) => e.type === 'TriggerRefused')?.data).toMatchObject({ why: 'labels fixed again' });
    expect(entries.find((e) => e.type === 'RetrainingRequested')?.data).toMatchObject({ why: 'labels fixed' });
  });
});

describe('shepherd sweep and restore', () => {
  it('sweeps now as a dry run: prints the idle endpoint priced, deletes, mails and publishes nothing', async () => {
    // Prepare
    const deletes = cloud.calls.get('sagemaker:DeleteEndpoint') ?? 0;
    const reports = () => cloud.sns.outbox().filter((n) => n.attributes.kind === 'report').length;
    const [mailed, published] = [reports(), domainEvents(cloud, 'Cost Sweep Completed').length];

    // Act
    const run = await local('sweep');
    const json = await local('--json', 'sweep');

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ findings, an estimated \$[\d.]+\/month to save; 0 action\(s\) taken/);
    expect(run.stdout).toMatch(/idle-endpoint\s+legacy-recsys\s+\$\d+\.\d{2}/);
    const swept = JSON.parse(json.stdout) as { findings: { kind: string; resource: string }[] };
    expect(swept.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'idle-endpoint', resource: 'legacy-recsys' })]),
    );
    expect(cloud.calls.get('sagemaker:DeleteEndpoint') ?? 0).toBe(deletes);
    expect(reports()).toBe(mailed);
    expect(domainEvents(cloud, 'Cost Sweep Completed')).toHaveLength(published);

    // Act: asked to, it tells the team as the scheduled sweep does
    const told = await local('sweep', '--notify');

    // Assess
    expect(told.code).toBe(0);
    expect(reports()).toBe(mailed + 1);
    expect(domainEvents(cloud, 'Cost Sweep Completed')).toHaveLength(published + 1);
  });

  it('acts with --enforce only where the config enables it, and restore brings the endpoint back', async () => {
    // Act: the example config keeps enforcement off, so --enforce alone deletes nothing
    const off = await local('--json', 'sweep', '--enforce');

    // Assess
    const dry = JSON.parse(off.stdout) as { findings: { resource: string; outcome: string }[] };
    expect(dry.findings.find((f) => f.resource === 'legacy-recsys')?.outcome).toBe('enforcement is off');
    expect(cloud.sagemaker.endpoints().map((e) => e.name)).toContain('legacy-recsys');

    // Act: with costSweep.enforcement.enabled, the opted-in idle endpoint is snapshotted and deleted
    const on = await shepherd(['--local', 'sweep', '--enforce'], {}, enforcing);

    // Assess
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/; 1 action\(s\) taken, 0 resource\(s\) not swept/);
    expect(on.stdout).toMatch(/idle-endpoint\s+legacy-recsys\s+\$\d+\.\d{2}\s+\$\d+\.\d{2}\s+delete/);
    await waitFor(
      cloud,
      'legacy-recsys deleted',
      () => !cloud.sagemaker.endpoints().some((e) => e.name === 'legacy-recsys'),
    );

    // Act
    const restore = await local('restore', 'legacy-recsys');

    // Assess
    expect(restore).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('endpoint legacy-recsys is being created'),
    });
    await waitFor(cloud, 'legacy-recsys back in service', () =>
      cloud.sagemaker.endpoints().some((e) => e.name === 'legacy-recsys' && e.status === 'InService'),
    );
  });

  it('refuses to restore an endpoint no sweep deleted, with exit code 1 and no stack trace', async () => {
    // Prepare
    const creates = cloud.calls.get('sagemaker:CreateEndpoint') ?? 0;

    // Act
    const run = await local('restore', 'never-deleted');
    const json = await local('--json', 'restore', 'never-deleted');

    // Assess
    // One plain line, as every other refusal says it (`refused: …`), not an error's name.
    const why = 'no snapshot of endpoint never-deleted: no cost sweep deleted an endpoint of that name';
    expect(run).toMatchObject({ code: 1, stderr: `refused: ${why}\n` });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ outcome: 'refused', message: why });
    expect(noStackTrace(run.stderr)).toBe(true);
    expect(cloud.calls.get('sagemaker:CreateEndpoint') ?? 0).toBe(creates);
  });
});
