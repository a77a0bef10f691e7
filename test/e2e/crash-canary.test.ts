import { fixture } from '../helpers/e2e';
import { both, made } from '../helpers/crash-points';
import { crashSuite } from '../helpers/crash-suite';

// A canary's start (the candidate beside the baseline), its first step, and its promotion: the request for the
// final config and the invocation that sees it served.
describe('a crash right after each call of a canary start, a step and a promotion', () => {
  crashSuite(fixture('crash-canary.yml'), [
    {
      name: 'canary start',
      picks: [
        {
          match: both(made('UpdateEndpoint'), made('Deployment Started')),
          // Its Neo build follows in the same invocation (crash-neo.test.ts crashes that one).
          until: (c) => c.operation === 'CreateCompilationJob',
        },
      ],
    },
    { name: 'step', picks: [{ match: made('UpdateEndpointWeightsAndCapacities') }] },
    {
      name: 'promotion',
      picks: [
        { match: both(made('UpdateEndpoint'), made('Canary Step Passed')), which: 'last' },
        { match: made('Deployment Promoted'), which: 'last' },
      ],
    },
  ]);
});
