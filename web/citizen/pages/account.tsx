// The citizen's account: the personal support number (ЕНГ) first, then the profile and the
// password change.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { changePassword, toApiError, type ApiError, type Me } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { useSession } from '../../common/session.tsx';
import { Button, Details, ErrorAlert, Form, Link, Loading, PageHeading, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { newPassword, required } from '../../common/validate.ts';
import { NotificationSettings } from './notification-settings.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  useDocumentTitle(t('account.title'), t('app.titleSuffix'));
  const { state } = session;

  if (state.status === 'anonymous') return <Navigate to="/login?next=%2Faccount" replace />;
  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <>
          <ErrorAlert error={state.error} />
          <Button variant="secondary" onPress={() => void session.refresh()}>
            {t('common.retry')}
          </Button>
        </>
      )}
      {state.status === 'signed-in' && <AccountDetails me={state.me} />}
    </>
  );
}

function AccountDetails({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <div className="account">
      <section className="eng-card" aria-labelledby="eng-title">
        <h2 id="eng-title" className="eng-label">
          {t('account.engLabel')}
        </h2>
        {me.eng ? <EngNumber eng={me.eng} /> : <p>{t('account.noEng')}</p>}
      </section>
      {me.role === 'citizen' && (
        <p>
          <Link href="/account/requests">{t('requests.list.accountLink')}</Link>
        </p>
      )}
      {me.role === 'citizen' && (
        <p>
          <Link href="/account/chat">{t('chat.history.accountLink')}</Link>
        </p>
      )}
      <section aria-labelledby="profile-title" className="card">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <Details
          items={[
            { label: t('account.name'), value: me.name },
            { label: t('account.email'), value: me.email ?? t('common.notSet') },
            { label: t('account.phone'), value: me.phone ?? t('common.notSet') },
            ...(me.role === 'citizen' ? [] : [{ label: t('account.role'), value: t(`roles.${me.role}`) }]),
            { label: t('account.createdAt'), value: formatMoscow(me.createdAt, lang) },
          ]}
        />
      </section>
      {me.role === 'citizen' && <NotificationSettings />}
      <ChangePassword login={me.email ?? me.phone ?? ''} />
    </div>
  );
}

function EngNumber({ eng }: { eng: string }) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(eng);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  return (
    <>
      <p className="eng-value" data-testid="eng">
        {eng}
      </p>
      <p className="eng-hint">{t('account.engHint')}</p>
      <div className="eng-actions">
        <Button variant="secondary" onPress={() => void copy()}>
          {t('account.copy')}
        </Button>
        <span role="status" className="copy-status">
          {copyState === 'copied' ? t('account.copied') : copyState === 'failed' ? t('account.copyFailed') : ''}
        </span>
      </div>
    </>
  );
}

function ChangePassword({ login }: { login: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setDone(false);
    setError(null);
    setFieldErrors({});
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401 && apiError.code === 'UNAUTHENTICATED') session.expire();
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="password-title" className="card">
      <h2 id="password-title">{t('account.changePassword')}</h2>
      {done && <SuccessMessage>{t('account.passwordChanged')}</SuccessMessage>}
      <ErrorAlert error={error} />
      <Form onSubmit={onSubmit} validationErrors={fieldErrors} className="narrow-form">
        {/* lets password managers update the right entry */}
        <input type="text" name="username" autoComplete="username" value={login} readOnly hidden />
        <TextField
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          autoComplete="current-password"
          isRequired
          value={current}
          onChange={setCurrent}
          validate={required}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('account.newPassword')}
          description={t('account.passwordHint')}
          autoComplete="new-password"
          isRequired
          value={next}
          onChange={setNext}
          validate={newPassword}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" isPending={pending}>
            {t('account.changePasswordSubmit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
