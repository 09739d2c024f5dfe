// The public summary of the resource table: what a tool built on the client (the CLI is one)
// needs to know about each namespace without the wire layer.
import type { ChangeSpec } from '../sync/spec.js';
import type { IdKind } from './resource.js';
import { RESOURCE_NAMES, RESOURCES } from './table.js';
import type { ResourceName } from './table.js';

export type { IdKind } from './resource.js';
export type { ResourceName } from './table.js';

/** One resource of the Member API, as {@link RESOURCE_CATALOGUE} lists it. */
export interface ResourceSummary {
  /** The URL segment, /member-api/v3/&lt;segment&gt;: `items`, `files`… */
  readonly segment: string;
  /** One record, in words: "work item". */
  readonly noun: string;
  /** How `get()` takes its key: a numeric id, an id or an identifier, or an alert id and your user id. */
  readonly idKind: IdKind;
  /** The filter names `list()` and `all()` take, besides `page`, `per_page` and `sort`. */
  readonly filters: readonly string[];
  /** The `sort` values: each column bare (ascending), `__asc` and `__desc`. */
  readonly sorts: readonly string[];
  /** How an incremental export or sync tells what changed since its last run. */
  readonly changes: ChangeSpec;
}

/**
 * Every resource namespace of the client (`workItems`, `files`…) with its URL segment, how its
 * `get()` takes a key, and its filter and sort names.
 * @example
 * ```ts
 * for (const [name, r] of Object.entries(RESOURCE_CATALOGUE)) console.log(name, `/member-api/v3/${r.segment}`, r.idKind);
 * ```
 */
export const RESOURCE_CATALOGUE: Readonly<Record<ResourceName, ResourceSummary>> = Object.freeze(
  Object.fromEntries(
    RESOURCE_NAMES.map((name) => {
      const { segment, noun, idKind, filters, sorts, changes } = RESOURCES[name];
      return [name, Object.freeze({ segment, noun, idKind, filters: Object.freeze(Object.keys(filters)), sorts, changes })];
    }),
  ) as Record<ResourceName, ResourceSummary>,
);
