// «Календарь» (/operator/calendar): the official working calendar the deadlines and holiday hours
// are counted on. Every year with its origin (shipped or changed here), whether it is provisional
// (made from the Labour Code before the decree) and its day counts; one year opens below the table.
// Admins add a year or correct one from the decree; other staff read it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import {
  listCalendarYears,
  parseDayList,
  parseTransfers,
  readCalendarYear,
  saveCalendarYear,
  type CalendarYearDetail,
  type CalendarYearSummary,
} from '../../common/calendar-api.ts';
import { formatMoscow, showDay } from '../../common/format.ts';
import type { Lang } from '../../common/i18n.ts';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Form, Loading, PageHeading, SuccessMessage, TextAreaField, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { useStaff } from '../shell.tsx';
import './calendar.css';

/** `round` grows with each save, so the year is read again (as stored, sorted) after it. */
type Selected = { year: number; isNew: boolean; round: number };

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const me = useStaff();
  const canEdit = me.role === 'admin';
  const list = useApiData(() => listCalendarYears(), []);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useDocumentTitle(t('operatorCalendar.title'), t('app.consoleTitleSuffix'));

  const open = (year: number, isNew = false) => {
    setNotice(null);
    setSelected({ year, isNew, round: 0 });
  };

  return (
    <>
      <PageHeading>{t('operatorCalendar.title')}</PageHeading>
      <p>{t('operatorCalendar.intro')}</p>
      <div aria-live="polite">{notice && <SuccessMessage>{notice}</SuccessMessage>}</div>
      <div aria-busy={list.loading}>
        {list.loading && !list.data && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 && <EmptyState>{t('operatorCalendar.empty')}</EmptyState>}
        {list.data && list.data.length > 0 && <YearsTable years={list.data} lang={lang} onOpen={(y) => open(y)} />}
      </div>
      {canEdit && list.data && <AddYearForm years={list.data} onOpen={(y) => open(y, true)} />}
      {selected && (
        <YearSection
          key={`${selected.year}-${selected.isNew}-${selected.round}`}
          selected={selected}
          canEdit={canEdit}
          onSaved={(saved) => {
            setNotice(t('operatorCalendar.saved', { year: saved.year, working: saved.workingDays, off: saved.daysOff }));
            setSelected((old) => ({ year: saved.year, isNew: false, round: (old?.round ?? 0) + 1 }));
            list.reload();
          }}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  );
}

function YearsTable({ years, lang, onOpen }: { years: CalendarYearSummary[]; lang: Lang; onOpen(year: number): void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-labelledby="calendar-caption" tabIndex={0}>
      <table className="table">
        <caption id="calendar-caption" className="visually-hidden">
          {t('operatorCalendar.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('operatorCalendar.colYear')}</th>
            <th scope="col">{t('operatorCalendar.colKind')}</th>
            <th scope="col">{t('operatorCalendar.colOrigin')}</th>
            <th scope="col">{t('operatorCalendar.colWorking')}</th>
            <th scope="col">{t('operatorCalendar.colOff')}</th>
            <th scope="col">{t('operatorCalendar.colUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year} data-testid={`calendar-row-${y.year}`}>
              <th scope="row">
                <Button variant="quiet" onPress={() => onOpen(y.year)} aria-label={t('operatorCalendar.open', { year: y.year })}>
                  {String(y.year)}
                </Button>
              </th>
              <td>
                <span className={`status ${y.provisional ? 'calendar-provisional' : 'calendar-decree'}`}>{y.provisional ? t('operatorCalendar.provisional') : t('operatorCalendar.decree')}</span>
              </td>
              <td>{t(`operatorCalendar.origins.${y.origin}`)}</td>
              <td>{y.workingDays}</td>
              <td>{y.daysOff}</td>
              <td className="nowrap">{formatMoscow(y.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddYearForm({ years, onOpen }: { years: CalendarYearSummary[]; onOpen(year: number): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const year = Number(text.trim());
    if (!/^\d{4}$/.test(text.trim()) || year < 2000 || year > 2100) return setProblem(t('operatorCalendar.yearFormat'));
    if (years.some((y) => y.year === year)) return setProblem(t('operatorCalendar.yearExists'));
    setProblem(null);
    onOpen(year);
  };
  return (
    <section className="card calendar-card" aria-labelledby="calendar-add-heading">
      <h2 id="calendar-add-heading">{t('operatorCalendar.addTitle')}</h2>
      <Form onSubmit={submit} validationErrors={problem ? { year: problem } : {}} className="calendar-add">
        <TextField name="year" label={t('operatorCalendar.addYear')} description={t('operatorCalendar.addYearHint')} value={text} onChange={setText} inputMode="numeric" maxLength={4} autoComplete="off" />
        <Button type="submit" variant="secondary">
          {t('operatorCalendar.addSubmit')}
        </Button>
      </Form>
    </section>
  );
}

function YearSection({ selected, canEdit, onSaved, onClose }: { selected: Selected; canEdit: boolean; onSaved(saved: CalendarYearDetail): void; onClose(): void }) {
  const { t } = useTranslation();
  const detail = useApiData(() => (selected.isNew ? Promise.resolve(undefined) : readCalendarYear(selected.year)), [selected.year, selected.isNew]);
  const headingId = `calendar-${selected.year}-heading`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []); // the opened year is where the keyboard goes next
  return (
    <section className="card calendar-card" aria-labelledby={headingId} data-testid="calendar-year">
      <h2 id={headingId} tabIndex={-1} ref={heading}>
        {selected.isNew ? t('operatorCalendar.newTitle', { year: selected.year }) : t('operatorCalendar.editTitle', { year: selected.year })}
      </h2>
      <div aria-busy={detail.loading}>
        {detail.loading && <Loading />}
        <ErrorAlert error={detail.error} />
        {!detail.loading && !detail.error && (
          <YearForm key={detail.data?.updatedAt ?? 'new'} year={selected.year} detail={detail.data} canEdit={canEdit} onSaved={onSaved} onClose={onClose} />
        )}
      </div>
    </section>
  );
}

const lines = (days: readonly string[]) => days.map(showDay).join('\n');

type Draft = { source: string; provisional: boolean; nonWorking: string; holidays: string; transfers: string; workingWeekends: string; shortened: string };
const dayFields = ['nonWorking', 'holidays', 'workingWeekends', 'shortened'] as const;

function draftOf(detail: CalendarYearDetail | undefined): Draft {
  const d = detail?.days;
  return {
    source: d?.source ?? '',
    provisional: d?.provisional === true,
    nonWorking: lines(d?.nonWorking ?? []),
    holidays: lines(d?.holidays ?? []),
    transfers: (d?.transfers ?? []).map((x) => `${showDay(x.from)} → ${showDay(x.to)}`).join('\n'),
    workingWeekends: lines(d?.workingWeekends ?? []),
    shortened: lines(d?.shortened ?? []),
  };
}

function YearForm(props: { year: number; detail: CalendarYearDetail | undefined; canEdit: boolean; onSaved(saved: CalendarYearDetail): void; onClose(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.detail));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const set = (field: keyof Draft) => (value: string) => setDraft((old) => ({ ...old, [field]: value }));
  const readOnly = !props.canEdit;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (readOnly) return;
    const problems: Record<string, string[]> = {};
    const parsed = Object.fromEntries(
      dayFields.map((f) => {
        const { days, bad } = parseDayList(draft[f]);
        if (bad.length) problems[f] = bad.map((value) => t('operatorCalendar.notADate', { value }));
        return [f, days];
      }),
    ) as Record<(typeof dayFields)[number], string[]>;
    const moves = parseTransfers(draft.transfers);
    if (moves.bad.length) problems.transfers = moves.bad.map((value) => t('operatorCalendar.notATransfer', { value }));
    setFieldErrors(problems);
    if (Object.keys(problems).length) {
      setError(null);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const saved = await saveCalendarYear(props.year, { source: draft.source.trim(), provisional: draft.provisional, ...parsed, transfers: moves.transfers });
      props.onSaved(saved);
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
      // the server names items (nonWorking.3): show each under its list
      const byField: Record<string, string[]> = {};
      for (const f of apiError.fields) (byField[f.path.split('.')[0] || '_'] ??= []).push(f.message);
      setFieldErrors(byField);
      setPending(false);
    }
  };

  const area = (field: Exclude<keyof Draft, 'provisional' | 'source'>, label: string, hint: string) => (
    <TextAreaField className="calendar-days" name={field} label={label} description={hint} rows={6} spellCheck="false" value={draft[field]} onChange={set(field)} isReadOnly={readOnly} />
  );

  return (
    <Form onSubmit={submit} validationErrors={fieldErrors} aria-label={t('operatorCalendar.editTitle', { year: props.year })} className="calendar-form">
      {props.detail?.provisional && (
        <div className="alert alert-warning" role="note" data-testid="calendar-provisional-note">
          {t('operatorCalendar.provisionalNote')}
        </div>
      )}
      {readOnly && <p>{t('operatorCalendar.readOnly')}</p>}
      <ErrorAlert error={error} />
      <TextField name="source" label={t('operatorCalendar.source')} description={t('operatorCalendar.sourceHint')} value={draft.source} onChange={set('source')} maxLength={500} isReadOnly={readOnly} />
      <label className="calendar-checkbox">
        <input type="checkbox" name="provisional" checked={draft.provisional} disabled={readOnly} onChange={(e) => setDraft((old) => ({ ...old, provisional: e.target.checked }))} /> {t('operatorCalendar.provisionalField')}
      </label>
      <div className="calendar-grid">
        {area('nonWorking', t('operatorCalendar.nonWorking'), `${t('operatorCalendar.nonWorkingHint')} ${t('operatorCalendar.daysHint')}`)}
        {area('holidays', t('operatorCalendar.holidays'), `${t('operatorCalendar.holidaysHint')} ${t('operatorCalendar.daysHint')}`)}
        {area('transfers', t('operatorCalendar.transfers'), t('operatorCalendar.transfersHint'))}
        {area('workingWeekends', t('operatorCalendar.workingWeekends'), t('operatorCalendar.daysHint'))}
        {area('shortened', t('operatorCalendar.shortened'), t('operatorCalendar.daysHint'))}
      </div>
      <div className="form-actions">
        {!readOnly && (
          <Button type="submit" isPending={pending}>
            {t('operatorCalendar.save')}
          </Button>
        )}
        <Button variant="quiet" onPress={props.onClose}>
          {t('operatorCalendar.cancel')}
        </Button>
      </div>
    </Form>
  );
}
