// «Сроки обработки» (/operator/requests/settings): the first-response and resolution deadlines per
// request type, in working days of the official calendar. Supervisors and admins change them (for
// new requests only); operators read them. Each number is checked here and by the server.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { fetchSla, saveSla, type Sla } from '../../common/requests-api.ts';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, ErrorAlert, Form, Link, Loading, PageHeading, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { useStaff } from '../shell.tsx';
import '../../common/requests/requests.css';

const LIMITS = { firstResponseDays: { min: 1, max: 60 }, resolutionDays: { min: 1, max: 120 } } as const;
type Field = keyof typeof LIMITS;

export function SlaPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('operatorRequests.sla.title'), t('app.consoleTitleSuffix'));
  const sla = useApiData(() => fetchSla(), []);
  // on the page, not in the form: the form is made anew from the saved deadlines read back
  const [saved, setSaved] = useState(false);
  return (
    <>
      <p>
        <Link href="/requests">{`← ${t('operatorRequests.request.back')}`}</Link>
      </p>
      <PageHeading>{t('operatorRequests.sla.title')}</PageHeading>
      <p>{t('operatorRequests.sla.intro')}</p>
      <div aria-live="polite">{saved && <SuccessMessage>{t('operatorRequests.sla.saved')}</SuccessMessage>}</div>
      <div aria-busy={sla.loading}>
        {sla.loading && !sla.data && <Loading />}
        <ErrorAlert error={sla.error} />
        {sla.data && (
          <SlaForm
            key={JSON.stringify(sla.data)}
            sla={sla.data}
            onSubmit={() => setSaved(false)}
            onSaved={() => {
              setSaved(true);
              sla.reload();
            }}
          />
        )}
      </div>
    </>
  );
}

function SlaForm({ sla, onSubmit, onSaved }: { sla: Sla; onSubmit(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const me = useStaff();
  const canEdit = me.role === 'supervisor' || me.role === 'admin';
  const [values, setValues] = useState(() => sla.items.map((i) => ({ type: i.type, firstResponseDays: String(i.firstResponseDays), resolutionDays: String(i.resolutionDays) })));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const set = (i: number, field: Field, v: string) => setValues((old) => old.map((row, n) => (n === i ? { ...row, [field]: v } : row)));
  const problem = (field: Field, v: string) => {
    const n = Number(v.trim());
    return /^\d+$/.test(v.trim()) && n >= LIMITS[field].min && n <= LIMITS[field].max ? null : t('operatorRequests.sla.wholeNumber', LIMITS[field]);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit();
    setError(null);
    setFieldErrors({});
    setPending(true);
    try {
      await saveSla({ items: values.map((v) => ({ type: v.type, firstResponseDays: Number(v.firstResponseDays.trim()), resolutionDays: Number(v.resolutionDays.trim()) })) });
      onSaved();
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  return (
    <Form onSubmit={submit} validationErrors={fieldErrors} aria-label={t('operatorRequests.sla.title')}>
      <ErrorAlert error={error} />
      {!canEdit && <p>{t('operatorRequests.sla.readOnly')}</p>}
      <div className="table-wrap" role="region" aria-labelledby="sla-caption" tabIndex={0}>
        <table className="table">
          <caption id="sla-caption">{t('operatorRequests.sla.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('operatorRequests.sla.colType')}</th>
              <th scope="col">{t('operatorRequests.sla.firstResponse')}</th>
              <th scope="col">{t('operatorRequests.sla.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, i) => {
              const type = t(`requests.types.${v.type}`);
              return (
                <tr key={v.type} data-testid={`sla-row-${v.type}`}>
                  <th scope="row">{type}</th>
                  {(['firstResponseDays', 'resolutionDays'] as const).map((field) => (
                    <td key={field}>
                      <TextField
                        name={`items.${i}.${field}`}
                        label={t(field === 'firstResponseDays' ? 'operatorRequests.sla.firstResponseFor' : 'operatorRequests.sla.resolutionFor', { type })}
                        className="sla-field"
                        inputMode="numeric"
                        maxLength={3}
                        value={v[field]}
                        onChange={(x) => set(i, field, x)}
                        validate={(x) => problem(field, x)}
                        isReadOnly={!canEdit}
                        autoComplete="off"
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('operatorRequests.sla.save')}
          </Button>
        </div>
      )}
    </Form>
  );
}
