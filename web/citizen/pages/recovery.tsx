// Access recovery in three steps: a link by e-mail (/recovery), then on the link's page
// (/recovery?token=…) a code by SMS (or e-mail when the profile has no phone), then the code
// and a new password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { completeRecovery, confirmRecovery, startRecovery, toApiError, type ApiError, type RecoveryConfirmResult } from '../../common/api.ts';
import { Button, ErrorAlert, Form, Link, PageHeading, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { newPassword, requiredEmail, sixDigitCode } from '../../common/validate.ts';

export function RecoveryPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() || null;
  useDocumentTitle(t('recovery.title'), t('app.titleSuffix'));
  return (
    <div className="narrow">
      <PageHeading>{t('recovery.title')}</PageHeading>
      {token ? <WithToken key={token} token={token} /> : <StartRecovery />}
    </div>
  );
}

function StartRecovery() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await startRecovery({ email: email.trim() });
      setSent(true);
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  if (sent) {
    return (
      <>
        <SuccessMessage>{t('recovery.startDone')}</SuccessMessage>
        <p>{t('recovery.startDoneHint')}</p>
        <Button variant="secondary" onPress={() => setSent(false)}>
          {t('recovery.sendAgain')}
        </Button>
      </>
    );
  }
  return (
    <>
      <p>{t('recovery.startIntro')}</p>
      <ErrorAlert error={error} />
      <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
        <TextField name="email" type="email" label={t('recovery.email')} autoComplete="email" isRequired value={email} onChange={setEmail} validate={requiredEmail} />
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('recovery.startSubmit')}
          </Button>
        </div>
      </Form>
    </>
  );
}

type Step = { name: 'confirm' } | { name: 'complete'; sent: RecoveryConfirmResult } | { name: 'done' };

function WithToken({ token }: { token: string }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'confirm' });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // the code is sent only when the person asks for it, not when the page opens: mail scanners
  // and link previews open links too
  const requestCode = async () => {
    setPending(true);
    setError(null);
    try {
      setStep({ name: 'complete', sent: await confirmRecovery({ token }) });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  if (step.name === 'done') {
    return (
      <section aria-labelledby="recovery-done" className="notice notice-success">
        <h2 id="recovery-done">{t('recovery.done')}</h2>
        <p>{t('recovery.doneText')}</p>
        <p>
          <Link href="/login" variant="primary">
            {t('recovery.toLogin')}
          </Link>
        </p>
      </section>
    );
  }

  const linkInvalid = error?.code === 'RECOVERY_INVALID';
  return (
    <>
      {step.name === 'confirm' && (
        <>
          <p>{t('recovery.confirmIntro')}</p>
          <ErrorAlert error={error} />
          <div className="form-actions">
            {!linkInvalid && (
              <Button isPending={pending} onPress={() => void requestCode()}>
                {t('recovery.confirmSubmit')}
              </Button>
            )}
            {linkInvalid && (
              <Link href="/recovery" variant="secondary">
                {t('recovery.newLink')}
              </Link>
            )}
          </div>
        </>
      )}
      {step.name === 'complete' && (
        <CompleteRecovery token={token} sent={step.sent} onDone={() => setStep({ name: 'done' })} onResend={() => void requestCode()} resendPending={pending} resendError={error} />
      )}
    </>
  );
}

function CompleteRecovery(props: { token: string; sent: RecoveryConfirmResult; onDone(): void; onResend(): void; resendPending: boolean; resendError: ApiError | null }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await completeRecovery({ token: props.token, code: code.trim(), newPassword: password });
      props.onDone();
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  const sentText = props.sent.sentTo === 'sms' ? t('recovery.codeSentSms', { hint: props.sent.hint }) : t('recovery.codeSentEmail', { hint: props.sent.hint });
  const shownError = error ?? props.resendError;
  return (
    <>
      <SuccessMessage>{sentText}</SuccessMessage>
      <ErrorAlert error={shownError} />
      <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
        <TextField
          name="code"
          label={t('recovery.code')}
          description={t('recovery.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          isRequired
          value={code}
          onChange={setCode}
          validate={sixDigitCode}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('recovery.newPassword')}
          description={t('recovery.passwordHint')}
          autoComplete="new-password"
          isRequired
          value={password}
          onChange={setPassword}
          validate={newPassword}
        />
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('recovery.completeSubmit')}
          </Button>
          <Button variant="quiet" isPending={props.resendPending} onPress={props.onResend}>
            {t('recovery.resendCode')}
          </Button>
        </div>
      </Form>
      {shownError?.code === 'RECOVERY_INVALID' && (
        <p>
          <Link href="/recovery">{t('recovery.newLink')}</Link>
        </p>
      )}
    </>
  );
}
