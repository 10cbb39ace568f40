// The operators' call-backs (/operator/callbacks): the calls due (late ones first), marked done or
// missed, or moved to another free slot within the hotline hours. The list read is audit-logged
// by the server (it shows phone numbers).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { useSearchParams } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { callbackSlots, listDueCallbacks, moscowDay, updateCallback, type Callback, type Slot } from '../../common/letters-api.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Form, Loading, PageHeading, SelectField, SuccessMessage, useDocumentTitle } from '../../common/ui.tsx';
import '../../common/letters.css';

const windows = ['60', '1440', '10080'] as const;
type Window = (typeof windows)[number];
const isWindow = (v: string | null): v is Window => (windows as readonly string[]).includes(v ?? '');

export function CallbacksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const withinParam = params.get('within');
  const within: Window = isWindow(withinParam) ? withinParam : '1440';
  const list = useApiData(() => listDueCallbacks(Number(within)), [within]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useDocumentTitle(t('operatorCallbacks.title'), t('app.consoleTitleSuffix'));

  const done = (text: string) => {
    setError(null);
    setNotice(text);
    list.reload();
  };

  return (
    <>
      <PageHeading>{t('operatorCallbacks.title')}</PageHeading>
      <p>{t('operatorCallbacks.intro')}</p>
      <div className="filters">
        <SelectField<Window>
          id="callbacks-within"
          label={t('operatorCallbacks.within')}
          value={within}
          onChange={(v) => setParams(v && v !== '1440' ? { within: v } : {})}
          options={windows.map((w) => ({ value: w, label: t(`operatorCallbacks.withinOptions.${w}`) }))}
        />
      </div>
      <div aria-live="polite">{notice && <SuccessMessage>{notice}</SuccessMessage>}</div>
      <ErrorAlert error={error} />
      <div aria-busy={list.loading}>
        {list.loading && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 && !list.loading && <EmptyState>{t('operatorCallbacks.empty')}</EmptyState>}
        {list.data && list.data.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="callbacks-caption" tabIndex={0}>
            <table className="table">
              <caption id="callbacks-caption" className="visually-hidden">
                {t('operatorCallbacks.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('operatorCallbacks.colWhen')}</th>
                  <th scope="col">{t('operatorCallbacks.colPhone')}</th>
                  <th scope="col">{t('operatorCallbacks.colTopic')}</th>
                  <th scope="col">{t('operatorCallbacks.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((c) => (
                  <CallbackRow key={c.id} callback={c} onDone={done} onError={(e) => setError(e)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}

function CallbackRow({ callback: c, onDone, onError }: { callback: Callback; onDone(text: string): void; onError(e: ApiError): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const [pending, setPending] = useState<'done' | 'missed' | null>(null);
  const late = new Date(c.slotStart).getTime() < Date.now();

  const mark = async (status: 'done' | 'missed') => {
    setPending(status);
    try {
      await updateCallback(c.id, { status });
      onDone(t(status === 'done' ? 'operatorCallbacks.markedDone' : 'operatorCallbacks.markedMissed', { phone: c.phone }));
    } catch (err) {
      onError(toApiError(err));
      setPending(null);
    }
  };

  return (
    <tr data-testid="callback-row">
      <th scope="row">
        <span className="nowrap">{formatMoscow(c.slotStart, lang)}</span>
        {late && <span className="cell-note letter-overdue">{t('operatorCallbacks.late')}</span>}
      </th>
      <td className="nowrap">
        <a className="link" href={`tel:${c.phone}`}>
          {c.phone}
        </a>
      </td>
      <td className="cell-break">
        {c.topic}
        {c.note && <span className="cell-note">{c.note}</span>}
      </td>
      <td>
        <div className="callback-actions">
          <Button variant="primary" isPending={pending === 'done'} aria-label={t('operatorCallbacks.doneFor', { phone: c.phone })} onPress={() => void mark('done')}>
            {t('operatorCallbacks.done')}
          </Button>
          <Button variant="secondary" isPending={pending === 'missed'} aria-label={t('operatorCallbacks.missedFor', { phone: c.phone })} onPress={() => void mark('missed')}>
            {t('operatorCallbacks.missed')}
          </Button>
          <RescheduleDialog callback={c} onDone={onDone} />
        </div>
      </td>
    </tr>
  );
}

function RescheduleDialog({ callback, onDone }: { callback: Callback; onDone(text: string): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      trigger={
        <Button variant="quiet" aria-label={t('operatorCallbacks.rescheduleFor', { phone: callback.phone })}>
          {t('operatorCallbacks.reschedule')}
        </Button>
      }
      title={t('operatorCallbacks.rescheduleTitle', { phone: callback.phone })}
    >
      {(close) => (
        <RescheduleForm
          callback={callback}
          onCancel={close}
          onDone={(text) => {
            close();
            onDone(text);
          }}
        />
      )}
    </ModalDialog>
  );
}

function RescheduleForm({ callback, onCancel, onDone }: { callback: Callback; onCancel(): void; onDone(text: string): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const id = useId();
  const [day, setDay] = useState(() => moscowDay(new Date()));
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotsError, setSlotsError] = useState<ApiError | null>(null);
  const [slot, setSlot] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    setSlots(null);
    setSlot('');
    setSlotsError(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    callbackSlots(day).then(
      (items) => current && setSlots(items.filter((s) => s.free > 0)),
      (err: unknown) => current && setSlotsError(toApiError(err)),
    );
    return () => {
      current = false;
    };
  }, [day]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!slot) return;
    setPending(true);
    setError(null);
    try {
      const saved = await updateCallback(callback.id, { status: 'scheduled', slotStart: slot });
      onDone(t('operatorCallbacks.rescheduled', { phone: callback.phone, when: formatMoscow(saved.slotStart, lang) }));
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  return (
    <Form onSubmit={submit}>
      <ErrorAlert error={error} />
      <div className="field">
        <label htmlFor={`${id}-day`} className="field-label">
          {t('operatorCallbacks.day')}
        </label>
        <input id={`${id}-day`} type="date" className="field-input" value={day} min={moscowDay(new Date())} onChange={(e) => setDay(e.target.value)} />
      </div>
      {slots === null && !slotsError && <Loading />}
      <ErrorAlert error={slotsError} />
      {slots && slots.length === 0 && <p>{t('operatorCallbacks.noSlots')}</p>}
      {slots && slots.length > 0 && (
        <SelectField
          id={`${id}-slot`}
          label={t('operatorCallbacks.slot')}
          value={slot}
          onChange={setSlot}
          options={[{ value: '', label: '—' }, ...slots.map((s) => ({ value: s.start, label: formatMoscow(s.start, lang) }))]}
        />
      )}
      <div className="form-actions">
        <Button type="submit" isPending={pending} isDisabled={!slot}>
          {t('operatorCallbacks.save')}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
