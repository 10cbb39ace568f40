// Sign-in by e-mail or phone. A staff member signing in here is offered the operator console.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Role } from '../../../shared/contracts/identity.ts';
import { signIn, toApiError, type ApiError } from '../../common/api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, ErrorAlert, Form, Link, PageHeading, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';

/** Only a path inside the portal is followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/account';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  useDocumentTitle(t('login.title'), t('app.titleSuffix'));

  const signedInRole: Role | undefined = session.state.status === 'signed-in' ? session.state.me.role : undefined;
  if (signedInRole === 'citizen' && !pending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await signIn({ login: login.trim(), password });
      await session.refresh();
      if (result.user.role === 'citizen') await navigate(safeNext(params.get('next')));
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading>{t('login.title')}</PageHeading>
      {signedInRole && signedInRole !== 'citizen' ? (
        <div className="notice" role="status">
          <p>{t('login.staffNotice', { role: t(`roles.${signedInRole}`) })}</p>
          <p>
            {/* the console is another app: a full page load, not a client-side route */}
            <a className="btn btn-primary" href="/operator">
              {t('login.toConsole')}
            </a>
          </p>
        </div>
      ) : (
        <>
          <ErrorAlert error={error} />
          <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
            <TextField name="login" label={t('login.login')} autoComplete="username" isRequired value={login} onChange={setLogin} validate={required} />
            <TextField name="password" type="password" label={t('login.password')} autoComplete="current-password" isRequired value={password} onChange={setPassword} validate={required} />
            <div className="form-actions">
              <Button type="submit" isPending={pending}>
                {t('login.submit')}
              </Button>
              <Link href="/recovery">{t('login.forgot')}</Link>
            </div>
          </Form>
          <p className="aside-text">
            {t('login.noAccount')} <Link href="/register">{t('auth.register')}</Link>
          </p>
        </>
      )}
    </div>
  );
}
