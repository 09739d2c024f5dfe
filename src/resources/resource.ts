// What one resource is, declared once (src/resources/table.ts lists them): its URL, how its show
// route takes a key, its filters, sorts and tie-break, and the generated operations behind it.
// The namespace (`client.workItems`) and its type, the lazy loader and the CLI are built from it.
import type { AxiosResponse, RawAxiosRequestConfig } from 'axios';
import type { CrawlColumns } from '../crawl/plan.js';
import type { ChangeSpec } from '../sync/spec.js';
import type { IdColumn } from '../ids.js';
import type { WireApis } from '../internal/generated.js';
import type { FilterTable } from '../params.js';
import type { ListPage } from './types.js';

/**
 * How a show route takes its key: a numeric id (checksums, deletion requests, work items), an id
 * or an identifier (files, objects, events), or an alert id with the caller's own user id.
 */
export type IdKind = 'numeric' | 'id-or-identifier' | 'alert';

/** The key `get()` passes to the generated operation, by kind. */
export type KeyFor<K extends IdKind> = K extends 'alert' ? { id: number; user_id: number } : K extends 'numeric' ? number : number | string;

/**
 * One resource.
 * @typeParam T - a list record; @typeParam P - the list params; @typeParam D - the record of `get()`;
 * @typeParam K - how `get()` takes its key
 */
export interface ResourceDefinition<T, P, D, K extends IdKind> {
  /** The URL segment: /member-api/v3/<segment>; also the CLI's resource name. */
  readonly segment: string;
  /** One record, in messages: "work item". */
  readonly noun: string;
  readonly idKind: K;
  /** The column a numeric id is looked up in (ids beyond it cannot exist). Default integer. */
  readonly idColumn?: IdColumn;
  readonly filters: FilterTable;
  readonly sorts: readonly string[];
  /** Columns that make the order total: id, and for alerts also user_id. */
  readonly tieBreak: readonly (keyof T & string)[];
  /**
   * The timestamp columns all() can crawl in windows (src/crawl/windows.ts): one written once,
   * and optionally the one the server sets on every change. Absent: all() pages by offset.
   */
  readonly windows?: CrawlColumns;
  /** How an incremental export or sync tells what changed since its last run (src/sync/spec.ts). */
  readonly changes: ChangeSpec;
  list(apis: WireApis, query: Record<string, unknown>, options: RawAxiosRequestConfig): Promise<AxiosResponse<ListPage<T>>>;
  get(apis: WireApis, key: KeyFor<K>, options: RawAxiosRequestConfig): Promise<AxiosResponse<D>>;
  /** The record as the client hands it out, when that differs from the body (files/show). */
  detail?(record: D): D;
  /** Carries the params type only; never set. */
  readonly params?: P;
}

/** Declares a resource, its params type given and the rest inferred: `resource<WorkItemListParams>()({…})`. */
export function resource<P>() {
  return <T, D, K extends IdKind>(definition: ResourceDefinition<T, P, D, K>): ResourceDefinition<T, P, D, K> => Object.freeze(definition);
}
