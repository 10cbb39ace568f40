// A citizen's request (/account/requests/:number): the status, the deadline, the timeline with
// status changes and their reasons and the support's replies (never internal notes — the server
// does not send them), «Добавить документ», the documents with download links, «Скачать протокол»
// (PDF) and «Повторный запрос» when the deadline passed and the server offers it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { protocolUrl, reraiseRequest, uploadDocument, type RequestDetail, type RequestDocument } from '../../common/requests-api.ts';
import { DocumentList, OverdueBadge, StatusBadge, Timeline } from '../../common/requests/request-parts.tsx';
import { useSession } from '../../common/session.tsx';
import { useLiveRequest } from '../../common/requests/use-live-request.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, Details, ErrorAlert, Link, Loading, PageHeading, SuccessMessage, useDocumentTitle } from '../../common/ui.tsx';
import { AddDocument } from './add-document.tsx';
import '../../common/requests/requests.css';

export function RequestPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();
  const { state } = useSession();
  useDocumentTitle(t('requests.detail.title', { number }), t('app.titleSuffix'));
  if (state.status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(`/account/requests/${number}`)}`} replace />;
  return (
    <>
      <p>
        <Link href="/account/requests">{`← ${t('requests.detail.back')}`}</Link>
      </p>
      <PageHeading>{t('requests.detail.title', { number })}</PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorAlert error={state.error} />}
      {state.status === 'signed-in' && <Request key={number} number={number} />}
    </>
  );
}

function Request({ number }: { number: string }) {
  const data = useLiveRequest(number);
  if (data.loading) return <Loading />;
  if (!data.data) return <ErrorAlert error={data.error} />;
  return <RequestView r={data.data} reload={data.reload} />;
}

export function RequestSummary({ r }: { r: RequestDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const taxonomy = useTaxonomy();
  return (
    <Details
      items={[
        {
          label: t('requests.detail.status'),
          value: (
            <>
              <StatusBadge status={r.status} />
              {r.overdue && <OverdueBadge />}
            </>
          ),
          testId: 'request-status-row',
        },
        { label: t('requests.detail.type'), value: t(`requests.types.${r.type}`) },
        { label: t('requests.detail.createdAt'), value: formatMoscow(r.createdAt, lang) },
        { label: t('requests.detail.dueAt'), value: r.dueAt ? formatMoscow(r.dueAt, lang) : t('requests.detail.noDue'), testId: 'request-due' },
        ...(r.eng ? [{ label: t('requests.detail.eng'), value: r.eng }] : []),
        ...(r.service ? [{ label: t('requests.detail.service'), value: taxonomy.service(r.service) }] : []),
      ]}
    />
  );
}

function RequestView({ r, reload }: { r: RequestDetail; reload(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reraising, setReraising] = useState(false);
  const open = r.status !== 'completed' && r.status !== 'rejected';
  const asked = r.status === 'awaiting_documents' ? [...r.events].reverse().find((e) => e.kind === 'status' && e.toStatus === 'awaiting_documents') : undefined;

  const reraise = async () => {
    setReraising(true);
    setError(null);
    setNotice(null);
    try {
      await reraiseRequest(r.number);
      setNotice(t('requests.detail.reraised'));
      reload();
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setError(e);
    } finally {
      setReraising(false);
    }
  };

  return (
    <div className="request-layout">
      <div>
        <section className="card" aria-labelledby="request-about">
          <h2 id="request-about">{t('requests.detail.about')}</h2>
          <RequestSummary r={r} />
          <h3>{t('requests.detail.description')}</h3>
          <p className="request-description">{r.description}</p>
        </section>
        {r.escalated && open && (
          <div className="notice" role="note">
            <p className="notice-title">{t('requests.detail.escalated')}</p>
            {r.canReraise && <p>{t('requests.detail.reraiseHint')}</p>}
            {r.canReraise && (
              <Button isPending={reraising} onPress={() => void reraise()}>
                {t('requests.detail.reraise')}
              </Button>
            )}
          </div>
        )}
        {notice && <SuccessMessage>{notice}</SuccessMessage>}
        <ErrorAlert error={error} />
        <section aria-labelledby="request-timeline">
          <h2 id="request-timeline">{t('requests.detail.timeline')}</h2>
          <Timeline events={r.events} />
        </section>
      </div>
      <aside>
        <section className="card" aria-labelledby="request-documents">
          <h2 id="request-documents">{t('requests.documents.title')}</h2>
          {asked?.text && (
            <p className="notice" role="note">
              {t('requests.documents.asked', { reason: asked.text })}
            </p>
          )}
          <DocumentList number={r.number} documents={r.documents} />
          {open ? (
            <AddDocument upload={(file: File): Promise<RequestDocument> => uploadDocument(r.number, file)} onAdded={reload} />
          ) : (
            <p className="note">{t('requests.documents.closed')}</p>
          )}
        </section>
        <section className="card" aria-labelledby="request-protocol">
          <h2 id="request-protocol">{t('requests.detail.protocolTitle')}</h2>
          <p>{t('requests.detail.protocolHint')}</p>
          <a className="btn btn-secondary" href={protocolUrl(r.number)} download={`protocol-${r.number}.pdf`}>
            {t('requests.detail.protocol')}
          </a>
        </section>
      </aside>
    </div>
  );
}
