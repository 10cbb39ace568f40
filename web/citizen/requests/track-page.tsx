// A request opened by the private link from the e-mail (/requests/track/:token), for a visitor who
// sent the public form without an account: the status, the deadline, the timeline, and
// «Добавить документ» (e.g. when the support asked for documents), updated live as the support
// works on it. Downloads need an account.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { uploadTrackedDocument } from '../../common/requests-api.ts';
import { DocumentList, Timeline } from '../../common/requests/request-parts.tsx';
import { useLiveRequest } from '../../common/requests/use-live-request.ts';
import { ErrorAlert, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { AddDocument } from './add-document.tsx';
import { RequestSummary } from './request-page.tsx';
import '../../common/requests/requests.css';

export function TrackRequestPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const data = useLiveRequest(token, { tracking: true });
  const r = data.data;
  const title = r ? t('requests.detail.title', { number: r.number }) : t('requests.track.title');
  useDocumentTitle(title, t('app.titleSuffix'));
  const open = r && r.status !== 'completed' && r.status !== 'rejected';
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="note">{t('requests.track.intro')}</p>
      {data.loading && !r && <Loading />}
      {!r && data.error && <ErrorAlert error={data.error.status === 404 ? t('requests.track.notFound') : data.error} />}
      {r && (
        <div className="request-layout">
          <div>
            <section className="card" aria-labelledby="track-about">
              <h2 id="track-about">{t('requests.detail.about')}</h2>
              <RequestSummary r={r} />
              <h3>{t('requests.detail.description')}</h3>
              <p className="request-description">{r.description}</p>
            </section>
            <section aria-labelledby="track-timeline">
              <h2 id="track-timeline">{t('requests.detail.timeline')}</h2>
              <Timeline events={r.events} />
            </section>
          </div>
          <aside className="card" aria-labelledby="track-documents">
            <h2 id="track-documents">{t('requests.documents.title')}</h2>
            <DocumentList number={null} documents={r.documents} />
            {open ? <AddDocument upload={(file) => uploadTrackedDocument(token, file)} onAdded={data.reload} /> : <p className="note">{t('requests.documents.closed')}</p>}
          </aside>
        </div>
      )}
    </>
  );
}
