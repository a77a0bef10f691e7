// Approval links sent before an operator changed the model line's config: a promote or abort link of a line whose
// deployment was taken out of shepherd.yml says so, not that its deployment no longer exists.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { callLink, deploymentClaims, linkToken, resetSecrets, urlRequest } from '../helpers/approval-links';
import { sagemaker } from '../helpers/aws';
import { exampleYaml } from '../helpers/config';
import { createTable } from '../helpers/dynamo';
import { freshWorld } from '../helpers/function-world';
import { tempDir } from '../helpers/temp';

// churn as shepherd.yml has it, without its deployment (and the monitoring of its endpoint, which needs one).
const config = parse(exampleYaml);
delete config.models[0].deployment;
delete config.models[0].monitoring;
const file = join(tempDir('shepherd-links-config-'), 'shepherd.yml');
writeFileSync(file, stringify(config));
process.env.SHEPHERD_CONFIG = file;

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:04:05Z', alsoReset: [resetSecrets] }));

describe('an abort link of a line whose deployment was taken out of the config', () => {
  it('says the line deploys nothing any more, not that its deployment no longer exists; changes nothing', async () => {
    // Prepare
    const token = linkToken(deploymentClaims('abort', 'd2-0123abcd', '2026-11-27T01:00:00Z'));

    // Act
    const reply = await callLink(urlRequest('GET', 'abort', token));

    // Assess
    expect(reply.statusCode).toBe(410);
    expect(reply.body).not.toContain('no longer exists');
    expect(reply.body).toContain('churn has no deployment configured any more');
    expect(sagemaker.calls()).toEqual([]);
  });
});
