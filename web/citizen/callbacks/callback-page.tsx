// «Обратный звонок» (/help/callback): a phone, a topic and a free 30-minute slot of the hotline's
// hours (only slots the server offers, grouped by day, in Moscow time with the visitor's own time
// beside when it differs). Anyone may book; the booking can be cancelled right away (by its token),
// and a signed-in citizen sees their booked calls and cancels them at any time.
import { useEffect, useState, type FormEvent } from 'react';
import { FieldError, Label, Radio, RadioGroup, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { i18n, type Lang } from '../../common/i18n.ts';
import { clockTime, formatDay, utcLabel, zoneOffsetMinutes } from '../../common/kb-format.ts';
import { addDays, bookCallback, callbackSlots, cancelCallback, listMyCallbacks, moscowDay, visitorZone, type Callback, type CreatedCallback, type Slot } from '../../common/letters-api.ts';
import { refreshTextAreaError } from '../../common/requests/request-parts.tsx';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Form, Loading, PageHeading, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';
import '../../common/requests/requests.css';
import '../../common/letters.css';

const moscow = 'Europe/Moscow';
const daysAhead = 7;

type DaySlots = { day: string; slots: Slot[] };

/** The free slots of the next days; days the server cannot plan (a missing calendar year) are left out. */
async function loadSlots(): Promise<DaySlots[]> {
  const today = moscowDay(new Date());
  const days = Array.from({ length: daysAhead }, (_, i) => addDays(today, i));
  const results = await Promise.allSettled(days.map((day) => callbackSlots(day)));
  const loaded = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ day: days[i] as string, slots: r.value.filter((s) => s.free > 0) }] : []));
  if (loaded.length === 0) {
    const first = results.find((r) => r.status === 'rejected');
    throw first && first.status === 'rejected' ? first.reason : new Error('no slots');
  }
  return loaded.filter((d) => d.slots.length > 0);
}

function slotLabel(start: string, lang: Lang): string {
  const t = i18n.t.bind(i18n);
  const at = new Date(start);
  const zone = visitorZone();
  const m = clockTime(at, moscow, lang);
  if (zoneOffsetMinutes(zone, at) === zoneOffsetMinutes(moscow, at)) return t('letters.callback.slotLabel', { moscow: m });
  return t('letters.callback.slotLabelLocal', { moscow: m, local: clockTime(at, zone, lang) });
}

export function CallbackPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  useDocumentTitle(t('letters.callback.title'), t('app.titleSuffix'));
  const [round, setRound] = useState(0);
  return (
    <div className="help-page">
      <PageHeading>{t('letters.callback.title')}</PageHeading>
      <p className="lead">{t('letters.callback.intro')}</p>
      <BookingForm defaultPhone={state.status === 'signed-in' ? (state.me.phone ?? '') : ''} onBooked={() => setRound((n) => n + 1)} />
      {state.status === 'signed-in' && <MyCallbacks round={round} />}
    </div>
  );
}

function BookingForm({ defaultPhone, onBooked }: { defaultPhone: string; onBooked(): void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const [phone, setPhone] = useState(defaultPhone);
  const [topic, setTopic] = useState('');
  const [slot, setSlot] = useState('');
  const [slotError, setSlotError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [booked, setBooked] = useState<CreatedCallback | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [slotsRound, setSlotsRound] = useState(0);
  const slots = useApiData(loadSlots, [slotsRound]);
  const zone = visitorZone();
  const now = new Date();
  const differs = zoneOffsetMinutes(zone, now) !== zoneOffsetMinutes(moscow, now);

  useEffect(() => {
    if (defaultPhone) setPhone((p) => p || defaultPhone);
  }, [defaultPhone]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!slot) {
      setSlotError(t('letters.callback.slotRequired'));
      return;
    }
    setPending(true);
    setError(null);
    setCancelled(false);
    try {
      const created = await bookCallback({ phone: phone.trim(), topic: topic.trim(), slotStart: slot });
      setBooked(created);
      setTopic('');
      setSlot('');
      setFieldErrors({});
      setSlotsRound((n) => n + 1);
      onBooked();
    } catch (err) {
      const apiError = toApiError(err);
      const fields = apiError.fieldErrors();
      if (apiError.code === 'INVALID_PHONE') fields.phone = [apiError.message];
      if (apiError.code.startsWith('SLOT_') || apiError.code === 'CALENDAR_MISSING') {
        setSlotError(apiError.message);
        setSlot('');
        setSlotsRound((n) => n + 1);
      }
      setFieldErrors(fields);
      setError(apiError);
    } finally {
      setPending(false);
    }
  };

  const cancel = async () => {
    if (!booked) return;
    setError(null);
    try {
      await cancelCallback(booked.id, booked.cancelToken);
      setBooked(null);
      setCancelled(true);
      setSlotsRound((n) => n + 1);
      onBooked();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <section aria-labelledby="callback-form-title" className="card">
      <h2 id="callback-form-title" className="visually-hidden">
        {t('letters.callback.formLabel')}
      </h2>
      <div aria-live="polite">
        {booked && (
          <SuccessMessage>
            <span data-testid="callback-booked">{t('letters.callback.booked', { when: `${formatDay(moscowDay(new Date(booked.slotStart)), lang)}, ${slotLabel(booked.slotStart, lang)}` })}</span>
          </SuccessMessage>
        )}
        {cancelled && <SuccessMessage>{t('letters.callback.cancelled')}</SuccessMessage>}
      </div>
      {booked && (
        <div className="form-actions">
          <Button variant="secondary" onPress={() => void cancel()}>
            {t('letters.callback.cancel')}
          </Button>
        </div>
      )}
      <ErrorAlert error={error} />
      <Form onSubmit={submit} validationErrors={fieldErrors} aria-label={t('letters.callback.formLabel')}>
        <TextField name="phone" type="tel" autoComplete="tel" label={t('letters.callback.phone')} description={t('letters.callback.phoneHint')} value={phone} onChange={setPhone} isRequired validate={required} maxLength={32} />
        <AriaTextField className="field textarea-field" name="topic" value={topic} onChange={setTopic} isRequired maxLength={500} validate={(v) => (v.trim().length >= 3 ? null : t('letters.callback.topicMin'))}>
          <Label className="field-label">
            {t('letters.callback.topic')}
            <span className="field-required" aria-hidden="true">
              {' '}
              *
            </span>
          </Label>
          <Text slot="description" className="field-description">
            {t('letters.callback.topicHint')}
          </Text>
          <TextArea className="field-input" rows={2} onInput={refreshTextAreaError} />
          <FieldError className="field-error" />
        </AriaTextField>
        <div aria-busy={slots.loading}>
          {slots.loading && !slots.data && <Loading />}
          <ErrorAlert error={slots.error} />
          {slots.data && slots.data.length === 0 && <EmptyState>{t('letters.callback.noSlots')}</EmptyState>}
          {slots.data && slots.data.length > 0 && (
            <RadioGroup
              className="radio-group"
              name="slotStart"
              value={slot}
              onChange={(v) => {
                setSlot(v);
                setSlotError(null);
              }}
              isRequired
              isInvalid={slotError !== null}
              validationBehavior="aria"
            >
              <Label className="field-label">{t('letters.callback.slotsTitle')}</Label>
              <Text slot="description" className="field-description">
                {t('letters.callback.slotsHint')} {differs && t('letters.callback.localZone', { zone: `${utcLabel(zoneOffsetMinutes(zone, now))}, ${zone}` })}
              </Text>
              {slotError && (
                <Text slot="errorMessage" className="field-error" data-testid="slot-error">
                  {slotError}
                </Text>
              )}
              <div className="slot-days">
                {slots.data.map((d) => (
                  <div key={d.day} role="group" aria-labelledby={`slot-day-${d.day}`}>
                    <h3 id={`slot-day-${d.day}`} className="slot-day-title">
                      {formatDay(d.day, lang)}
                    </h3>
                    <div className="slot-list">
                      {d.slots.map((s) => (
                        <Radio key={s.start} value={s.start} className="slot" data-testid="callback-slot">
                          {slotLabel(s.start, lang)}
                          <span className="slot-free">{t('letters.callback.free', { count: s.free })}</span>
                        </Radio>
                      ))}
                    </div>
                  </div>
                ))}
              </div>
            </RadioGroup>
          )}
        </div>
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('letters.callback.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function MyCallbacks({ round }: { round: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const [local, setLocal] = useState(0);
  const mine = useApiData(listMyCallbacks, [round, local]);
  const [error, setError] = useState<ApiError | null>(null);

  const cancel = async (c: Callback) => {
    setError(null);
    try {
      await cancelCallback(c.id);
      setLocal((n) => n + 1);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <section aria-labelledby="my-callbacks-title" className="callback-mine" aria-busy={mine.loading}>
      <h2 id="my-callbacks-title">{t('letters.callback.mineTitle')}</h2>
      {mine.loading && !mine.data && <Loading />}
      <ErrorAlert error={mine.error ?? error} />
      {mine.data && mine.data.length === 0 && <EmptyState>{t('letters.callback.mineEmpty')}</EmptyState>}
      {mine.data && mine.data.length > 0 && (
        <ul className="request-documents">
          {mine.data.map((c) => (
            <li key={c.id} data-testid="my-callback">
              <span>
                {formatDay(moscowDay(new Date(c.slotStart)), lang)}, {slotLabel(c.slotStart, lang)} — {c.topic}
              </span>{' '}
              <span className="status">{t(`letters.callback.status.${c.status}`)}</span>{' '}
              {c.status === 'scheduled' && (
                <Button variant="quiet" onPress={() => void cancel(c)}>
                  {t('letters.callback.cancel')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
