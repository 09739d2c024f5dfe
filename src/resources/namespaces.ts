// The public shapes of a resource namespace, by how its show route takes a key.
import type { AlertView } from '../internal/generated.js';
import type { AlertListParams } from './alerts.js';
import type { ListOperations } from './define.js';
import type { IdKind, ResourceDefinition } from './resource.js';
import type { CallOptions } from './types.js';

/**
 * A resource whose show route takes a numeric id only (checksums, deletion requests, work items).
 * @typeParam T - the record type, e.g. {@link WorkItemView}
 * @typeParam P - the list parameters, e.g. {@link WorkItemListParams}
 */
export interface NumericResource<T, P> extends ListOperations<T, P> {
  /**
   * One record by its numeric id.
   * @throws {@link InvalidInputError} for an id that is not a positive integer (nothing is sent);
   *   {@link NotFoundError} when there is no such record; {@link PermissionError} when it belongs
   *   to another institution.
   * @example
   * ```ts
   * const item = await client.workItems.get(1234);
   * ```
   */
  get(id: number, options?: CallOptions): Promise<T>;
}

/**
 * A resource whose show route takes a numeric id or an identifier (files, objects, events).
 * @typeParam T - the record type of lists, e.g. {@link GenericFileView}
 * @typeParam P - the list parameters, e.g. {@link GenericFileListParams}
 * @typeParam D - the record type of `get()` (files: the full {@link GenericFile})
 */
export interface IdentifiedResource<T, P, D = T> extends ListOperations<T, P> {
  /**
   * One record by numeric id, or by identifier (any characters; encoded for you). An event's
   * identifier is its UUID; a file's is `institution/bag/path`; an object's is `institution/bag`.
   * @example
   * ```ts
   * const file = await client.files.get('example.edu/my bag/data/report & notes.pdf');
   * const object = await client.objects.get(42);
   * ```
   */
  get(idOrIdentifier: number | string, options?: CallOptions): Promise<D>;
}

/** `client.alerts`: the alerts sent to you. Its show route also needs your own user id. */
export interface AlertResource extends ListOperations<AlertView, AlertListParams> {
  /**
   * One alert. `userId` must be your own user id (the Registry answers 403 otherwise); it is the
   * `user_id` of the alerts in your own list, as there is no "who am I" call.
   */
  get(alertId: number, userId: number, options?: CallOptions): Promise<AlertView>;
}

/**
 * The namespace a resource definition makes, e.g. `NamespaceOf<typeof workItems>` is
 * `NumericResource<WorkItemView, WorkItemListParams>`.
 */
export type NamespaceOf<R> =
  R extends ResourceDefinition<infer T, infer P, infer D, infer K extends IdKind>
    ? K extends 'alert'
      ? AlertResource
      : K extends 'numeric'
        ? NumericResource<T, P>
        : IdentifiedResource<T, P, D>
    : never;
