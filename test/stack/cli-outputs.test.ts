// The `shepherd` CLI finds the table, bus and topic from the stack's outputs (DescribeStacks): the packaged stack
// must carry them, naming the resources the functions use.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageService, ref, ROOT } from './template';

let outDir: string;
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the outputs the CLI reads', () => {
  it('name the state table, the event bus and the notifications topic', async () => {
    // Prepare
    outDir = mkdtempSync(join(tmpdir(), 'shepherd-outputs-'));

    // Act
    const { code, output } = await packageService(outDir, { SHEPHERD_CONFIG: join(ROOT, 'shepherd.yml') });
    const packaged = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));

    // Assess
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    expect(packaged.Outputs).toMatchObject({
      StateTableName: { Value: ref('StateTable') },
      EventBusName: { Value: ref('ShepherdBus') },
      NotificationsTopicArn: { Value: ref('NotificationsTopic') },
    });
  });
});
