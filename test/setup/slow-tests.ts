// e2e and stack tests play scenarios on the local cloud, package the stack or spawn processes. Their time limit guards
// against a hang; it is not a speed target (`npm run bench` measures speed). It is generous because these machines
// are shared: on two busy cores a scenario that takes 40 s alone has taken over 3 minutes, and a test cut off there
// fails the next test file of its worker as well, through the local cloud it left running. lost-events, 91 s alone,
// took 554 s of a fresh-clone CI beside the crash suites (2026-12-02): 15 minutes leaves room above that.
const SLOW_TESTS = /[\\/]test[\\/](e2e|stack)[\\/]/;

if (SLOW_TESTS.test(expect.getState().testPath ?? '')) jest.setTimeout(900_000);
