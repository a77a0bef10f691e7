// A real browser (Debian's Chromium, driven by playwright-core) takes the Approve link from the local inbox, sees
// the confirmation page, and approves; only then does the churn line's first deployment start.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import type { SnsMessage } from '../../local/sns';
import { fixture, playScenario } from '../helpers/e2e';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

type OutboxLine = Pick<SnsMessage, 'topicArn' | 'subject' | 'message' | 'attributes'>;

const inbox = (file: string): OutboxLine[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as OutboxLine)
    : [];

/** The Approve link the approver's message carries, once it was sent. */
async function approveLink(file: string, approver: string, deadline: number): Promise<string> {
  for (;;) {
    const message = inbox(file).find((m) => m.attributes.approver === approver);
    const link = message && /^Approve: (\S+)$/m.exec(message.message)?.[1];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no approval link for ${approver} in ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  dir = mkdtempSync(join(tmpdir(), 'shepherd-outbox-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('approves from the emailed link in a real browser, and only the click starts the deployment', async () => {
  // Prepare
  const outboxFile = join(dir, 'outbox.jsonl');
  const run = playScenario(fixture('approval-link.yml'), { autoApprove: false, speed: 120, outboxFile });
  const link = await approveLink(outboxFile, 'ml-leads@example.com', Date.now() + 60_000);
  const page = await browser.newPage();

  // Act
  const opened = await page.goto(link);
  const shown = (await page.locator('main').textContent()) ?? '';
  // A scanner, a preview or a second look: opening the link again changes nothing and shows the same page.
  const reopened = await page.reload();
  await page.fill('textarea[name=reason]', 'AUC 0.91, first model of the line');
  const [posted] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.click('button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
  const done = (await page.locator('main').textContent()) ?? '';
  const result = await run;

  // Assess
  expect(opened?.status()).toBe(200);
  expect(opened?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(shown).toContain('Approve this model for deployment: churn');
  expect(shown).toMatch(/churn-models version 1 \(PendingManualApproval\)/);
  expect(shown).toContain('validation:auc = 0.91 against no production model to compare');
  expect(shown).toMatch(/Data window\s*3 object\(s\)/);
  expect(reopened?.status()).toBe(200);
  expect(posted.status()).toBe(200);
  expect(done).toContain('Approve: done');
  expect(result.ok).toBe(true);
  const approved = result.summary.modelPackages.find((p) => p.version === 1);
  expect(approved?.approvalStatus).toBe('Approved');
  expect(result.cloud.eventbridge.published.map((e) => e['detail-type'])).toContain('Deployment Started');
  const described = (await result.cloud.sagemaker.handle('DescribeModelPackage', {
    ModelPackageName: approved!.arn,
  })) as { ApprovalDescription?: string };
  expect(described.ApprovalDescription).toMatch(/^Approved by ml-leads@example\.com via approval link .*first model/);
});
