// The local approval pages hand approvalLink the event a Function URL would: payload 2.0, with a query parameter
// given twice joined by a comma, as Lambda does (docs/approval-links.md), not the last one alone.
import type { LambdaRuntime } from '../../local/lambda';
import { type ApprovalPages, startApprovalPages } from '../../local/approval-pages';

let pages: ApprovalPages;
const events: Record<string, any>[] = [];

beforeAll(async () => {
  const lambda = {
    invoke: async (_name: string, event: unknown) => {
      events.push(event as Record<string, any>);
      return { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' };
    },
  } as unknown as LambdaRuntime;
  pages = await startApprovalPages(lambda);
});
afterAll(() => pages.close());
beforeEach(() => {
  events.length = 0;
});

describe('the local approval pages', () => {
  it('join a query parameter given twice with a comma, as a Function URL does', async () => {
    // Act
    await fetch(`${pages.url}approve?t=v1.first.sig&t=v1.second.sig&x=1`);

    // Assess
    expect(events.map((e) => [e.rawQueryString, e.queryStringParameters])).toEqual([
      ['t=v1.first.sig&t=v1.second.sig&x=1', { t: 'v1.first.sig,v1.second.sig', x: '1' }],
    ]);
  });
});
