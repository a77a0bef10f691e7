// A deployment's decision type, apart from its state (./state.ts): the state is what actions carry (variant scaling),
// and a decision carries actions, so defining both in one module made state.ts and ../actions.ts import each other.
import type { Decision } from '../decisions';
import type { DeploymentState } from './state';

export type DeploymentDecision = Decision<DeploymentState>;
