// Wire shapes of the sandbox's records: the JSON views of errata §6 (spec *View schemas plus
// the server-only fields of §6.1). Nullable scalars are never null (§6.2).

export interface SandboxAlert {
  id: number;
  institution_id: number;
  institution_name: string;
  institution_identifier: string;
  type: string;
  subject: string;
  content: string;
  deletion_request_id: number;
  created_at: string;
  user_id: number;
  user_name: string;
  user_email: string;
  sent_at: string;
  read_at: string;
}

export interface SandboxChecksum {
  id: number;
  algorithm: string;
  datetime: string;
  digest: string;
  state: string;
  generic_file_identifier: string;
  generic_file_id: number;
  intellectual_object_id: number;
  institution_id: number;
  created_at: string;
  updated_at: string;
}

/** No `status` (errata §6.1); cancelled_by_name/email mirror the confirmer (errata §6.4). */
export interface SandboxDeletion {
  id: number;
  institution_id: number;
  institution_name: string;
  institution_identifier: string;
  requested_by_id: number;
  requested_by_name: string;
  requested_by_email: string;
  requested_at: string;
  confirmed_by_id: number;
  confirmed_by_name: string;
  confirmed_by_email: string;
  confirmed_at: string;
  cancelled_by_id: number;
  cancelled_by_name: string;
  cancelled_by_email: string;
  cancelled_at: string;
  file_count: number;
  object_count: number;
}

export interface SandboxFile {
  id: number;
  file_format: string;
  size: number;
  identifier: string;
  intellectual_object_id: number;
  object_identifier: string;
  access: string;
  state: string;
  last_fixity_check: string;
  institution_id: number;
  institution_name: string;
  institution_identifier: string;
  storage_option: string;
  uuid: string;
  md5: string;
  sha1: string;
  sha256: string;
  sha512: string;
  created_at: string;
  updated_at: string;
  mtime: string;
}

export interface SandboxPremisEvent {
  id: number;
  agent: string;
  date_time: string;
  detail: string;
  event_type: string;
  generic_file_id: number;
  identifier: string;
  institution_id: number;
  intellectual_object_id: number;
  object: string;
  old_uuid: string;
  outcome: string;
  outcome_detail: string;
  outcome_information: string;
  created_at: string;
  updated_at: string;
}

export interface SandboxNestedChecksum {
  id: number;
  algorithm: string;
  datetime: string;
  digest: string;
  generic_file_id: number;
  created_at: string;
  updated_at: string;
}

export interface SandboxStorageRecord {
  id: number;
  generic_file_id: number;
  url: string;
}

/** files/show: GenericFile with relations; empty relations are null (errata §6.2). */
export interface SandboxFileDetail {
  id: number;
  file_format: string;
  size: number;
  identifier: string;
  intellectual_object_id: number;
  state: string;
  last_fixity_check: string;
  institution_id: number;
  storage_option: string;
  uuid: string;
  premis_events: SandboxPremisEvent[] | null;
  checksums: SandboxNestedChecksum[] | null;
  storage_records: SandboxStorageRecord[] | null;
  created_at: string;
  updated_at: string;
  mtime: string;
}

export interface SandboxObject {
  id: number;
  title: string;
  description: string;
  identifier: string;
  alt_identifier: string;
  access: string;
  bag_name: string;
  institution_id: number;
  created_at: string;
  updated_at: string;
  state: string;
  etag: string;
  bag_group_identifier: string;
  storage_option: string;
  bagit_profile_identifier: string;
  source_organization: string;
  internal_sender_identifier: string;
  internal_sender_description: string;
  institution_name: string;
  institution_identifier: string;
  institution_type: string;
  institution_parent_id: number;
  file_count: number;
  size: number;
  payload_file_count: number;
  payload_size: number;
}

export interface SandboxEvent {
  id: number;
  agent: string;
  created_at: string;
  date_time: string;
  detail: string;
  event_type: string;
  generic_file_id: number;
  generic_file_identifier: string;
  identifier: string;
  institution_id: number;
  institution_name: string;
  intellectual_object_id: number;
  intellectual_object_identifier: string;
  object: string;
  old_uuid: string;
  outcome: string;
  outcome_detail: string;
  outcome_information: string;
  updated_at: string;
}

export interface SandboxWorkItem {
  id: number;
  action: string;
  alt_identifier: string;
  aptrust_approver: string;
  bagit_profile_identifier: string;
  bag_date: string;
  bag_group_identifier: string;
  bucket: string;
  created_at: string;
  date_processed: string;
  deletion_request_id: number;
  etag: string;
  generic_file_id: number;
  generic_file_identifier: string;
  institution_id: number;
  institution_name: string;
  institution_identifier: string;
  inst_approver: string;
  intellectual_object_id: number;
  internal_sender_identifier: string;
  name: string;
  needs_admin_review: boolean;
  node: string;
  note: string;
  object_identifier: string;
  outcome: string;
  pid: number;
  queued_at: string;
  retry: boolean;
  size: number;
  source_organization: string;
  stage: string;
  stage_started_at: string;
  status: string;
  storage_option: string;
  updated_at: string;
  user: string;
}

export interface SandboxInstitution {
  id: number;
  name: string;
  identifier: string;
  type: string;
  parentId: number;
}

/** Read-only view of one generated table; records are built fresh on every access. */
export interface SandboxTable<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
  /** First row with this id (alerts have one row per recipient). */
  byId(id: number): T | undefined;
  find(predicate: (row: T) => boolean): T | undefined;
  filter(predicate: (row: T) => boolean): T[];
}

export interface SandboxData {
  readonly institutions: readonly SandboxInstitution[];
  readonly alerts: SandboxTable<SandboxAlert>;
  readonly checksums: SandboxTable<SandboxChecksum>;
  readonly deletions: SandboxTable<SandboxDeletion>;
  readonly files: SandboxTable<SandboxFile>;
  readonly objects: SandboxTable<SandboxObject>;
  readonly events: SandboxTable<SandboxEvent>;
  readonly workItems: SandboxTable<SandboxWorkItem>;
  /** Exactly what files/show returns for this id (nested arrays in a fresh random tie order). */
  fileDetail(id: number): SandboxFileDetail | undefined;
}
