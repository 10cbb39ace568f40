// Console sign-in (the same sign-in as the portal). A citizen who signs in here is told the
// console is not for them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { signIn, toApiError, type ApiError } from '../../common/api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, ErrorAlert, Form, Loading, PageHeading, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';
import { ConsoleFrame } from '../shell.tsx';

function safeFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function ConsoleLoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  useDocumentTitle(t('console.login.title'), t('app.consoleTitleSuffix'));

  if (session.state.status === 'signed-in' && !pending) return <Navigate to={safeFrom(location.state)} replace />;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await signIn({ login: login.trim(), password });
      await session.refresh();
      await navigate(safeFrom(location.state), { replace: true });
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  return (
    <ConsoleFrame>
      <div className="narrow">
        <PageHeading>{t('console.login.title')}</PageHeading>
        <p>{t('console.login.intro')}</p>
        {session.state.status === 'loading' ? (
          <Loading />
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
              </div>
            </Form>
          </>
        )}
        <p className="aside-text">
          {/* the portal is another app: a full page load */}
          <a className="link" href="/">
            {t('console.login.toPortal')}
          </a>
        </p>
      </div>
    </ConsoleFrame>
  );
}
