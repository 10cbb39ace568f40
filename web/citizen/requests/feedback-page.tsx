// «Обратная связь» (/help/feedback): the feedback form. A signed-in citizen sends the type, the
// description, a contact prefilled from the profile, an optional service and attachments (uploaded
// one by one after the request is made); the request lands in «Мои обращения» with the ЕНГ number.
// A visitor without an account gets the public form (фамилия, e-mail, описание, attachments): the
// number is shown and the tracking link goes by e-mail. An answer template's «Использовать в
// обращении» (?template=<slug>&requestNumber=…) prefills the description.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toApiError, type ApiError, type Me } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { fillTemplate } from '../../common/kb-api.ts';
import { createPublicRequest, createRequest, uploadDocument, uploadPublicDocument, type RequestDocument, type RequestType } from '../../common/requests-api.ts';
import { useSession } from '../../common/session.tsx';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, ErrorAlert, Form, Link, Loading, PageHeading, SelectField, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { optionalEmail, personName, requiredEmail } from '../../common/validate.ts';
import { AttachmentsField, DescriptionField, RequestTypeField, descriptionProblem, type PickedFile } from './form-parts.tsx';
import '../../common/requests/requests.css';

type Sent = { number: string; dueAt: string | null; publicEmail: string | null; uploaded: RequestDocument[]; failed: Array<{ name: string; message: string }> };

export function FeedbackPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const [params] = useSearchParams();
  const title = t('help.sections.feedback.title');
  useDocumentTitle(title, t('app.titleSuffix'));
  const [sent, setSent] = useState<Sent | null>(null);
  const template = params.get('template')?.trim() || null;
  const requestNumber = params.get('requestNumber')?.trim() || undefined;

  let body;
  if (sent) body = <SentNotice sent={sent} onAnother={() => setSent(null)} />;
  else if (state.status === 'loading') body = <Loading />;
  else if (state.status === 'signed-in' && state.me.role !== 'citizen') body = <StaffNotice />;
  else if (state.status === 'signed-in') body = <CitizenForm me={state.me} template={template} requestNumber={requestNumber} onSent={setSent} />;
  else body = <PublicForm template={template} requestNumber={requestNumber} onSent={setSent} />;

  return (
    <div className="help-page">
      <PageHeading>{title}</PageHeading>
      {body}
    </div>
  );
}

function StaffNotice() {
  const { t } = useTranslation();
  return (
    <div className="notice" role="note">
      <p>{t('requests.form.staffNote')}</p>
      <p>
        {/* the console is another app: a full page load */}
        <a className="btn btn-secondary" href="/operator/requests">
          {t('requests.form.toConsole')}
        </a>
      </p>
    </div>
  );
}

/** The description from an answer template, once; the citizen may edit it. */
function useTemplateText(template: string | null, requestNumber: string | undefined, apply: (text: string) => void) {
  const [note, setNote] = useState<{ title: string; missing: string[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(Boolean(template));
  useEffect(() => {
    if (!template) return;
    let current = true;
    setLoading(true);
    fillTemplate(template, requestNumber).then(
      (filled) => {
        if (!current) return;
        apply(filled.text);
        setNote({ title: filled.title, missing: filled.missing });
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(toApiError(err));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // apply is a state setter wrapper; the template is filled once per slug
  }, [template, requestNumber]);
  return { note, error, loading };
}

function TemplateNote({ note, error, template }: { note: { title: string; missing: string[] } | null; error: ApiError | null; template: string | null }) {
  const { t } = useTranslation();
  if (!template) return null;
  return (
    <>
      <ErrorAlert error={error} />
      {note && (
        <div className="notice" role="status">
          <p>{t('requests.form.fromTemplate', { title: note.title })}</p>
          {note.missing.length > 0 && <p>{t('help.template.missing', { list: note.missing.map((m) => `{${m}}`).join(', ') })}</p>}
          <p>
            <Link href={`/help/articles/${encodeURIComponent(template)}`}>{t('requests.form.toTemplate')}</Link>
          </p>
        </div>
      )}
    </>
  );
}

async function uploadAll(files: PickedFile[], send: (file: File) => Promise<RequestDocument>) {
  const uploaded: RequestDocument[] = [];
  const failed: Sent['failed'] = [];
  for (const { file } of files) {
    try {
      uploaded.push(await send(file));
    } catch (err) {
      failed.push({ name: file.name, message: toApiError(err).message });
    }
  }
  return { uploaded, failed };
}

function CitizenForm({ me, template, requestNumber, onSent }: { me: Me; template: string | null; requestNumber?: string; onSent(s: Sent): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const taxonomy = useTaxonomy();
  const [type, setType] = useState<RequestType>('technical');
  const [description, setDescription] = useState('');
  const [email, setEmail] = useState(me.email ?? '');
  const [phone, setPhone] = useState(me.phone ?? '');
  const [service, setService] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [pending, setPending] = useState<'send' | 'upload' | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const filled = useTemplateText(template, requestNumber, setDescription);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    if (descriptionProblem(description)) return;
    if (!email.trim() && !phone.trim()) {
      setError(t('form.emailOrPhone'));
      return;
    }
    if (files.some((f) => f.problem)) {
      setError(t('requests.form.fixFiles'));
      return;
    }
    setPending('send');
    try {
      const created = await createRequest({
        type,
        description: description.trim(),
        contact: { ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) },
        ...(service ? { service } : {}),
      });
      setPending('upload');
      const { uploaded, failed } = await uploadAll(files, (file) => uploadDocument(created.number, file));
      onSent({ number: created.number, dueAt: created.dueAt, publicEmail: null, uploaded, failed });
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
      setFieldErrors(fieldNames(apiError.fieldErrors()));
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <p>{t('requests.form.intro')}</p>
      <TemplateNote note={filled.note} error={filled.error} template={template} />
      {filled.loading && <Loading />}
      <ErrorAlert error={error} />
      <Form onSubmit={submit} validationErrors={fieldErrors} className="card request-form" aria-label={t('requests.form.label')}>
        <RequestTypeField value={type} onChange={setType} />
        <DescriptionField value={description} onChange={setDescription} />
        <fieldset className="fieldset">
          <legend className="field-label">{t('requests.form.contact')}</legend>
          <p className="field-description">{t('requests.form.contactHint')}</p>
          <TextField name="email" type="email" label={t('requests.form.email')} autoComplete="email" value={email} onChange={setEmail} validate={optionalEmail} />
          <TextField name="phone" type="tel" label={t('requests.form.phone')} autoComplete="tel" value={phone} onChange={setPhone} />
        </fieldset>
        <SelectField
          id="request-service"
          name="service"
          label={t('requests.form.service')}
          value={service}
          onChange={setService}
          options={[{ value: '', label: t('requests.form.serviceNone') }, ...taxonomy.services.map((s) => ({ value: s.code, label: s.label }))]}
        />
        <AttachmentsField files={files} onChange={setFiles} />
        <div className="form-actions">
          <Button type="submit" isPending={pending !== null}>
            {t('requests.form.submit')}
          </Button>
          {pending === 'upload' && <span role="status">{t('requests.form.uploading')}</span>}
        </div>
      </Form>
      <p>
        <Link href="/account/requests">{t('requests.list.title')}</Link>
      </p>
    </>
  );
}

/** The server names contact fields `contact.email`; the form's fields are `email` and `phone`. */
function fieldNames(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(errors)) out[k.replace(/^contact\./, '')] = v;
  return out;
}

function PublicForm({ template, requestNumber, onSent }: { template: string | null; requestNumber?: string; onSent(s: Sent): void }) {
  const { t } = useTranslation();
  const [surname, setSurname] = useState('');
  const [email, setEmail] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [pending, setPending] = useState<'send' | 'upload' | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const filled = useTemplateText(template, requestNumber, setDescription);
  const next = `/help/feedback${template ? `?template=${encodeURIComponent(template)}` : ''}`;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    if (descriptionProblem(description) || personName(surname) || requiredEmail(email)) return;
    if (files.some((f) => f.problem)) {
      setError(t('requests.form.fixFiles'));
      return;
    }
    setPending('send');
    try {
      const created = await createPublicRequest({ surname: surname.trim(), email: email.trim(), description: description.trim() });
      setPending('upload');
      const { uploaded, failed } = await uploadAll(files, (file) => uploadPublicDocument(created.number, created.uploadToken, file));
      onSent({ number: created.number, dueAt: null, publicEmail: email.trim(), uploaded, failed });
    } catch (err) {
      const apiError = toApiError(err);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <div className="notice" role="note">
        <p>{t('requests.form.publicIntro')}</p>
        <p>
          <Link href={`/login?next=${encodeURIComponent(next)}`}>{t('auth.signIn')}</Link>
          {' · '}
          <Link href="/register">{t('auth.register')}</Link>
        </p>
      </div>
      <TemplateNote note={filled.note} error={filled.error} template={template} />
      <ErrorAlert error={error} />
      <Form onSubmit={submit} validationErrors={fieldErrors} className="card request-form" aria-label={t('requests.form.publicLabel')}>
        <TextField name="surname" label={t('requests.form.surname')} autoComplete="family-name" isRequired value={surname} onChange={setSurname} validate={personName} />
        <TextField name="email" type="email" label={t('requests.form.email')} description={t('requests.form.publicEmailHint')} autoComplete="email" isRequired value={email} onChange={setEmail} validate={requiredEmail} />
        <DescriptionField value={description} onChange={setDescription} />
        <AttachmentsField files={files} onChange={setFiles} />
        <div className="form-actions">
          <Button type="submit" isPending={pending !== null}>
            {t('requests.form.submit')}
          </Button>
          {pending === 'upload' && <span role="status">{t('requests.form.uploading')}</span>}
        </div>
      </Form>
    </>
  );
}

function SentNotice({ sent, onAnother }: { sent: Sent; onAnother(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <section className="notice notice-success" role="status" aria-labelledby="sent-title" data-testid="request-sent">
      <h2 id="sent-title">{t('requests.form.sentTitle')}</h2>
      <p>
        {t('requests.form.sentNumber')} <span className="request-number" data-testid="request-number">{sent.number}</span>
      </p>
      {sent.dueAt && <p>{t('requests.form.sentDue', { date: formatMoscow(sent.dueAt, lang) })}</p>}
      {sent.publicEmail ? <p>{t('requests.form.sentPublic', { email: sent.publicEmail })}</p> : <p>{t('requests.form.sentTrack')}</p>}
      {sent.uploaded.length > 0 && <p>{t('requests.form.uploadsDone', { n: sent.uploaded.length })}</p>}
      {sent.failed.length > 0 && (
        <div role="alert" className="alert alert-error">
          {sent.failed.map((f) => (
            <p key={f.name}>{t('requests.form.uploadFailed', { name: f.name, message: f.message })}</p>
          ))}
          {!sent.publicEmail && <p>{t('requests.form.uploadLater')}</p>}
        </div>
      )}
      <div className="form-actions">
        {!sent.publicEmail && (
          <Link href={`/account/requests/${encodeURIComponent(sent.number)}`} variant="primary">
            {t('requests.form.openRequest')}
          </Link>
        )}
        <Button variant="secondary" onPress={onAnother}>
          {t('requests.form.another')}
        </Button>
      </div>
    </section>
  );
}
