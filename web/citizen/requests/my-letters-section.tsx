// «Письма» in «Мои обращения»: paper letters that give the citizen's ЕНГ, with the reply deadline,
// the reply once sent and the scan the mail clerk attached.
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../common/kb-format.ts';
import { letterScanUrl, listMyLetters } from '../../common/letters-api.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { EmptyState, ErrorAlert, Loading } from '../../common/ui.tsx';
import '../../common/letters.css';

export function MyLettersSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const letters = useApiData(listMyLetters, []);
  return (
    <section aria-labelledby="my-letters-title" className="my-letters" aria-busy={letters.loading}>
      <h2 id="my-letters-title">{t('letters.my.title')}</h2>
      <p>{t('letters.my.intro')}</p>
      {letters.loading && <Loading />}
      <ErrorAlert error={letters.error} />
      {letters.data && letters.data.items.length === 0 && !letters.loading && <EmptyState>{t('letters.my.empty')}</EmptyState>}
      {letters.data && letters.data.items.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="my-letters-caption" tabIndex={0}>
          <table className="table">
            <caption id="my-letters-caption" className="visually-hidden">
              {t('letters.my.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('letters.my.colTracking')}</th>
                <th scope="col">{t('letters.my.colReceived')}</th>
                <th scope="col">{t('letters.my.colDue')}</th>
                <th scope="col">{t('letters.my.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {letters.data.items.map((l) => (
                <tr key={l.id} data-testid="my-letter-row">
                  <th scope="row">
                    {l.trackingNumber}
                    {l.scan && (
                      <a className="link cell-note" href={letterScanUrl(l.id)} download={l.scan.filename} aria-label={t('letters.my.downloadScan', { tracking: l.trackingNumber })}>
                        {t('letters.my.scan')}
                      </a>
                    )}
                  </th>
                  <td className="nowrap">{formatDay(l.receivedOn, lang)}</td>
                  <td className="nowrap">{formatDay(l.replyDueOn, lang)}</td>
                  <td>
                    <span className={l.overdue ? 'status request-overdue' : 'status'}>{l.overdue ? t('letters.status.overdue') : t(`letters.status.${l.status}`)}</span>
                    {l.reply && (
                      <span className="cell-note">
                        {l.reply.kind === 'postal' ? t('letters.reply.postal', { tracking: l.reply.trackingNumber ?? '', day: formatDay(l.reply.repliedOn, lang) }) : t('letters.reply.email', { day: formatDay(l.reply.repliedOn, lang) })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
