// The namespace every resource definition (src/resources/table.ts) is built into.
import { InvalidInputError } from '../errors.js';
import { toId, toIdOrIdentifier } from '../ids.js';
import type { WireApis } from '../internal/generated.js';
import { checkResume } from '../crawl/checkpoint.js';
import { checkPaging, planCrawl } from '../crawl/plan.js';
import { checkConcurrency, crawl } from '../paginate.js';
import type { Crawl, FetchedPage } from '../paginate.js';
import { checkParamsShape, validateListParams } from '../params.js';
import { registryError } from '../transport/normalize.js';
import type { createBytePool } from '../transport/page-bytes.js';
import type { Transport } from '../transport/transport.js';
import type { NamespaceOf } from './namespaces.js';
import type { pageReader, recordReader } from './read-path.js';
import type { IdKind, KeyFor, ResourceDefinition } from './resource.js';
import type { AllOptions, CallOptions, ListPage } from './types.js';

/**
 * The two list operations every resource has.
 * @typeParam T - the record type, e.g. {@link WorkItemView}
 * @typeParam P - the list parameters, e.g. {@link WorkItemListParams}
 */
export interface ListOperations<T, P> {
  /**
   * One page, as the server sends it. `per_page` may be 1..1000 (default 20 on the server).
   * Params are checked before anything is sent: an unknown name, a wrongly typed or empty value,
   * or an array on a filter that is not `__in` throws an {@link InvalidInputError}.
   * @example
   * ```ts
   * const page = await client.workItems.list({ status: 'Failed', per_page: 100, sort: 'updated_at__desc' });
   * console.log(`${page.results.length} of ${page.count}`);
   * ```
   */
  list(params?: P, options?: CallOptions): Promise<ListPage<T>>;
  /**
   * Every matching record exactly once, in a deterministic order; pages are fetched as you iterate.
   * Unsorted, or sorted by the resource's window column (files `created_at`, events `date_time`…),
   * the crawl reads windows of that column, each one shallow request, exact while the data changes:
   * a record matching the filters for the whole crawl is yielded once, whatever is inserted,
   * updated or moves in and out of the filters meanwhile. Files and objects sorted by `updated_at`
   * get the same guarantee (records changed meanwhile come last). Another sort pages by offset, after
   * your sort `id__asc` (alerts also `user_id__asc`): exact only while nothing ahead changes.
   * `per_page` is clamped to 1..1000 (default 1000) and `page` is refused; `count` is not relied on.
   * Breaking out of the loop stops the crawl; so does `options.signal`. The returned crawl's
   * `stats` say how it paged.
   * @example
   * ```ts
   * for await (const file of client.files.all({ intellectual_object_id: 42 }, { concurrency: 4 })) {
   *   console.log(file.identifier, file.size);
   * }
   * ```
   */
  all(params?: P, options?: AllOptions): Crawl<T>;
}

/**
 * A call's options, checked before anything is sent: `signal` must be an AbortSignal, and one
 * already aborted rejects the call at once (the transport listens for "abort", which an aborted
 * signal never fires again, so the request would otherwise go out).
 */
export function checkCallOptions<O extends CallOptions>(what: string, options: O | null | undefined, abortNow = true): O {
  if (options === undefined || options === null) return {} as O;
  if (typeof options !== 'object')
    throw new InvalidInputError(`${what}: options must be an object such as { signal }, got ${typeof options}`);
  const { signal } = options;
  if (signal !== undefined) {
    // A real one: the transport combines it with the attempt's deadline (AbortSignal.any), which takes no look-alike.
    if (!(signal instanceof AbortSignal)) {
      throw new InvalidInputError(`${what}: signal must be an AbortSignal, got ${signal === null ? 'null' : typeof signal}`);
    }
    if (abortNow && signal.aborted) throw registryError({ kind: 'aborted', sent: false, subject: what });
  }
  return options;
}

/**
 * What a namespace needs once it sends something: the transport, the generated operations and the
 * read path. All of it needs axios, so none of it is imported here: src/wire.ts brings it on the
 * first request, and the namespace's checks run before that.
 */
export interface Wire {
  transport: Transport;
  apis: WireApis;
  pageReader: typeof pageReader;
  recordReader: typeof recordReader;
  createBytePool: typeof createBytePool;
}

/** Loads the wire layer (axios, the generated classes) on first use, once. */
export type Connect = () => Promise<Wire>;

/**
 * A resource's namespace: `list()`, `all()` and `get()`, every input checked before anything is
 * loaded or sent (so `all()` throws at once, synchronously, on a bad param), the wire layer loaded
 * on the first request.
 */
export function buildNamespace<T, P, D, K extends IdKind>(
  definition: ResourceDefinition<T, P, D, K>,
  connect: Connect,
): NamespaceOf<ResourceDefinition<T, P, D, K>> {
  const { segment: name, noun, filters, sorts } = definition;
  const rules = { resource: name, filters, sorts };
  let reader: Promise<ReturnType<typeof pageReader<T>>> | undefined;
  const pages = () =>
    (reader ??= connect().then((wire) =>
      wire.pageReader<T>(name, (query, options) => definition.list(wire.apis, query, options), wire.transport),
    ));

  const operations: ListOperations<T, P> = {
    async list(params, options) {
      const query = validateListParams(rules, params as Record<string, unknown> | undefined);
      const checked = checkCallOptions(`${name} list`, options);
      return (await pages()).page(query, checked);
    },
    all(params, options) {
      // all() clamps per_page to 1..1000 instead of refusing (the server caps after the offset), and pages itself.
      checkParamsShape(name, params); // before the spread below, which would make a Map into {}
      const raw = { ...(params as Record<string, unknown> | undefined) };
      if (raw.page !== undefined) throw new InvalidInputError('all() reads every page itself; do not pass page');
      const given = raw.per_page;
      const numeric = typeof given === 'number' || (typeof given === 'string' && given.trim() !== '');
      const perPage = given === undefined ? 1000 : numeric ? Math.min(1000, Math.max(1, Number(given))) : NaN;
      const query = validateListParams(rules, { ...raw, per_page: Number.isFinite(perPage) ? perPage : given });
      // An aborted signal rejects the crawl's first next() (src/paginate.ts), before any request.
      const { concurrency, signal, paging, resume } = checkCallOptions<AllOptions>(`${name} crawl`, options, false);
      checkConcurrency(concurrency);
      const plan = planCrawl(name, definition.windows, definition.tieBreak, query.sort as string[] | undefined, checkPaging(paging));
      const resumption = checkResume<T>(resume, name, query, plan, definition.tieBreak as readonly (keyof T & string)[]);
      // One pool of page buffers per crawl, made with the first page.
      let fetch: ((query: Record<string, unknown>, signal: AbortSignal) => Promise<FetchedPage<T>>) | undefined;
      return crawl<T>({
        query,
        perPage: query.per_page as number,
        tieBreak: { keys: definition.tieBreak },
        concurrency,
        signal,
        resource: name,
        plan,
        resume: resumption,
        fetchPage: async (q, s) => {
          if (!fetch) {
            const [reader, wire] = await Promise.all([pages(), connect()]);
            fetch = reader.forCrawl(wire.createBytePool());
          }
          return fetch(q, s);
        },
      });
    },
  };

  // One record: the key checked by kind, options checked (an aborted signal sends nothing), the
  // body must be a JSON object.
  const fetchOne = async (key: KeyFor<K>, options: CallOptions | undefined): Promise<D> => {
    const checked = checkCallOptions(`${noun} get`, options);
    const { apis, transport, recordReader } = await connect();
    // Read and checked inside the attempt: a body that is not a record is retried like any bad body.
    const record = await transport.execute((axiosOptions) => definition.get(apis, key, axiosOptions), {
      ...checked,
      read: recordReader<D>(noun),
    });
    return definition.detail ? definition.detail(record) : record;
  };
  const column = definition.idColumn ?? 'integer';
  const get = (() => {
    switch (definition.idKind) {
      case 'alert':
        return async (alertId: unknown, userId: unknown, options?: CallOptions) =>
          fetchOne({ id: toId(`${noun} id`, alertId, column), user_id: toId('user id', userId) } as KeyFor<K>, options);
      case 'numeric':
        return async (id: unknown, options?: CallOptions) => fetchOne(toId(`${noun} id`, id, column) as KeyFor<K>, options);
      default:
        return async (id: unknown, options?: CallOptions) =>
          fetchOne(toIdOrIdentifier(`${noun} id or identifier`, id) as KeyFor<K>, options);
    }
  })();
  return Object.freeze({ ...operations, get }) as unknown as NamespaceOf<ResourceDefinition<T, P, D, K>>;
}
