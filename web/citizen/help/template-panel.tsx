// An answer template's panel: the text to copy into a request, «Заполнить из профиля» (the server
// fills {ФИО}, {ЕНГ}, {телефон}, {email} from the signed-in citizen's own profile and {номер_заявки}
// from the number typed here; what stays unfilled is listed), «Копировать» and «Использовать в
// обращении», which opens the feedback page with the template.
import { useState } from 'react';
import { Label, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { fillTemplate, type Article } from '../../common/kb-api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, ErrorAlert, Link, TextField } from '../../common/ui.tsx';

// the same rule as the server's: the first fenced block is the text to copy, else the whole body
const fence = /```[^\n]*\n([\s\S]*?)```/;

export function templateText(body: string): string {
  return (fence.exec(body)?.[1] ?? body).trim();
}

/** The body without the text to copy (the panel shows that text). */
export function withoutTemplateText(body: string): string {
  return fence.test(body) ? body.replace(fence, '').trim() : '';
}

export type CopyState = 'idle' | 'copied' | 'failed';

export async function copyText(text: string): Promise<CopyState> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'failed';
  }
}

export function CopyStatus({ state }: { state: CopyState }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="copy-status">
      {state === 'copied' ? t('help.template.copied') : state === 'failed' ? t('help.template.copyFailed') : ''}
    </span>
  );
}

export function TemplatePanel({ article }: { article: Article }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { state: session } = useSession();
  const signedIn = session.status === 'signed-in';
  const [text, setText] = useState(() => templateText(article.body));
  const [requestNumber, setRequestNumber] = useState('');
  const [filled, setFilled] = useState<{ missing: string[]; signedIn: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  const fill = async () => {
    setPending(true);
    setError(null);
    setCopy('idle');
    try {
      const result = await fillTemplate(article.slug, requestNumber.trim() || undefined);
      setText(result.text);
      setFilled({ missing: result.missing, signedIn });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  const use = () => {
    const p = new URLSearchParams({ template: article.slug });
    if (requestNumber.trim()) p.set('requestNumber', requestNumber.trim());
    void navigate(`/help/feedback?${p.toString()}`);
  };

  return (
    <section className="template-panel card" aria-labelledby="template-title">
      <h2 id="template-title">{t('help.template.title')}</h2>
      <p>{t('help.template.intro')}</p>
      {!signedIn && (
        <p className="note template-sign-in">
          {t('help.template.signInHint')}{' '}
          <Link href={`/login?next=${encodeURIComponent(`/help/articles/${article.slug}`)}`}>{t('auth.signIn')}</Link>
        </p>
      )}
      <div className="template-fill">
        <TextField
          label={t('help.template.requestNumber')}
          description={t('help.template.requestNumberHint')}
          value={requestNumber}
          onChange={setRequestNumber}
          maxLength={40}
          className="template-request-number"
        />
        <Button variant="secondary" isPending={pending} onPress={() => void fill()}>
          {t('help.template.fill')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      {filled && (
        <div role="status" className="template-filled">
          <p>{filled.signedIn ? t('help.template.filled') : t('help.template.filledAnonymous')}</p>
          {filled.missing.length > 0 && <p>{t('help.template.missing', { list: filled.missing.map((m) => `{${m}}`).join(', ') })}</p>}
        </div>
      )}
      <AriaTextField className="field template-text-field" value={text} onChange={setText}>
        <Label className="field-label">{t('help.template.text')}</Label>
        <TextArea className="field-input template-text" rows={Math.min(14, text.split('\n').length + 1)} />
      </AriaTextField>
      <div className="form-actions">
        <Button
          onPress={() => {
            setCopy('idle');
            void copyText(text).then(setCopy);
          }}
        >
          {t('help.template.copy')}
        </Button>
        <Button variant="secondary" onPress={use}>
          {t('help.template.use')}
        </Button>
        <CopyStatus state={copy} />
      </div>
    </section>
  );
}
