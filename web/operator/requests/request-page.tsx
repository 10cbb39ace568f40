// A request in the console (/operator/requests/:number): the citizen as the API gives it (the read
// is audit-logged by the server) with a link to their other requests, the whole timeline including
// internal notes, a reply to the citizen or an internal note (with answer templates), the status
// changes allowed from here (a reason in a dialog for «Запросить документы» and «Отказать»),
// «Назначить на меня», and the documents.
import { useRef, useState, type FormEvent } from 'react';
import { Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { allowedTransitions } from '../../../shared/contracts/requests.ts';
import { toApiError, type ApiError } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { addRequestReply, assignRequest, changeRequestStatus, type RequestDetail, type RequestStatus } from '../../common/requests-api.ts';
import { DocumentList, OverdueBadge, StatusBadge, Timeline } from '../../common/requests/request-parts.tsx';
import { useSession } from '../../common/session.tsx';
import { useLiveRequest } from '../../common/requests/use-live-request.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, Details, ErrorAlert, Link, Loading, PageHeading, SuccessMessage, useDocumentTitle } from '../../common/ui.tsx';
import { TemplateDialog } from '../chat/template-dialog.tsx';
import { HistorySection } from '../chat/history-section.tsx';
import { useStaff } from '../shell.tsx';
import { useOperators } from './queue-page.tsx';
import { ReasonDialog } from './reason-dialog.tsx';
import '../../common/requests/requests.css';

const MAX_TEXT = 10_000;

export function StaffRequestPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('operatorRequests.request.title', { number }), t('app.consoleTitleSuffix'));
  const data = useLiveRequest(number);
  return (
    <>
      <p>
        <Link href="/requests">{`← ${t('operatorRequests.request.back')}`}</Link>
      </p>
      <PageHeading>{t('operatorRequests.request.title', { number })}</PageHeading>
      {data.loading && <Loading />}
      {!data.data && <ErrorAlert error={data.error} />}
      {data.data && <RequestView key={number} r={data.data} reload={data.reload} />}
    </>
  );
}

function RequestView({ r, reload }: { r: RequestDetail; reload(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const me = useStaff();
  const { expire } = useSession();
  const taxonomy = useTaxonomy();
  const operators = useOperators();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, action: () => Promise<void>, done: string) => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      reload();
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const statusDone = (s: RequestStatus) => t('operatorRequests.request.changed', { status: t(`requests.statuses.${s}`) });
  /** for the dialogs: the error stays in the dialog, the notice goes to the page */
  const changeWithReason = async (s: RequestStatus, reason: string) => {
    await changeRequestStatus(r.number, s, reason);
    setError(null);
    setNotice(statusDone(s));
    reload();
  };

  const targets = allowedTransitions[r.status];
  const assignee = r.assigneeId ? (r.assigneeId === me.id ? t('operatorRequests.me') : (operators.find((o) => o.id === r.assigneeId)?.name ?? t('operatorRequests.assigned'))) : t('operatorRequests.unassigned');

  return (
    <div className="request-layout">
      <div>
        <div className="request-actions" role="group" aria-label={t('operatorRequests.request.actions')}>
          {targets.map((s) =>
            s === 'awaiting_documents' || s === 'rejected' ? (
              <ReasonDialog key={s} status={s} onConfirm={(reason) => changeWithReason(s, reason)} />
            ) : (
              <Button key={s} isPending={busy === s} onPress={() => void run(s, () => changeRequestStatus(r.number, s), statusDone(s))}>
                {s === 'in_progress' && r.status === 'awaiting_documents' ? t('operatorRequests.request.to.back_to_work') : t(`operatorRequests.request.to.${s}`)}
              </Button>
            ),
          )}
          {r.assigneeId !== me.id && (
            <Button variant="secondary" isPending={busy === 'assign'} onPress={() => void run('assign', () => assignRequest(r.number, me.id), t('operatorRequests.request.assignedMe'))}>
              {t('operatorRequests.request.assignMe')}
            </Button>
          )}
        </div>
        {targets.length === 0 && <p className="note">{t('operatorRequests.request.closedNote')}</p>}
        {notice && <SuccessMessage>{notice}</SuccessMessage>}
        <ErrorAlert error={error} />

        <section className="card" aria-labelledby="staff-request-about">
          <h2 id="staff-request-about">{t('operatorRequests.request.about')}</h2>
          <Details
            items={[
              {
                label: t('requests.detail.status'),
                value: (
                  <>
                    <StatusBadge status={r.status} />
                    {r.overdue && <OverdueBadge />}
                    {r.escalated && <span className="badge">{t('operatorRequests.escalatedFlag')}</span>}
                  </>
                ),
                testId: 'staff-request-status',
              },
              { label: t('requests.detail.type'), value: t(`requests.types.${r.type}`) },
              { label: t('requests.detail.service'), value: r.service ? taxonomy.service(r.service) : '—' },
              { label: t('requests.detail.createdAt'), value: formatMoscow(r.createdAt, lang) },
              { label: t('operatorRequests.request.firstResponseDue'), value: formatMoscow(r.firstResponseDueAt, lang) },
              { label: t('requests.detail.dueAt'), value: formatMoscow(r.dueAt, lang) },
              { label: t('operatorRequests.request.priority'), value: String(r.priority) },
              { label: t('operatorRequests.colAssignee'), value: assignee, testId: 'staff-request-assignee' },
            ]}
          />
          <h3>{t('requests.detail.description')}</h3>
          <p className="request-description">{r.description}</p>
        </section>

        <section aria-labelledby="staff-request-timeline">
          <h2 id="staff-request-timeline">{t('requests.detail.timeline')}</h2>
          <Timeline events={r.events} staff />
        </section>

        <ReplyForm r={r} onSent={(text) => {
          setNotice(text);
          reload();
        }} />

        {r.eng && <HistorySection source={{ eng: r.eng }} version={0} myName={me.name} citizenName={r.contact.name} />}
      </div>

      <aside>
        <section className="card" aria-labelledby="staff-request-citizen">
          <h2 id="staff-request-citizen">{t('operatorRequests.request.citizen')}</h2>
          <Details
            items={[
              { label: t('operatorRequests.request.name'), value: r.contact.name ?? '—', testId: 'staff-request-name' },
              { label: t('operatorRequests.request.eng'), value: r.eng ?? t('operatorRequests.noAccount'), testId: 'staff-request-eng' },
              { label: t('operatorRequests.request.email'), value: r.contact.email ?? '—' },
              { label: t('operatorRequests.request.phone'), value: r.contact.phone ?? '—' },
            ]}
          />
          <p className="note">{t('operatorRequests.request.auditNote')}</p>
          {r.eng && (
            <p>
              <Link href={`/requests?eng=${encodeURIComponent(r.eng)}`}>{t('operatorRequests.request.otherRequests')}</Link>
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="staff-request-documents">
          <h2 id="staff-request-documents">{t('requests.documents.title')}</h2>
          <DocumentList number={r.number} documents={r.documents} />
        </section>
      </aside>
    </div>
  );
}

function ReplyForm({ r, onSent }: { r: RequestDetail; onSent(notice: string): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<'reply' | 'note' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const send = async (internal: boolean) => {
    const text = draft.trim();
    if (!text) {
      input.current?.focus();
      return;
    }
    setPending(internal ? 'note' : 'reply');
    setError(null);
    try {
      await addRequestReply(r.number, text.slice(0, MAX_TEXT), internal);
      setDraft('');
      setTemplateNote(null);
      onSent(internal ? t('operatorRequests.request.noted') : t('operatorRequests.request.replied'));
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setError(e);
    } finally {
      setPending(null);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };

  return (
    <section className="card" aria-labelledby="staff-request-reply">
      <h2 id="staff-request-reply">{t('operatorRequests.request.replyTitle')}</h2>
      <ErrorAlert error={error} />
      <form className="form" onSubmit={onSubmit}>
        <AriaTextField className="field textarea-field" value={draft} onChange={setDraft} maxLength={MAX_TEXT}>
          <Label className="field-label">{t('operatorRequests.request.reply')}</Label>
          <Text slot="description" className="field-description">
            {t('operatorRequests.request.replyHint')}
          </Text>
          <TextArea ref={input} className="field-input" rows={5} />
        </AriaTextField>
        {templateNote && (
          <p className="note" role="status">
            {templateNote}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" isPending={pending === 'reply'} isDisabled={!draft.trim()}>
            {t('operatorRequests.request.send')}
          </Button>
          <Button variant="secondary" isPending={pending === 'note'} isDisabled={!draft.trim()} onPress={() => void send(true)}>
            {t('operatorRequests.request.note')}
          </Button>
          <TemplateDialog
            citizenName={r.contact.name}
            eng={r.eng}
            onInsert={(tpl) => {
              setDraft((d) => (d.trim() ? `${d.trimEnd()}\n\n${tpl.text}` : tpl.text));
              const parts = [t('operatorChat.conversation.templateInserted', { title: tpl.title })];
              if (tpl.missing.length > 0) parts.push(t('operatorChat.conversation.templateMissing', { list: tpl.missing.join(', ') }));
              setTemplateNote(parts.join(' '));
              window.requestAnimationFrame(() => input.current?.focus());
            }}
          />
        </div>
      </form>
    </section>
  );
}
