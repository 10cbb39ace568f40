// «Обратная связь». The request form is another issue; until it comes, an answer template's
// «Использовать в обращении» (?template=<slug>) shows the prefilled text read-only, with a note that
// the form is being prepared. Without ?template the section keeps its placeholder.
import { useState } from 'react';
import { Label, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { fillTemplate } from '../../common/kb-api.ts';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { Preparing } from '../pages/help-section.tsx';
import { CopyStatus, copyText, type CopyState } from './template-panel.tsx';
import './help.css';

export function FeedbackPage() {
  const [params] = useSearchParams();
  const template = params.get('template')?.trim();
  if (!template) return <Preparing section="feedback" />;
  return <FeedbackFromTemplate slug={template} requestNumber={params.get('requestNumber')?.trim() || undefined} />;
}

function FeedbackFromTemplate({ slug, requestNumber }: { slug: string; requestNumber?: string }) {
  const { t } = useTranslation();
  const title = t('help.sections.feedback.title');
  useDocumentTitle(title, t('app.titleSuffix'));
  const filled = useApiData(() => fillTemplate(slug, requestNumber), [slug, requestNumber]);
  const [copy, setCopy] = useState<CopyState>('idle');

  return (
    <div className="help-page">
      <PageHeading>{title}</PageHeading>
      <div className="notice" role="note">
        <p className="notice-title">{t('help.feedbackDraft.notice')}</p>
        <p>{t('help.feedbackDraft.text')}</p>
      </div>
      {filled.loading && <Loading />}
      <ErrorAlert error={filled.error} />
      {filled.data && !filled.loading && (
        <section className="card" aria-labelledby="draft-title">
          <h2 id="draft-title">{t('help.feedbackDraft.title', { title: filled.data.title })}</h2>
          {filled.data.missing.length > 0 && <p>{t('help.template.missing', { list: filled.data.missing.map((m) => `{${m}}`).join(', ') })}</p>}
          <AriaTextField className="field template-text-field" value={filled.data.text} isReadOnly>
            <Label className="field-label">{t('help.feedbackDraft.label')}</Label>
            <TextArea className="field-input template-text" rows={Math.min(14, filled.data.text.split('\n').length + 1)} />
          </AriaTextField>
          <div className="form-actions">
            <Button variant="secondary" onPress={() => void copyText(filled.data?.text ?? '').then(setCopy)}>
              {t('help.template.copy')}
            </Button>
            <Link href="/help/chat" variant="secondary">
              {t('help.sections.chat.menu')}
            </Link>
            <CopyStatus state={copy} />
          </div>
        </section>
      )}
      <p>
        <Link href={`/help/articles/${encodeURIComponent(slug)}`}>{t('help.feedbackDraft.toTemplate')}</Link>
      </p>
    </div>
  );
}
