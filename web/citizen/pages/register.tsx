// Registration of a citizen: name, e-mail and/or phone, password. The server makes the ЕНГ
// number and starts the session (cookie); the account page shows the number.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { registerCitizen, toApiError, type ApiError } from '../../common/api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, ErrorAlert, Form, Link, PageHeading, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { i18n } from '../../common/i18n.ts';
import { newPassword, optionalEmail, personName } from '../../common/validate.ts';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  useDocumentTitle(t('register.title'), t('app.titleSuffix'));

  if (session.state.status === 'signed-in' && !pending) return <Navigate to="/account" replace />;

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await registerCitizen({ name: name.trim(), email: email.trim() || undefined, phone: phone.trim() || undefined, password });
      await session.refresh();
      await navigate('/account');
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  const emailOrPhone = (value: string) => {
    if (!value.trim() && !phone.trim()) return i18n.t('form.emailOrPhone');
    return optionalEmail(value);
  };

  return (
    <div className="narrow">
      <PageHeading>{t('register.title')}</PageHeading>
      <p>{t('register.intro')}</p>
      <ErrorAlert error={error} />
      <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
        <TextField name="name" label={t('register.name')} autoComplete="name" isRequired value={name} onChange={setName} validate={personName} />
        <fieldset className="fieldset">
          <legend className="field-label">{t('register.contactHint')}</legend>
          <TextField name="email" type="email" label={t('register.email')} autoComplete="email" value={email} onChange={setEmail} validate={emailOrPhone} />
          <TextField name="phone" type="tel" label={t('register.phone')} description={t('register.phoneHint')} autoComplete="tel" value={phone} onChange={setPhone} />
        </fieldset>
        <TextField
          name="password"
          type="password"
          label={t('register.password')}
          description={t('register.passwordHint')}
          autoComplete="new-password"
          isRequired
          value={password}
          onChange={setPassword}
          validate={newPassword}
        />
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('register.submit')}
          </Button>
        </div>
      </Form>
      <p className="aside-text">
        {t('register.haveAccount')} <Link href="/login">{t('auth.signIn')}</Link>
      </p>
    </div>
  );
}
