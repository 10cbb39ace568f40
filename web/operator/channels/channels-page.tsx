// «Каналы» (admins, /operator/channels): every channel kind with its state, source and last error;
// per kind a form built from the kind's fields (secret ones as password inputs: left empty, the
// saved value stays), switching a console account off and on, and deleting it after a confirmation.
// An account set by environment variables is shown, never editable.
import { useState, type FormEvent } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { listChannelAccounts, removeChannelAccount, saveChannelAccount, setChannelAccountEnabled, type ChannelAccount, type ChannelAccountField } from '../../common/channels-api.ts';
import { formatMoscow } from '../../common/format.ts';
import { dictionary, type Lang } from '../../common/i18n.ts';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, Details, ErrorAlert, Form, Loading, PageHeading, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import './channels.css';

type Labels = ReturnType<typeof dictionary>['operatorChannels'];

function fieldText(labels: Labels, kind: string, field: string): { label: string; hint: string } {
  return labels.fields[kind]?.[field] ?? { label: field, hint: '' };
}

const kindLabel = (labels: Labels, kind: string) => (labels.kinds as Record<string, string>)[kind] ?? kind;

function StatusBadge({ status, labels }: { status: ChannelAccount['status']; labels: Labels }) {
  return <span className={`status channel-status channel-status-${status}`}>{labels.statuses[status]}</span>;
}

export function ChannelsPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const labels = dictionary(lang).operatorChannels;
  const list = useApiData(() => listChannelAccounts(), []);
  const [notice, setNotice] = useState<string | null>(null);
  useDocumentTitle(t('operatorChannels.title'), t('app.consoleTitleSuffix'));

  const done = (text: string) => {
    setNotice(text);
    list.reload();
  };

  return (
    <>
      <PageHeading>{t('operatorChannels.title')}</PageHeading>
      <p>{t('operatorChannels.intro')}</p>
      <div aria-live="polite">{notice && <SuccessMessage>{notice}</SuccessMessage>}</div>
      <div aria-busy={list.loading}>
        {list.loading && !list.data && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && !list.data.canSave && (
          <div className="alert alert-warning" role="note" data-testid="channels-no-key">
            {t('operatorChannels.noKey')}
          </div>
        )}
        {list.data && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="channels-caption" tabIndex={0}>
              <table className="table">
                <caption id="channels-caption" className="visually-hidden">
                  {t('operatorChannels.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('operatorChannels.colChannel')}</th>
                    <th scope="col">{t('operatorChannels.colSource')}</th>
                    <th scope="col">{t('operatorChannels.colStatus')}</th>
                    <th scope="col">{t('operatorChannels.colLastError')}</th>
                    <th scope="col">{t('operatorChannels.colUpdated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((a) => (
                    <tr key={a.kind} data-testid={`channel-row-${a.kind}`}>
                      <th scope="row">
                        <a className="link" href={`#channel-${a.kind}`}>
                          {kindLabel(labels, a.kind)}
                        </a>
                        {a.name && <span className="cell-note">{a.name}</span>}
                      </th>
                      <td>{labels.sources[a.source ?? 'none']}</td>
                      <td>
                        <StatusBadge status={a.status} labels={labels} />
                      </td>
                      <td className="cell-break" data-testid={`channel-error-${a.kind}`}>
                        {a.lastError ? t('operatorChannels.errorAt', { error: a.lastError, when: formatMoscow(a.lastErrorAt, lang) }) : t('operatorChannels.noError')}
                      </td>
                      <td className="nowrap">{a.updatedAt ? formatMoscow(a.updatedAt, lang) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {list.data.items.map((a) => (
              <ChannelSection key={`${a.kind}-${a.updatedAt ?? 'none'}`} account={a} labels={labels} onDone={done} />
            ))}
          </>
        )}
      </div>
    </>
  );
}

function ChannelSection({ account: a, labels, onDone }: { account: ChannelAccount; labels: Labels; onDone(text: string): void }) {
  const { t } = useTranslation();
  const kind = kindLabel(labels, a.kind);
  const headingId = `channel-${a.kind}-heading`;
  return (
    <section id={`channel-${a.kind}`} className="card channel-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="channel-heading">
        {kind} <StatusBadge status={a.status} labels={labels} />
      </h2>
      {a.source === 'env' ? (
        <>
          <p>{t('operatorChannels.fromEnv')}</p>
          <Details
            items={[
              ...(a.name ? [{ label: t('operatorChannels.accountName'), value: a.name }] : []),
              ...a.fields.filter((f) => f.value !== null).map((f) => ({ label: fieldText(labels, a.kind, f.name).label, value: String(f.value) })),
            ]}
          />
        </>
      ) : (
        <>
          <AccountForm account={a} labels={labels} kindName={kind} onDone={onDone} />
          {a.configured && <AccountActions account={a} kindName={kind} labels={labels} onDone={onDone} />}
        </>
      )}
    </section>
  );
}

type Values = Record<string, string | boolean>;

function initialValues(fields: ChannelAccountField[]): Values {
  const out: Values = {};
  for (const f of fields) {
    if (f.secret) out[f.name] = '';
    else if (f.type === 'boolean') out[f.name] = f.value === true || (f.value === null && f.default === true);
    else if (f.type === 'enum') out[f.name] = String(f.value ?? f.default ?? f.options?.[0] ?? '');
    else out[f.name] = f.value === null ? '' : String(f.value);
  }
  return out;
}

function credentialsOf(fields: ChannelAccountField[], values: Values): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (typeof v === 'boolean') {
      out[f.name] = v;
      continue;
    }
    const text = (v ?? '').trim();
    if (!text) continue; // empty: a secret keeps its saved value, a setting takes its default
    out[f.name] = f.type === 'number' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return out;
}

function AccountForm({ account: a, labels, kindName, onDone }: { account: ChannelAccount; labels: Labels; kindName: string; onDone(text: string): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [name, setName] = useState(a.source === 'console' ? (a.name ?? '') : '');
  const [values, setValues] = useState<Values>(() => initialValues(a.fields));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const set = (field: string, v: string | boolean) => setValues((old) => ({ ...old, [field]: v }));
  const idOf = (field: string) => `channel-${a.kind}-${field}`;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const saved = await saveChannelAccount(a.kind, { ...(name.trim() ? { name: name.trim() } : {}), credentials: credentialsOf(a.fields, values) });
      onDone(t('operatorChannels.saved', { kind: kindName, status: labels.statuses[saved.status] }));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
      setPending(false);
    }
  };

  return (
    <Form onSubmit={submit} validationErrors={fieldErrors} aria-label={t('operatorChannels.formLabel', { kind: kindName })} className="channel-form">
      <ErrorAlert error={error} />
      <TextField name="name" label={t('operatorChannels.accountName')} description={t('operatorChannels.accountNameHint')} value={name} onChange={setName} autoComplete="off" />
      {a.fields.map((f) => {
        const text = fieldText(labels, a.kind, f.name);
        const problem = fieldErrors[`credentials.${f.name}`]?.join(' ');
        if (f.type === 'enum' || f.type === 'boolean') {
          const errorId = `${idOf(f.name)}-error`;
          const hintId = `${idOf(f.name)}-hint`;
          const describedBy = [text.hint ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div className="field" key={f.name}>
              {f.type === 'enum' ? (
                <>
                  <label htmlFor={idOf(f.name)} className="field-label">
                    {text.label}
                  </label>
                  {text.hint && (
                    <span id={hintId} className="field-description">
                      {text.hint}
                    </span>
                  )}
                  <select
                    id={idOf(f.name)}
                    name={`credentials.${f.name}`}
                    className="field-input field-select"
                    value={String(values[f.name] ?? '')}
                    onChange={(e) => set(f.name, e.target.value)}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={describedBy}
                  >
                    {(f.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <label className="channel-checkbox">
                  <input type="checkbox" name={`credentials.${f.name}`} checked={values[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} />{' '}
                  {text.label}
                  {text.hint && (
                    <span id={hintId} className="field-description">
                      {text.hint}
                    </span>
                  )}
                </label>
              )}
              {problem && (
                <span id={errorId} className="field-error">
                  {problem}
                </span>
              )}
            </div>
          );
        }
        const saved = f.secret && f.value !== null;
        const description = [
          text.hint,
          saved ? t('operatorChannels.secretSaved', { mask: String(f.value) }) : '',
          !f.secret && f.default !== null ? t('operatorChannels.defaultValue', { value: String(f.default) }) : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <TextField
            key={f.name}
            id={idOf(f.name)}
            name={`credentials.${f.name}`}
            type={f.secret ? 'password' : 'text'}
            inputMode={f.type === 'number' ? 'numeric' : undefined}
            label={text.label}
            description={description || undefined}
            isRequired={f.required && !saved}
            validate={(v) => (f.required && !saved && !v.trim() ? t('form.required') : null)}
            value={String(values[f.name] ?? '')}
            onChange={(v) => set(f.name, v)}
            autoComplete={f.secret ? 'new-password' : 'off'}
            spellCheck="false"
          />
        );
      })}
      <div className="form-actions">
        <Button type="submit" isPending={pending}>
          {t('operatorChannels.save')}
        </Button>
      </div>
    </Form>
  );
}

function AccountActions({ account: a, kindName, labels, onDone }: { account: ChannelAccount; kindName: string; labels: Labels; onDone(text: string): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [pending, setPending] = useState<'toggle' | 'remove' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);

  const fail = (err: unknown) => {
    const e = toApiError(err);
    if (e.status === 401) expire();
    setError(e);
    setPending(null);
  };
  const toggle = async () => {
    setPending('toggle');
    setError(null);
    try {
      const changed = await setChannelAccountEnabled(a.kind, !a.enabled);
      onDone(changed.enabled ? t('operatorChannels.enabled', { kind: kindName, status: labels.statuses[changed.status] }) : t('operatorChannels.disabled', { kind: kindName }));
    } catch (err) {
      fail(err);
    }
  };
  const remove = async () => {
    setPending('remove');
    setError(null);
    try {
      await removeChannelAccount(a.kind);
      setConfirming(false);
      onDone(t('operatorChannels.removed', { kind: kindName }));
    } catch (err) {
      setConfirming(false);
      fail(err);
    }
  };

  return (
    <div className="channel-actions">
      <ErrorAlert error={error} />
      <div className="form-actions">
        <Button variant="secondary" isPending={pending === 'toggle'} onPress={() => void toggle()} aria-label={`${a.enabled ? t('operatorChannels.disable') : t('operatorChannels.enable')}: ${kindName}`}>
          {a.enabled ? t('operatorChannels.disable') : t('operatorChannels.enable')}
        </Button>
        <DialogTrigger isOpen={confirming} onOpenChange={setConfirming}>
          <Button variant="danger" aria-label={`${t('operatorChannels.remove')}: ${kindName}`}>
            {t('operatorChannels.remove')}
          </Button>
          <ModalOverlay className="modal-overlay" isDismissable>
            <Modal className="modal">
              <Dialog className="dialog" role="alertdialog">
                {({ close }) => (
                  <>
                    <Heading slot="title" className="dialog-title">
                      {t('operatorChannels.removeTitle', { kind: kindName })}
                    </Heading>
                    <p>{t('operatorChannels.removeText')}</p>
                    <div className="form-actions">
                      <Button variant="danger" isPending={pending === 'remove'} onPress={() => void remove()}>
                        {t('operatorChannels.removeConfirm')}
                      </Button>
                      <Button variant="quiet" onPress={close} autoFocus>
                        {t('common.cancel')}
                      </Button>
                    </div>
                  </>
                )}
              </Dialog>
            </Modal>
          </ModalOverlay>
        </DialogTrigger>
      </div>
    </div>
  );
}
