import { fixture } from '../helpers/e2e';
import { made } from '../helpers/crash-points';
import { crashSuite } from '../helpers/crash-suite';

// The Neo build: the compilation jobs' creation (after the deployment started, in the same invocation) and the
// invocation that finds them done and says so.
describe('a crash right after each call of a Neo build', () => {
  crashSuite(fixture('crash-first-model.yml'), [
    {
      name: 'Neo build',
      picks: [
        { match: made('CreateCompilationJob'), from: (c) => c.operation === 'CreateCompilationJob' },
        { match: made('Edge Artifact Ready') },
      ],
    },
  ]);
});
