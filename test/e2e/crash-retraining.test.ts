import { fixture } from '../helpers/e2e';
import { made } from '../helpers/crash-points';
import { crashSuite } from '../helpers/crash-suite';

// Each test plays the scenario once more; the fault-free run is played in a child process while the file loads.
describe('a crash right after each call of a retraining start and a registration', () => {
  crashSuite(fixture('crash-first-model.yml'), [
    { name: 'retraining start', picks: [{ match: made('CreateTrainingJob') }] },
    { name: 'registration', picks: [{ match: made('CreateModelPackage') }] },
  ]);
});
