import { fixture } from '../helpers/e2e';
import { made } from '../helpers/crash-points';
import { crashSuite } from '../helpers/crash-suite';

// A failed verdict: the candidate's weight set to 0, the config without it, and the invocation that sees it gone.
describe('a crash right after each call of a rollback', () => {
  crashSuite(fixture('crash-rollback.yml'), [
    {
      name: 'rollback',
      picks: [
        { match: made('UpdateEndpointWeightsAndCapacities') },
        { match: made('UpdateEndpoint'), which: 'last' },
        { match: made('Deployment Rolled Back') },
      ],
    },
  ]);
});
