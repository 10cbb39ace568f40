// Pieces of a request shown in both apps: the status badge, the timeline (status changes with
// their reasons, replies, documents; internal notes only where the server sends them — to staff),
// the documents list with download links, and the file picker's client-side checks.
import { useTranslation } from 'react-i18next';
import type { RequestDocument, RequestEvent, RequestStatus } from '../requests-api.ts';
import { MAX_DOCUMENT_BYTES, documentUrl } from '../requests-api.ts';
import { formatMoscow } from '../format.ts';
import { i18n } from '../i18n.ts';
import { EmptyState, refreshShownError } from '../ui.tsx';
import './requests.css';

const statuses = ['accepted', 'in_progress', 'awaiting_documents', 'completed', 'rejected'] as const;
export const isStatus = (s: string | null | undefined): s is RequestStatus => (statuses as readonly string[]).includes(s ?? '');

export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status request-status request-status-${status}`} data-testid="request-status">
      {t(`requests.statuses.${status}`)}
    </span>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return <span className="status request-overdue">{t('requests.overdue')}</span>;
}

function StatusName({ code }: { code: string | null }) {
  const { t } = useTranslation();
  return <>{isStatus(code) ? t(`requests.statuses.${code}`) : (code ?? '—')}</>;
}

function EventTitle({ e }: { e: RequestEvent }) {
  const { t } = useTranslation();
  switch (e.kind) {
    case 'status':
      return (
        <>
          {t('requests.events.status')} <StatusName code={e.fromStatus} /> → <strong><StatusName code={e.toStatus} /></strong>
        </>
      );
    case 'note':
      return <>{e.internal ? t('requests.events.internalNote') : t('requests.events.note')}</>;
    default:
      return <>{t(`requests.events.${e.kind}`)}</>;
  }
}

function eventText(e: RequestEvent): string | null {
  if (!e.text) return null;
  if (e.kind === 'status' && (e.toStatus === 'rejected' || e.toStatus === 'awaiting_documents')) return i18n.t('requests.events.reason', { text: e.text });
  return e.text;
}

/** `staff`: authors by role, internal notes marked; the citizen's view never has internal notes. */
export function Timeline({ events, staff = false }: { events: readonly RequestEvent[]; staff?: boolean }) {
  const { t, i18n: i } = useTranslation();
  const lang = i.language === 'en' ? 'en' : 'ru';
  if (events.length === 0) return <EmptyState>{t('requests.events.empty')}</EmptyState>;
  const author = (e: RequestEvent) => {
    if (!e.authorRole) return t('requests.events.system');
    if (e.authorRole === 'citizen') return e.author ?? t('requests.events.citizen');
    if (staff) return t(`roles.${e.authorRole as 'operator'}`, { defaultValue: e.authorRole });
    return e.author ?? t('requests.events.support');
  };
  return (
    <ol className="request-timeline">
      {events.map((e) => {
        const text = eventText(e);
        return (
          <li key={e.id} className={`request-event request-event-${e.kind}${e.internal ? ' request-event-internal' : ''}`} data-testid="request-event" data-kind={e.kind} data-internal={e.internal ? 'true' : undefined}>
            <p className="request-event-head">
              <span className="request-event-title">
                <EventTitle e={e} />
              </span>
              {e.internal && <span className="badge request-internal-badge">{t('requests.events.internalBadge')}</span>}
            </p>
            <p className="request-event-meta">
              <time dateTime={e.at}>{formatMoscow(e.at, lang)}</time> · {author(e)}
            </p>
            {text && <p className="request-event-text">{text}</p>}
          </li>
        );
      })}
    </ol>
  );
}

export function formatSize(bytes: number, lang: 'ru' | 'en'): string {
  const dict = { ru: ['Б', 'КБ', 'МБ'], en: ['B', 'KB', 'MB'] }[lang];
  if (bytes < 1024) return `${bytes} ${dict[0]}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} ${dict[1]}`;
  return `${(bytes / 1024 / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} ${dict[2]}`;
}

/** Download links; `number` null (a tracking-link view): names only, downloads need the account. */
export function DocumentList({ number, documents }: { number: string | null; documents: readonly RequestDocument[] }) {
  const { t, i18n: i } = useTranslation();
  const lang = i.language === 'en' ? 'en' : 'ru';
  if (documents.length === 0) return <EmptyState>{t('requests.documents.empty')}</EmptyState>;
  return (
    <ul className="request-documents">
      {documents.map((d) => (
        <li key={d.id} data-testid="request-document">
          {number ? (
            <a className="link" href={documentUrl(number, d.id)} download={d.filename} aria-label={t('requests.documents.download', { name: d.filename })}>
              {d.filename}
            </a>
          ) : (
            <span>{d.filename}</span>
          )}
          <span className="cell-note">
            {formatSize(d.size, lang)} · {formatMoscow(d.createdAt, lang)}
          </span>
        </li>
      ))}
    </ul>
  );
}

const allowedTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** What is wrong with a chosen file before it is sent (the server checks the content again), or null. */
export function fileProblem(file: File): string | null {
  if (file.size > MAX_DOCUMENT_BYTES) return i18n.t('requests.documents.tooLarge', { name: file.name });
  if (file.type && !allowedTypes.has(file.type)) return i18n.t('requests.documents.wrongType', { name: file.name });
  return null;
}

/** The UI kit's re-check of a shown error on each keystroke (ui.tsx), for the forms that lay out their own text areas. */
export const refreshTextAreaError = refreshShownError;
