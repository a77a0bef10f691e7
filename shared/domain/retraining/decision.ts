// A line's retraining decision type, apart from its state (./state.ts): the state is what run requests carry (the
// run in flight, its trigger), and a decision carries actions, which carry those requests; defining both in one
// module made state.ts and ../actions.ts import each other (as ../deployment/decision.ts does for deployments).
import type { Decision } from '../decisions';
import type { TrainingState } from './state';

export type TrainingDecision = Decision<TrainingState>;
