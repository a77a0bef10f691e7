// How the crash fault sees an invocation's requests: every ClientRequest started inside an invocation's async
// context is named by its operation once it succeeded, and refused before a byte is sent once the invocation is dead.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ClientRequest, type IncomingMessage } from 'node:http';
import { outboxPrefix } from '../shared/state/outbox-id';

/** What an invocation is, seen by the patched ClientRequest (shared across module registries, see below). */
export interface Invocation {
  dead: boolean;
  succeeded(operation: string, body: string): void;
}

// ClientRequest is one object per process, while each jest test file has its own copy of this module: the storage
// lives on the prototype so that every copy's invocations are seen by the one patch.
const STORE = Symbol.for('shepherd.local.crash.invocation');
type Patched = ClientRequest & { [STORE]?: AsyncLocalStorage<Invocation> };

export function installPatch(): AsyncLocalStorage<Invocation> {
  const proto = ClientRequest.prototype as Patched;
  const existing = proto[STORE];
  if (existing) return existing;
  const storage = new AsyncLocalStorage<Invocation>();
  proto[STORE] = storage;
  const bodies = new WeakMap<ClientRequest, string>();
  const { write, end } = proto;
  // The headers leave with the first write or end (the SDK sends each body with one `end`), so a dead invocation's
  // request is destroyed there, before a byte is sent. Requests outside an invocation pass untouched.
  proto.write = function (this: ClientRequest, ...args: unknown[]) {
    const invocation = storage.getStore();
    if (invocation?.dead) return refuse(this);
    if (invocation) bodies.set(this, (bodies.get(this) ?? '') + text(args[0]));
    return Reflect.apply(write, this, args) as boolean;
  } as ClientRequest['write'];
  proto.end = function (this: ClientRequest, ...args: unknown[]) {
    const invocation = storage.getStore();
    if (invocation?.dead) {
      refuse(this);
      return this;
    }
    if (invocation) {
      const body = (bodies.get(this) ?? '') + (typeof args[0] === 'function' ? '' : text(args[0]));
      this.once('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) invocation.succeeded(operationOf(this, body), body);
      });
    }
    return Reflect.apply(end, this, args) as ClientRequest;
  } as ClientRequest['end'];
  return storage;
}

function refuse(request: ClientRequest): false {
  process.nextTick(() =>
    request.destroy(
      Object.assign(new Error('the invocation crashed before sending this request'), { name: 'Crashed' }),
    ),
  );
  return false;
}

const text = (chunk: unknown): string =>
  typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : '';

/** JSON protocols name it in X-Amz-Target (DynamoDB too); query protocols in the body's Action; S3 reads are GETs. */
function operationOf(request: ClientRequest, body: string): string {
  const target = request.getHeader('x-amz-target');
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const action = new URLSearchParams(body).get('Action');
  if (action) return action;
  return request.method === 'GET' ? 'GetObject' : `${request.method} ${request.path}`;
}

/** What a call said, beyond its operation: the domain events it published, or which write of the state table it was. */
export interface CallDetail {
  /** PutEvents' entries' detail-types. */
  detailTypes?: string[];
  /**
   * The call's kind, so that a crash point counts only the calls of its kind: the detail-types a PutEvents
   * published; the topic and `kind` attribute of an SNS Publish; for a DynamoDB write, the item's kind (the sort
   * key's first part), what the update does, and which outbox entries it touches (the actions a put adds, or an
   * entry's index within its decision): `DEPLOYMENT put [publish,startCanary]`, `DEPLOYMENT REMOVE outbox.#id … 002`.
   */
  tag?: string;
  /**
   * What a DynamoDB write is about, as timing cannot change it: its item's partition key (`ENDPOINT#churn-prod`).
   * With the tag it tells one line's decision from another's, whichever comes first.
   */
  subject?: string;
}

export function detailOf(operation: string, body: string): CallDetail {
  if (operation === 'Publish') return { tag: publishTag(new URLSearchParams(body)) };
  if (operation !== 'PutEvents' && !DYNAMO_WRITE.test(operation)) return {};
  let request: DynamoWrite & { Entries?: { DetailType?: string }[] };
  try {
    request = JSON.parse(body);
  } catch {
    return {};
  }
  if (operation !== 'PutEvents') {
    const subject = (request.Key ?? request.Item)?.pk?.S;
    return { tag: writeTag(request), ...(subject ? { subject } : {}) };
  }
  const detailTypes = (request.Entries ?? []).map((e) => e.DetailType ?? '');
  return { detailTypes, tag: detailTypes.join(',') };
}

/** `shepherd-alerts deployment-promoted`: SNS's query protocol lists message attributes as numbered entries. */
function publishTag(params: URLSearchParams): string {
  const topic = params.get('TopicArn')?.split(':').at(-1) ?? '';
  const entry = [...params].find(
    ([name, value]) => /^MessageAttributes\.entry\.\d+\.Name$/.test(name) && value === 'kind',
  );
  const kind = entry ? params.get(entry[0].replace(/Name$/, 'Value.StringValue')) : null;
  return kind ? `${topic} ${kind}` : topic;
}

const DYNAMO_WRITE = /^(PutItem|UpdateItem|DeleteItem)$/;

type Attribute = { S?: string };

interface DynamoWrite {
  Key?: { pk?: Attribute; sk?: Attribute };
  Item?: {
    pk?: Attribute;
    sk?: Attribute;
    version?: { N?: string };
    outbox?: { M?: Record<string, { M?: { action?: { M?: { type?: Attribute } } } }> };
  };
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

function writeTag({ Key, Item, UpdateExpression, ExpressionAttributeNames }: DynamoWrite): string {
  const sk = Key?.sk?.S ?? Item?.sk?.S ?? '';
  // `EVENT#<at>#judged-d012cc-0-0` is a timeline entry of kind `judged`; `WINDOW#<gen>#<source>#<shard>` a counter.
  const [kind, , id] = sk.split('#');
  const item = kind === 'EVENT' && id ? `EVENT ${/^[a-z]+/i.exec(id)?.[0] ?? ''}` : (kind ?? '');
  if (Item) {
    // Only the entries this put adds (`<version>-<index>`, shared/state/store.ts): those it keeps from a decision
    // still being performed by another invocation are there or not as timing has it.
    const version = Item.version?.N;
    const added = Object.entries(Item.outbox?.M ?? {}).filter(
      ([id]) => !version || id.startsWith(outboxPrefix(version)),
    );
    const actions = added.map(([, entry]) => entry.M?.action?.M?.type?.S ?? '?');
    return `${item} put${actions.length ? ` [${actions.sort().join(',')}]` : ''}`;
  }
  // Outbox ids are `<version>-<index>`: the version changes with timing, the index within a decision does not.
  const entry = ExpressionAttributeNames?.['#id']?.split('-')[1];
  return [item, UpdateExpression ?? 'delete', entry].filter(Boolean).join(' ');
}
