// Kysely table types. Each module's repo is the only code that queries its tables.
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

export interface UsersTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  role: string;
  eng: string | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string; // sha-256 of the token; the token itself is never stored
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  first_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface RecoveryRequestsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  confirmed_at: NullableTimestamp;
  code_hash: string | null;
  code_attempts: Generated<number>;
  completed_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_id: string | null;
  details: Json;
}

export interface NotificationsTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  transport: string;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface NotificationPreferencesTable {
  user_id: string;
  topic: string;
  email: boolean;
  sms: boolean;
  updated_at: Timestamp;
}

export interface EventsTable {
  id: Generated<number>;
  name: string;
  payload: Json;
  created_at: Timestamp;
  dispatched_at: NullableTimestamp;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_error: string | null;
}

export interface KbArticlesTable {
  id: string;
  slug: string;
  kind: string;
  title: string;
  body: string;
  body_text: string;
  short_answer: string;
  category: string;
  service: string;
  tags: string[];
  links: ColumnType<Array<{ title: string; url: string }>, string, string>;
  video_url: string | null;
  transcript: string | null;
  state: string;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: Generated<number>;
  lemma_title: string;
  lemma_extra: string;
  lemma_body: string;
  lemma_terms: string[];
  helpful_yes: Generated<number>;
  helpful_no: Generated<number>;
}

export interface KbSearchTable {
  article_id: string;
  kind: string;
  category: string;
  service: string;
  published_at: NullableTimestamp;
  search_vector: string;
  title_vector: string;
  extra_vector: string;
}

export interface KbRevisionsTable {
  id: string;
  article_id: string;
  revision: number;
  snapshot: Json;
  edited_by: string | null;
  edited_at: Timestamp;
}

export interface KbTermsTable {
  term: string;
  df: number;
  /** the lemma as the index stores it (stemmed by the russian configuration) */
  lexeme: GeneratedAlways<string>;
}

export interface KbSynonymsTable {
  id: string;
  position: number;
  terms: string[];
}

export interface KbVotesTable {
  article_id: string;
  voter: string;
  helpful: boolean;
  at: Timestamp;
}

export interface ConversationsTable {
  id: string;
  channel: string;
  state: string;
  citizen_id: string | null;
  token_hash: string;
  contact_email: string | null;
  contact_phone: string | null;
  assigned_operator_id: string | null;
  handoff_reason: string | null;
  handoff_due_at: NullableTimestamp;
  waiting_since: NullableTimestamp;
  first_response_at: NullableTimestamp;
  priority: Generated<number>;
  unhelpful_count: Generated<number>;
  last_message_at: Timestamp;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  author: string;
  author_id: string | null;
  text: string;
  text_masked: string;
  links: ColumnType<Array<{ title: string; url: string }>, string | undefined, string>;
  buttons: ColumnType<Array<{ label: string; payload: string }>, string | undefined, string>;
  internal: Generated<boolean>;
  client_message_id: string | null;
  reply_to: string | null;
  pii_kinds: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

export interface ChatAttachmentsTable {
  id: string;
  conversation_id: string;
  message_id: string;
  filename: string;
  filename_masked: string;
  mime: string;
  size: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface PhoneLinesTable {
  id: string;
  position: number;
  number: string;
  audience: string;
  purpose: string;
  schedule: string | null;
  free: boolean;
  notes: string | null;
  updated_at: Timestamp;
}

export interface DirectorySettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface ScheduleNoticesTable {
  id: string;
  published_on: ColumnType<string, string, string>;
  text: string;
  created_at: Timestamp;
}

export interface CalendarYearsTable {
  region: string;
  year: number;
  data: Json;
  updated_at: Timestamp;
  origin: Generated<'shipped' | 'console'>;
  updated_by: string | null;
}

export interface LettersTable {
  id: string;
  sender_name: string;
  account_number: string | null;
  eng: string | null;
  citizen_id: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  summary: string | null;
  tracking_number: string;
  received_on: ColumnType<string, string, string>;
  reply_due_on: ColumnType<string, string, string>;
  status: string;
  reply_kind: string | null;
  reply_tracking_number: string | null;
  replied_on: ColumnType<string | null, string | null | undefined, string | null>;
  reply_text: string | null;
  registered_by: string | null;
  created_at: Timestamp;
}

export interface LetterScansTable {
  letter_id: string;
  filename: string;
  mime: string;
  size: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface CallbacksTable {
  id: string;
  citizen_id: string | null;
  phone: string;
  topic: string;
  slot_start: Timestamp;
  status: string;
  cancel_token_hash: string;
  handled_by: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestsTable {
  id: string;
  number: string;
  citizen_id: string | null;
  eng: string | null;
  type: string;
  description: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_name: string | null;
  service: string | null;
  status: string;
  priority: Generated<number>;
  assignee_id: string | null;
  conversation_id: string | null;
  tracking_token_hash: string | null;
  first_response_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  status_changed_at: Timestamp;
  escalated_at: NullableTimestamp;
  reraised_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestEventsTable {
  id: string;
  request_id: string;
  kind: string;
  author_id: string | null;
  author_role: string | null;
  from_status: string | null;
  to_status: string | null;
  text: string | null;
  visible_to_citizen: boolean;
  created_at: Timestamp;
}

export interface RequestDocumentsTable {
  id: string;
  request_id: string;
  filename: string;
  mime: string;
  size: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface RequestSlaTable {
  type: string;
  first_response_days: number;
  resolution_days: number;
}

// service centres and the visit queue (migration 0012-centres)
export interface CentresTable {
  id: string;
  code: string | null;
  name: string;
  address: string;
  postcode: string;
  region: string;
  phone: string | null;
  latitude: number;
  longitude: number;
  schedule: Json;
  opens: Array<string | null>;
  closes: Array<string | null>;
  services: string[];
  sample: Generated<boolean>;
  lemma_terms: string[];
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CentreExceptionsTable {
  centre_id: string;
  day: ColumnType<string, string, string>;
  open: string | null;
  close: string | null;
  note: string | null;
}

export interface CentreSearchTable {
  centre_id: string;
  search_vector: string;
  name_vector: string;
}

export interface CentreTermsTable {
  term: string;
  df: number;
}

export interface CentreClerksTable {
  user_id: string;
  centre_id: string;
  updated_at: Timestamp;
}

export interface QueueCountersTable {
  centre_id: string;
  day: ColumnType<string, string, string>;
  prefix: string;
  last: number;
}

export interface QueueTicketsTable {
  id: string;
  seq: Generated<number>;
  centre_id: string;
  day: ColumnType<string, string, string>;
  number: string;
  service: string;
  status: string;
  source: string;
  citizen_id: string | null;
  desk: string | null;
  clerk_id: string | null;
  note: string | null;
  created_at: Timestamp;
  called_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  resolved_by: string | null;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  recovery_requests: RecoveryRequestsTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  events: EventsTable;
  kb_articles: KbArticlesTable;
  kb_search: KbSearchTable;
  kb_revisions: KbRevisionsTable;
  kb_terms: KbTermsTable;
  kb_synonyms: KbSynonymsTable;
  kb_votes: KbVotesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  chat_attachments: ChatAttachmentsTable;
  phone_lines: PhoneLinesTable;
  directory_settings: DirectorySettingsTable;
  schedule_notices: ScheduleNoticesTable;
  calendar_years: CalendarYearsTable;
  letters: LettersTable;
  letter_scans: LetterScansTable;
  callbacks: CallbacksTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_documents: RequestDocumentsTable;
  request_sla: RequestSlaTable;
  centres: CentresTable;
  centre_exceptions: CentreExceptionsTable;
  centre_search: CentreSearchTable;
  centre_terms: CentreTermsTable;
  centre_clerks: CentreClerksTable;
  queue_counters: QueueCountersTable;
  queue_tickets: QueueTicketsTable;
}
