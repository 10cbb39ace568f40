// Find a citizen by the personal support number. The server checks the number (check digit)
// and logs the read of personal data.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findCitizenByEng, toApiError, type ApiError, type StaffUser } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { useSession } from '../../common/session.tsx';
import { Button, Details, ErrorAlert, Form, PageHeading, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';

export function CitizensPage() {
  const { t, i18n } = useTranslation();
  const { expire } = useSession();
  const [eng, setEng] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [found, setFound] = useState<StaffUser | null>(null);
  useDocumentTitle(t('console.citizens.title'), t('app.consoleTitleSuffix'));
  const lang = i18n.language === 'en' ? 'en' : 'ru';

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFound(null);
    try {
      setFound(await findCitizenByEng(eng.trim()));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <PageHeading>{t('console.citizens.title')}</PageHeading>
      <Form onSubmit={onSubmit} className="inline-form">
        <TextField
          name="eng"
          label={t('console.citizens.eng')}
          description={t('console.citizens.engHint')}
          autoComplete="off"
          spellCheck="false"
          isRequired
          value={eng}
          onChange={setEng}
          validate={required}
          inputClassName="input-eng"
        />
        <Button type="submit" isPending={pending}>
          {t('console.citizens.submit')}
        </Button>
      </Form>
      <div aria-busy={pending}>
        <ErrorAlert error={error} />
        {found && (
          <section className="card" aria-labelledby="citizen-title">
            <h2 id="citizen-title">{t('console.citizens.result')}</h2>
            <Details
              items={[
                { label: t('account.engLabel'), value: found.eng ?? '—', testId: 'found-eng' },
                { label: t('console.citizens.name'), value: found.name },
                { label: t('console.citizens.email'), value: found.email ?? t('common.notSet') },
                { label: t('console.citizens.phone'), value: found.phone ?? t('common.notSet') },
                { label: t('console.citizens.createdAt'), value: formatMoscow(found.createdAt, lang) },
                { label: t('console.citizens.status'), value: found.disabled ? t('console.citizens.disabled') : t('console.citizens.active') },
              ]}
            />
            <p className="note">{t('console.citizens.auditNote')}</p>
          </section>
        )}
      </div>
    </>
  );
}
