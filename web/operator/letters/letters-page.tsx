// The mail clerk's page (/operator/letters): register an incoming letter with its scan, then the
// registry — waiting for a reply, overdue, due within 2 working days, answered — with the reply
// deadline, the scan and the reply (postal with its tracking number, or e-mail). The view is kept
// in the address.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toApiError } from '../../common/api.ts';
import { formatDay } from '../../common/kb-format.ts';
import { letterScanUrl, listLetters, uploadLetterScan, type Letter, type LetterView } from '../../common/letters-api.ts';
import { documentAccept } from '../../common/requests-api.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Loading, PageHeading, Pagination, SelectField, SuccessMessage, useDocumentTitle } from '../../common/ui.tsx';
import { useStaff } from '../shell.tsx';
import { RegisterLetterForm } from './register-letter-form.tsx';
import { ReplyDialog } from './reply-dialog.tsx';
import '../../common/requests/requests.css';
import '../../common/letters.css';

const pageSize = 20;
const views: readonly LetterView[] = ['open', 'overdue', 'due_soon', 'answered', 'all'];
const isView = (v: string | null): v is LetterView => (views as readonly string[]).includes(v ?? '');

export function LettersPage() {
  const { t } = useTranslation();
  const me = useStaff();
  const canWrite = me.role === 'mail_clerk' || me.role === 'admin';
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: LetterView = isView(viewParam) ? viewParam : 'open';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useApiData(() => listLetters({ view, limit: pageSize, offset }), [view, offset]);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useDocumentTitle(t('operatorLetters.title'), t('app.consoleTitleSuffix'));

  const go = (v: LetterView, o: number) => {
    const p = new URLSearchParams();
    if (v !== 'open') p.set('view', v);
    if (o) p.set('offset', String(o));
    setParams(p);
  };

  return (
    <>
      <PageHeading>{t('operatorLetters.title')}</PageHeading>
      <p>{t('operatorLetters.intro')}</p>
      {canWrite && <RegisterLetterForm onRegistered={list.reload} />}

      <section aria-labelledby="letters-title" className="letters-registry">
        <h2 id="letters-title">{t('operatorLetters.list.title')}</h2>
        <div className="filters">
          <SelectField<LetterView>
            id="letters-view"
            label={t('operatorLetters.list.view')}
            value={view}
            onChange={(v) => go(v || 'open', 0)}
            options={views.map((v) => ({ value: v, label: t(`operatorLetters.list.views.${v}`) }))}
          />
        </div>
        <div aria-live="polite">{notice && <SuccessMessage>{notice}</SuccessMessage>}</div>
        <ErrorAlert error={actionError} />
        <div aria-busy={list.loading}>
          {list.loading && <Loading />}
          <ErrorAlert error={list.error} />
          {list.data && list.data.items.length === 0 && !list.loading && <EmptyState>{t('operatorLetters.list.empty')}</EmptyState>}
          {list.data && list.data.items.length > 0 && (
            <>
              <div className="table-wrap" role="region" aria-labelledby="letters-caption" tabIndex={0}>
                <table className="table">
                  <caption id="letters-caption" className="visually-hidden">
                    {t('operatorLetters.list.caption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('operatorLetters.list.colTracking')}</th>
                      <th scope="col">{t('operatorLetters.list.colSender')}</th>
                      <th scope="col">{t('operatorLetters.list.colReceived')}</th>
                      <th scope="col">{t('operatorLetters.list.colDue')}</th>
                      <th scope="col">{t('operatorLetters.list.colStatus')}</th>
                      <th scope="col">{t('operatorLetters.list.colScan')}</th>
                      {canWrite && <th scope="col">{t('operatorLetters.list.colActions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((l) => (
                      <LetterRow
                        key={l.id}
                        letter={l}
                        canWrite={canWrite}
                        onDone={(text) => {
                          setActionError(null);
                          setNotice(text);
                          list.reload();
                        }}
                        onError={(text) => {
                          setNotice(null);
                          setActionError(text);
                        }}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination offset={offset} limit={pageSize} total={list.data.total} onChange={(o) => go(view, o)} />
            </>
          )}
        </div>
      </section>
    </>
  );
}

function LetterRow({ letter: l, canWrite, onDone, onError }: { letter: Letter; canWrite: boolean; onDone(text: string): void; onError(text: string): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);

  const deadline =
    l.status !== 'registered' || l.workingDaysLeft === null
      ? null
      : l.workingDaysLeft > 0
        ? t('operatorLetters.list.daysLeft', { count: l.workingDaysLeft })
        : l.workingDaysLeft === 0
          ? t('operatorLetters.list.dueToday')
          : t('operatorLetters.list.daysOver', { count: -l.workingDaysLeft });

  const attach = async (file: File) => {
    setUploading(true);
    try {
      await uploadLetterScan(l.id, file);
      onDone(t('operatorLetters.list.scanUploaded', { tracking: l.trackingNumber }));
    } catch (err) {
      onError(toApiError(err).message);
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <tr data-testid="letter-row">
      <th scope="row" className="nowrap">
        {l.trackingNumber}
      </th>
      <td>
        {l.senderName}
        {(l.eng || l.accountNumber) && <span className="cell-note">{[l.eng, l.accountNumber].filter(Boolean).join(' · ')}</span>}
        {l.summary && <span className="cell-note cell-break">{l.summary.length > 80 ? `${l.summary.slice(0, 80)}…` : l.summary}</span>}
      </td>
      <td className="nowrap">{formatDay(l.receivedOn, lang)}</td>
      <td>
        <span className="nowrap">{formatDay(l.replyDueOn, lang)}</span>
        {deadline && <span className={l.overdue ? 'cell-note letter-overdue' : 'cell-note'}>{deadline}</span>}
      </td>
      <td>
        {l.overdue ? (
          <span className="status request-overdue" data-testid="letter-overdue">
            {t('letters.status.overdue')}
          </span>
        ) : (
          <span className="status">{t(`letters.status.${l.status}`)}</span>
        )}
        {l.reply && (
          <span className="cell-note" data-testid="letter-reply">
            {l.reply.kind === 'postal' ? t('letters.reply.postal', { tracking: l.reply.trackingNumber ?? '', day: formatDay(l.reply.repliedOn, lang) }) : t('letters.reply.email', { day: formatDay(l.reply.repliedOn, lang) })}
          </span>
        )}
      </td>
      <td>
        {l.scan ? (
          <a className="link" href={letterScanUrl(l.id)} download={l.scan.filename} aria-label={t('operatorLetters.list.downloadScan', { tracking: l.trackingNumber })} data-testid="letter-scan">
            {l.scan.filename}
          </a>
        ) : (
          <span className="cell-note">{t('operatorLetters.list.noScan')}</span>
        )}
        {canWrite && (
          <>
            <input
              ref={input}
              type="file"
              accept={documentAccept}
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void attach(file);
              }}
            />
            <Button variant="quiet" className="row-action" isPending={uploading} aria-label={t('operatorLetters.list.attachScan', { tracking: l.trackingNumber })} onPress={() => input.current?.click()}>
              {t('operatorLetters.list.attach')}
            </Button>
          </>
        )}
      </td>
      {canWrite && (
        <td>{l.status === 'registered' && <ReplyDialog letter={l} onSaved={(saved) => onDone(t('operatorLetters.reply.saved', { tracking: saved.trackingNumber }))} />}</td>
      )}
    </tr>
  );
}
