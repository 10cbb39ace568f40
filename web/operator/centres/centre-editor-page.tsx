// The centre editor (admins, /operator/centres/new and /operator/centres/:id): the centre's contacts,
// coordinates, services, weekly hours with holiday hours, and special days (a date closed or with
// its own hours, one a line), checked here and by the server (its messages land at the field they
// name); deleting asks first.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { weekdayKeys, type CentreException, type CentreInterval } from '../../../shared/contracts/centres.ts';
import { toApiError, type ApiError } from '../../common/api.ts';
import { createCentre, deleteCentre, fetchCentre, updateCentre, type Centre, type CentreInput } from '../../common/centres-api.ts';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { useSession } from '../../common/session.tsx';
import { parseDay, showDay } from '../../common/format.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, ErrorAlert, Form, Link, Loading, PageHeading, SuccessMessage, TextAreaField, TextField, useDocumentTitle } from '../../common/ui.tsx';
import './centre-editor.css';

const dayKeys = [...weekdayKeys, 'holiday'] as const;
type DayKey = (typeof dayKeys)[number];
type Hours = Record<DayKey, { open: string; close: string }>;
type Draft = { code: string; name: string; address: string; postcode: string; region: string; phone: string; latitude: string; longitude: string; services: string; exceptions: string; hours: Hours };

function draftOf(c: Centre | undefined): Draft {
  const interval = (i: CentreInterval | null | undefined) => ({ open: i?.open ?? '', close: i?.close ?? '' });
  const hours = Object.fromEntries(dayKeys.map((k) => [k, interval(k === 'holiday' ? c?.schedule.holiday : c?.schedule.days[k])])) as Hours;
  return {
    code: c?.code ?? '',
    name: c?.name ?? '',
    address: c?.address ?? '',
    postcode: c?.postcode ?? '',
    region: c?.region ?? '',
    phone: c?.phone ?? '',
    latitude: c ? String(c.latitude) : '',
    longitude: c ? String(c.longitude) : '',
    services: (c?.services ?? []).join('\n'),
    exceptions: (c?.exceptions ?? []).map(exceptionLine).join('\n'),
    hours,
  };
}

/** «31.12.2026 закрыто — примечание» or «31.12.2026 10:00–14:00 — примечание» */
function exceptionLine(e: CentreException): string {
  const when = e.open && e.close ? `${e.open}–${e.close}` : 'закрыто';
  return `${showDay(e.date)} ${when}${e.note ? ` — ${e.note}` : ''}`;
}

const EXCEPTION_LINE = /^(\d{1,2}\.\d{1,2}\.\d{4})\s+(?:(закрыто|закрыт|выходной|closed)|(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2}))\s*(?:[-–—:]\s*(.*))?$/i;

/** One special day a line; the lines that are not one come back as `bad`. */
export function parseExceptions(text: string): { exceptions: CentreException[]; bad: string[] } {
  const exceptions: CentreException[] = [];
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = EXCEPTION_LINE.exec(line);
    if (!m) {
      bad.push(line);
      continue;
    }
    const time = (v: string | undefined) => (v ? v.padStart(5, '0') : null);
    exceptions.push({ date: parseDay(m[1] ?? '') ?? '', open: m[2] ? null : time(m[3]), close: m[2] ? null : time(m[4]), note: m[5]?.trim() || null });
  }
  return { exceptions, bad };
}

const fieldPath = (k: DayKey, end: 'open' | 'close') => (k === 'holiday' ? `schedule.holiday.${end}` : `schedule.days.${k}.${end}`);

export function CentreEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const existing = useApiData(() => (id ? fetchCentre(id) : Promise.resolve(undefined)), [id]);
  const title = id ? t('centreEditor.editTitle', { name: existing.data?.name ?? '' }) : t('centreEditor.newTitle');
  useDocumentTitle(title, t('app.consoleTitleSuffix'));
  return (
    <>
      <p>
        <Link href="/centres">{`← ${t('centreEditor.back')}`}</Link>
      </p>
      <PageHeading>{title}</PageHeading>
      {existing.loading && !existing.data && <Loading />}
      <ErrorAlert error={existing.error} />
      {/* kept while a save reads the centre again (its notice stays on screen) */}
      {(id ? existing.data : !existing.loading) && <CentreForm key={id ?? 'new'} centre={existing.data} onSaved={existing.reload} />}
    </>
  );
}

function CentreForm({ centre, onSaved }: { centre: Centre | undefined; onSaved(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(centre));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const set = (field: Exclude<keyof Draft, 'hours'>) => (v: string) => setDraft((d) => ({ ...d, [field]: v }));
  const setHour = (k: DayKey, end: 'open' | 'close') => (v: string) => setDraft((d) => ({ ...d, hours: { ...d.hours, [k]: { ...d.hours[k], [end]: v } } }));
  const fail = (err: unknown) => {
    const e = toApiError(err);
    if (e.status === 401) expire();
    setError(e);
    // a list's items (exceptions.2.close, services.0) are shown under the list's field
    const grouped: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(e.fieldErrors())) {
      const key = /^(exceptions|services)\.\d+/.exec(path)?.[1] ?? path;
      (grouped[key] ??= []).push(...messages);
    }
    setFieldErrors(grouped);
    setPending(false);
  };
  const coordinate = (v: string) => (/^-?\d{1,3}(\.\d+)?$/.test(v.trim().replace(',', '.')) ? null : t('centreEditor.number'));
  /** named before anything is sent: special-day lines that are none, a day with one time of its two (at the empty one) */
  const problemsBeforeSending = (badLines: string[]) => {
    const out: Record<string, string[]> = {};
    if (badLines.length) out.exceptions = badLines.map((line) => t('centreEditor.exceptionLine', { line }));
    for (const k of dayKeys) {
      const h = draft.hours[k];
      if ((h.open.trim() === '') !== (h.close.trim() === '')) out[fieldPath(k, h.open.trim() ? 'close' : 'open')] = [t('centreEditor.pair')];
    }
    return out;
  };

  const input = (exceptions: CentreException[]): CentreInput => {
    const interval = (k: DayKey) => {
      const h = draft.hours[k];
      return h.open.trim() && h.close.trim() ? { open: h.open.trim(), close: h.close.trim() } : null;
    };
    return {
      code: draft.code.trim() || null,
      name: draft.name.trim(),
      address: draft.address.trim(),
      postcode: draft.postcode.trim(),
      region: draft.region.trim(),
      phone: draft.phone.trim() || null,
      latitude: Number(draft.latitude.trim().replace(',', '.')),
      longitude: Number(draft.longitude.trim().replace(',', '.')),
      schedule: { days: Object.fromEntries(weekdayKeys.map((k) => [k, interval(k)])), holiday: interval('holiday') },
      exceptions,
      services: draft.services
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      sample: centre?.sample ?? false,
    };
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    const special = parseExceptions(draft.exceptions);
    const problems = problemsBeforeSending(special.bad);
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    setPending(true);
    try {
      if (centre) {
        const saved = await updateCentre(centre.id, input(special.exceptions));
        setNotice(t('centreEditor.saved', { name: saved.name }));
        setPending(false);
        onSaved();
      } else {
        const created = await createCentre(input(special.exceptions));
        void navigate(`/centres/${created.id}`, { state: { notice: t('centreEditor.created', { name: created.name }) } });
      }
    } catch (err) {
      fail(err);
    }
  };

  const remove = async (close: () => void) => {
    if (!centre) return;
    setRemoving(true);
    try {
      await deleteCentre(centre.id);
      void navigate('/centres', { state: { notice: t('centreEditor.removed', { name: centre.name }) } });
    } catch (err) {
      setRemoving(false);
      close();
      fail(err);
    }
  };

  return (
    <Form onSubmit={submit} validationErrors={fieldErrors} aria-label={centre ? t('centreEditor.editTitle', { name: centre.name }) : t('centreEditor.newTitle')} className="centre-editor">
      <div aria-live="polite">{notice && <SuccessMessage>{notice}</SuccessMessage>}</div>
      <ErrorAlert error={error} />
      <TextField name="name" label={t('centreEditor.name')} value={draft.name} onChange={set('name')} isRequired maxLength={200} autoComplete="off" />
      <TextField name="address" label={t('centreEditor.address')} value={draft.address} onChange={set('address')} isRequired maxLength={500} autoComplete="off" />
      <div className="form-row">
        <TextField name="postcode" label={t('centreEditor.postcode')} value={draft.postcode} onChange={set('postcode')} isRequired inputMode="numeric" maxLength={6} autoComplete="off" />
        <TextField name="region" label={t('centreEditor.region')} value={draft.region} onChange={set('region')} isRequired maxLength={200} autoComplete="off" />
        <TextField name="phone" type="tel" label={t('centreEditor.phone')} value={draft.phone} onChange={set('phone')} maxLength={40} autoComplete="off" />
      </div>
      <div className="form-row">
        <TextField name="latitude" label={t('centreEditor.latitude')} description={t('centreEditor.coordinatesHint')} value={draft.latitude} onChange={set('latitude')} isRequired inputMode="decimal" validate={coordinate} autoComplete="off" />
        <TextField name="longitude" label={t('centreEditor.longitude')} description={t('centreEditor.coordinatesHint')} value={draft.longitude} onChange={set('longitude')} isRequired inputMode="decimal" validate={coordinate} autoComplete="off" />
        <TextField name="code" label={t('centreEditor.code')} description={t('centreEditor.codeHint')} value={draft.code} onChange={set('code')} maxLength={64} autoComplete="off" />
      </div>
      <TextAreaField name="services" label={t('centreEditor.services')} description={t('centreEditor.servicesHint')} value={draft.services} onChange={set('services')} />
      <fieldset className="centre-hours">
        <legend>{t('centreEditor.scheduleTitle')}</legend>
        <p className="field-description">{t('centreEditor.scheduleHint')}</p>
        {dayKeys.map((k) => {
          const day = k === 'holiday' ? t('centreEditor.holiday') : t(`centreEditor.weekdays.${k}`);
          return (
            <div className="form-row centre-hours-row" key={k} data-testid={`hours-${k}`}>
              <TextField name={fieldPath(k, 'open')} label={t('centreEditor.opens', { day })} value={draft.hours[k].open} onChange={setHour(k, 'open')} inputMode="numeric" maxLength={5} autoComplete="off" />
              <TextField name={fieldPath(k, 'close')} label={t('centreEditor.closes', { day })} value={draft.hours[k].close} onChange={setHour(k, 'close')} inputMode="numeric" maxLength={5} autoComplete="off" />
            </div>
          );
        })}
      </fieldset>
      <TextAreaField name="exceptions" label={t('centreEditor.exceptions')} description={t('centreEditor.exceptionsHint')} spellCheck="false" value={draft.exceptions} onChange={set('exceptions')} />
      <div className="form-actions">
        <Button type="submit" isPending={pending}>
          {centre ? t('centreEditor.save') : t('centreEditor.create')}
        </Button>
        {centre && (
          <ModalDialog trigger={<Button variant="danger">{t('centreEditor.remove')}</Button>} title={t('centreEditor.removeTitle', { name: centre.name })}>
            {(close) => (
              <>
                <p>{t('centreEditor.removeText')}</p>
                <div className="form-actions">
                  <Button variant="danger" isPending={removing} onPress={() => void remove(close)}>
                    {t('centreEditor.removeConfirm')}
                  </Button>
                  <Button variant="quiet" onPress={close} autoFocus>
                    {t('common.cancel')}
                  </Button>
                </div>
              </>
            )}
          </ModalDialog>
        )}
      </div>
    </Form>
  );
}
