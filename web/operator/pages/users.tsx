// Users (admin): the list with masked contacts, filters and pages; creating a staff member;
// changing a role.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { roles, staffRoles, type Role } from '../../../shared/contracts/identity.ts';
import { changeUserRole, createStaff, listUsers, toApiError, type ApiError, type StaffUser } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, EmptyState, ErrorAlert, Form, Loading, PageHeading, Pagination, SelectField, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { newPassword, personName, requiredEmail } from '../../common/validate.ts';
import { useStaff } from '../shell.tsx';

const pageSize = 20;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const [draftQ, setDraftQ] = useState('');
  const [draftRole, setDraftRole] = useState<Role | ''>('');
  const [filters, setFilters] = useState<{ q: string; role: Role | '' }>({ q: '', role: '' });
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  useDocumentTitle(t('console.users.title'), t('app.consoleTitleSuffix'));

  const users = useApiData(() => listUsers({ q: filters.q || undefined, role: filters.role || undefined, limit: pageSize, offset }), [filters, offset]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFilters({ q: draftQ.trim(), role: draftRole });
    setOffset(0);
  };
  const reset = () => {
    setDraftQ('');
    setDraftRole('');
    setFilters({ q: '', role: '' });
    setOffset(0);
  };
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      <PageHeading>{t('console.users.title')}</PageHeading>
      <p>{t('console.users.intro')}</p>
      <div className="toolbar">
        <CreateStaffDialog
          onCreated={(u) => {
            setActionError(null);
            setNotice(t('console.users.created', { name: u.name }));
            users.reload();
          }}
        />
      </div>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <ErrorAlert error={actionError} />

      <form className="filters" onSubmit={apply} aria-label={t('common.filters')}>
        <TextField name="q" type="search" label={t('console.users.q')} value={draftQ} onChange={setDraftQ} />
        <SelectField<Role> id="users-role" name="role" label={t('console.users.role')} value={draftRole} onChange={setDraftRole} options={[{ value: '', label: t('console.users.allRoles') }, ...roleOptions]} />
        <div className="filters-actions">
          <Button type="submit">{t('console.users.apply')}</Button>
          <Button variant="quiet" onPress={reset}>
            {t('console.users.reset')}
          </Button>
        </div>
      </form>

      <div aria-busy={users.loading}>
        {users.loading && <Loading />}
        <ErrorAlert error={users.error} />
        {users.data && users.data.items.length === 0 && !users.loading && <EmptyState>{t('console.users.empty')}</EmptyState>}
        {users.data && users.data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="users-caption" tabIndex={0}>
              <table className="table">
                <caption id="users-caption" className="visually-hidden">
                  {t('console.users.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.users.colName')}</th>
                    <th scope="col">{t('console.users.colRole')}</th>
                    <th scope="col">{t('console.users.colEng')}</th>
                    <th scope="col">{t('console.users.colContacts')}</th>
                    <th scope="col">{t('console.users.colCreated')}</th>
                    <th scope="col">{t('console.users.colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        {u.name}
                        {u.disabled && <span className="cell-note cell-error">{t('console.users.disabled')}</span>}
                      </th>
                      <td>{t(`roles.${u.role}`)}</td>
                      <td className="nowrap">{u.eng ?? '—'}</td>
                      <td>
                        {u.email && <span className="cell-line">{u.email}</span>}
                        {u.phone && <span className="cell-line nowrap">{u.phone}</span>}
                        {!u.email && !u.phone && '—'}
                      </td>
                      <td>{formatMoscow(u.createdAt, lang)}</td>
                      <td>
                        <RoleChanger
                          user={u}
                          onChanged={(changed) => {
                            setActionError(null);
                            setNotice(t('console.users.roleChanged', { name: changed.name, role: t(`roles.${changed.role}`) }));
                            users.reload();
                          }}
                          onError={(e) => {
                            setNotice(null);
                            setActionError(e);
                          }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination offset={offset} limit={pageSize} total={users.data.total} onChange={setOffset} />
          </>
        )}
      </div>
    </>
  );
}

function RoleChanger({ user, onChanged, onError }: { user: StaffUser; onChanged(u: StaffUser): void; onError(e: ApiError): void }) {
  const { t } = useTranslation();
  const me = useStaff();
  const session = useSession();
  const [role, setRole] = useState<Role>(user.role);
  const [pending, setPending] = useState(false);

  const apply = async () => {
    setPending(true);
    try {
      const changed = await changeUserRole(user.id, role);
      onChanged(changed);
      // a change of one's own role changes what the console offers
      if (changed.id === me.id) await session.refresh();
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) session.expire();
      onError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="row-action">
      <SelectField
        id={`role-${user.id}`}
        label={t('console.users.newRole', { name: user.name })}
        hideLabel
        value={role}
        onChange={(v) => v && setRole(v)}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <Button variant="secondary" isDisabled={role === user.role} isPending={pending} onPress={() => void apply()} aria-label={`${t('console.users.changeRole')}: ${user.name}`}>
        {t('console.users.changeRole')}
      </Button>
    </div>
  );
}

function CreateStaffDialog({ onCreated }: { onCreated(u: StaffUser): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      trigger={<Button>{t('console.users.create')}</Button>}
      title={t('console.users.createTitle')}
    >
      {(close) => (
        <CreateStaffForm
          onCancel={close}
          onCreated={(u) => {
            close();
            onCreated(u);
          }}
        />
      )}
    </ModalDialog>
  );
}

function CreateStaffForm({ onCreated, onCancel }: { onCreated(u: StaffUser): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      onCreated(await createStaff({ name: name.trim(), email: email.trim(), phone: phone.trim() || undefined, password, role }));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      <Form onSubmit={onSubmit} validationErrors={fieldErrors}>
        <TextField name="name" label={t('console.users.name')} isRequired value={name} onChange={setName} validate={personName} autoComplete="off" />
        <TextField name="email" type="email" label={t('console.users.email')} isRequired value={email} onChange={setEmail} validate={requiredEmail} autoComplete="off" />
        <TextField name="phone" type="tel" label={t('console.users.phone')} description={t('console.users.phoneOptional')} value={phone} onChange={setPhone} autoComplete="off" />
        <TextField
          name="password"
          type="password"
          label={t('console.users.password')}
          description={t('console.users.passwordHint')}
          isRequired
          value={password}
          onChange={setPassword}
          validate={newPassword}
          autoComplete="new-password"
        />
        <SelectField
          id="create-role"
          name="role"
          label={t('console.users.role')}
          value={role}
          onChange={(v) => v && setRole(v)}
          options={staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('console.users.createSubmit')}
          </Button>
          <Button variant="quiet" onPress={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
