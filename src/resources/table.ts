// Every resource, once. The client's namespaces, their types, the lazy loader and the CLI are all
// built from this table: adding a resource is one entry here and its file (filters, definition).
import { alerts } from './alerts.js';
import { checksums } from './checksums.js';
import { deletionRequests } from './deletion-requests.js';
import { files } from './generic-files.js';
import { objects } from './intellectual-objects.js';
import { events } from './premis-events.js';
import { workItems } from './work-items.js';

/** The resources, by the name of their namespace on the client. */
export const RESOURCES = Object.freeze({ alerts, checksums, deletionRequests, files, objects, events, workItems });

/** A namespace's name on the client: `workItems`, `files`… */
export type ResourceName = keyof typeof RESOURCES;

export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];
