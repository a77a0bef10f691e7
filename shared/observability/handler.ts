// The handler of every function that reads state items: a corrupt one (shared/app/corrupt.ts) is answered as
// ignored, alerted once and counted, not thrown, as a retry would read the same item and end in the DLQ.
import type { GenericSchema, InferOutput } from 'valibot';
import { orCorrupt } from '../runtime/corrupt';
import { eventHandler, type Handler } from './event-handler';

export function shepherdHandler<S extends GenericSchema, R>(name: string, schema: S, fn: Handler<S, R>) {
  return eventHandler(name, schema, (event: InferOutput<S>, context) => orCorrupt(fn(event, context)));
}
