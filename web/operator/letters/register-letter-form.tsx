// The mail clerk registers an incoming letter: sender, ЕНГ or account number, contacts, tracking
// number, the day received and a scan. The API's refusals land on the field they concern (a letter
// from the future or a year without a calendar on the date, a taken tracking number, a mistyped ЕНГ).
import { useId, useRef, useState, type FormEvent } from 'react';
import { FieldError, Label, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { formatDay } from '../../common/kb-format.ts';
import { documentAccept } from '../../common/requests-api.ts';
import { fileProblem, refreshTextAreaError } from '../../common/requests/request-parts.tsx';
import { moscowDay, registerLetter, uploadLetterScan } from '../../common/letters-api.ts';
import { Button, ErrorAlert, Form, SuccessMessage, TextField } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';

type Draft = { senderName: string; eng: string; accountNumber: string; phone: string; email: string; address: string; summary: string; trackingNumber: string; receivedOn: string };

/** Which field an API error code concerns (its message is shown there). */
const fieldOfCode: Record<string, keyof Draft> = {
  LETTER_FROM_FUTURE: 'receivedOn',
  CALENDAR_MISSING: 'receivedOn',
  TRACKING_TAKEN: 'trackingNumber',
  INVALID_ENG: 'eng',
  INVALID_PHONE: 'phone',
};

const trackingPattern = /^[A-Za-z0-9-]{6,40}$/;

export function RegisterLetterForm({ onRegistered }: { onRegistered(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const today = moscowDay(new Date());
  const empty: Draft = { senderName: '', eng: '', accountNumber: '', phone: '', email: '', address: '', summary: '', trackingNumber: '', receivedOn: today };
  const [draft, setDraft] = useState<Draft>(empty);
  const [scan, setScan] = useState<File | null>(null);
  const [scanProblem, setScanProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState<{ text: string; scanError: string | null; scanAttached: boolean } | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const set = (k: keyof Draft) => (v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (fieldErrors[k]) setFieldErrors((f) => ({ ...f, [k]: [] }));
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (scanProblem) return;
    setPending(true);
    setError(null);
    setDone(null);
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    try {
      const created = await registerLetter({
        senderName: draft.senderName.trim(),
        trackingNumber: draft.trackingNumber.trim(),
        receivedOn: draft.receivedOn,
        eng: opt(draft.eng),
        accountNumber: opt(draft.accountNumber),
        phone: opt(draft.phone),
        email: opt(draft.email),
        address: opt(draft.address),
        summary: opt(draft.summary),
      });
      let scanError: string | null = null;
      let scanAttached = false;
      if (scan) {
        try {
          await uploadLetterScan(created.id, scan);
          scanAttached = true;
        } catch (err) {
          scanError = toApiError(err).message;
        }
      }
      setDone({ text: t('operatorLetters.register.done', { tracking: draft.trackingNumber.trim().toUpperCase(), due: formatDay(created.replyDueOn, lang) }), scanError, scanAttached });
      setDraft(empty);
      setScan(null);
      if (scanInput.current) scanInput.current.value = '';
      setFieldErrors({});
      onRegistered();
    } catch (err) {
      const apiError = toApiError(err);
      const fields = apiError.fieldErrors();
      const field = fieldOfCode[apiError.code];
      if (field) fields[field] = [apiError.message];
      setFieldErrors(fields);
      setError(apiError);
    } finally {
      setPending(false);
    }
  };

  const dateError = fieldErrors.receivedOn?.[0];
  return (
    <section aria-labelledby="register-title" className="card">
      <h2 id="register-title">{t('operatorLetters.register.title')}</h2>
      {done && (
        <SuccessMessage>
          <span data-testid="letter-registered">{done.text}</span>
          {done.scanAttached && ` ${t('operatorLetters.register.scanAttached')}`}
        </SuccessMessage>
      )}
      {done?.scanError && <ErrorAlert error={t('operatorLetters.register.scanFailed', { message: done.scanError })} />}
      <ErrorAlert error={error} />
      <Form onSubmit={submit} validationErrors={fieldErrors} aria-label={t('operatorLetters.register.formLabel')} className="letter-form">
        <div className="letter-form-grid">
          <TextField name="senderName" label={t('operatorLetters.register.senderName')} value={draft.senderName} onChange={set('senderName')} isRequired validate={required} maxLength={300} autoComplete="off" />
          <TextField
            name="trackingNumber"
            label={t('operatorLetters.register.trackingNumber')}
            description={t('operatorLetters.register.trackingHint')}
            value={draft.trackingNumber}
            onChange={set('trackingNumber')}
            isRequired
            validate={(v) => required(v) ?? (trackingPattern.test(v.trim()) ? null : t('operatorLetters.register.trackingFormat'))}
            maxLength={40}
            autoComplete="off"
          />
          <div className="field">
            <label htmlFor={`${id}-received`} className="field-label">
              {t('operatorLetters.register.receivedOn')}
              <span className="field-required" aria-hidden="true">
                {' '}
                *
              </span>
            </label>
            <input
              id={`${id}-received`}
              name="receivedOn"
              type="date"
              required
              className="field-input"
              value={draft.receivedOn}
              aria-invalid={dateError ? true : undefined}
              aria-describedby={dateError ? `${id}-received-error` : undefined}
              onChange={(e) => set('receivedOn')(e.target.value)}
            />
            {dateError && (
              <p id={`${id}-received-error`} className="field-error" data-testid="received-error">
                {dateError}
              </p>
            )}
          </div>
          <TextField name="eng" label={t('operatorLetters.register.eng')} description={t('operatorLetters.register.engHint')} value={draft.eng} onChange={set('eng')} maxLength={40} autoComplete="off" />
          <TextField name="accountNumber" label={t('operatorLetters.register.accountNumber')} value={draft.accountNumber} onChange={set('accountNumber')} maxLength={60} autoComplete="off" />
          <TextField name="phone" type="tel" label={t('operatorLetters.register.phone')} value={draft.phone} onChange={set('phone')} maxLength={32} autoComplete="off" />
          <TextField name="email" type="email" label={t('operatorLetters.register.email')} value={draft.email} onChange={set('email')} maxLength={254} autoComplete="off" />
          <TextField name="address" label={t('operatorLetters.register.address')} value={draft.address} onChange={set('address')} maxLength={500} autoComplete="off" />
        </div>
        <AriaTextField className="field textarea-field" name="summary" value={draft.summary} onChange={set('summary')} maxLength={5000}>
          <Label className="field-label">{t('operatorLetters.register.summary')}</Label>
          <TextArea className="field-input" rows={3} onInput={refreshTextAreaError} />
          <FieldError className="field-error" />
        </AriaTextField>
        <div className="field">
          <label htmlFor={`${id}-scan`} className="field-label">
            {t('operatorLetters.register.scan')}
          </label>
          <input
            ref={scanInput}
            id={`${id}-scan`}
            name="file"
            type="file"
            accept={documentAccept}
            aria-invalid={scanProblem ? true : undefined}
            aria-describedby={scanProblem ? `${id}-scan-error` : undefined}
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0] ?? null;
              setScan(chosen);
              setScanProblem(chosen ? fileProblem(chosen) : null);
            }}
          />
          {scanProblem && (
            <p id={`${id}-scan-error`} role="alert" className="field-error">
              {scanProblem}
            </p>
          )}
        </div>
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('operatorLetters.register.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
