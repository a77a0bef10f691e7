// `npm start` on a terminal: the run prints each approval link and waits; a click on the link decides, and the
// `[Y/n]` question is withdrawn.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../local/run';
import { loadScenario } from '../../local/scenario-file';
import { fixture } from '../helpers/e2e';

/** What a person does in the browser: open the page, press its button. */
async function click(link: string): Promise<number> {
  const page = await (await fetch(link)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const form = new URLSearchParams({ nonce, reason: 'clicked in the test' });
  return (await fetch(link, { method: 'POST', body: form })).status;
}

const dir = mkdtempSync(join(tmpdir(), 'shepherd-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prints the approver’s links, and a click on Approve decides and withdraws the terminal’s question', async () => {
  // Prepare
  const outboxFile = join(dir, 'outbox.jsonl');
  const scenario = { ...loadScenario(fixture('approval-link.yml')), approver: 'scenario' as const };
  const asked: string[] = [];
  let withdrawn = false;
  let clicked: Promise<number> | undefined;
  // A person who never answers the prompt, but clicks the Approve link of their message.
  const ask = (question: string, signal?: AbortSignal) =>
    new Promise<boolean>((_, reject) => {
      asked.push(question);
      const link = /^Approve: (\S+)$/m.exec(readFileSync(outboxFile, 'utf8').replace(/\\n/g, '\n'))?.[1];
      clicked = link ? click(link) : Promise.resolve(0);
      signal?.addEventListener('abort', () => {
        withdrawn = true;
        reject(new Error('withdrawn'));
      });
    });

  // Act
  const result = await runScenario(scenario, { autoApprove: false, print: false, speed: 120, ask, outboxFile });
  await result.cloud.stop();

  // Assess
  expect(asked).toHaveLength(1);
  expect(await clicked).toBe(200);
  expect(withdrawn).toBe(true);
  const approver = result.cloud.timeline.lines.filter((l) => l.source === 'approver').map((l) => l.message);
  expect(approver).toEqual([
    expect.stringMatching(/^ml-leads@example\.com Approve: http:\/\/127\.0\.0\.1:\d+\/approve\?t=v1\./),
    expect.stringMatching(/^ml-leads@example\.com Reject: http:\/\/127\.0\.0\.1:\d+\/reject\?t=v1\./),
    expect.stringMatching(/churn-models\/1 decided through its approval link$/),
  ]);
  // The commands beside the links act on the local cloud that sent them, not on a `dev` stack in AWS.
  const sent = readFileSync(outboxFile, 'utf8');
  expect(sent).toContain('npx shepherd --local approve churn --version 1 --reason');
  expect(sent).not.toMatch(/npx shepherd (approve|reject)|--stage/);
  expect(result.ok).toBe(true);
});
