// Create or edit a knowledge-base article (supervisors and admins): title, address, kind,
// category, service, tags, short answer, the Markdown body with a preview, links, a video guide's
// video and transcript, and the state. Publishing and archiving are state changes saved with the
// form. The API's field messages are shown beside the fields; every save is a revision, listed
// below the form.
import { useState, type FormEvent } from 'react';
import { FieldError, Label, Tab, TabList, TabPanel, Tabs, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { articleStates, type ArticleKind } from '../../../shared/contracts/knowledge.ts';
import { toApiError, type ApiError } from '../../common/api.ts';
import { formatMoscow } from '../../common/format.ts';
import { createArticle, fetchArticle, listRevisions, updateArticle, type Article, type ArticleInput, type ArticleState } from '../../common/kb-api.ts';
import { Markdown } from '../../common/markdown.tsx';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, ErrorAlert, Form, Link, Loading, PageHeading, SelectField, SuccessMessage, TextField, useDocumentTitle } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';
import { NotFoundPage } from '../pages/errors.tsx';
import { StateBadge } from './list-page.tsx';
import './knowledge.css';

type LinkRow = { key: number; title: string; url: string };
type Draft = {
  title: string;
  slug: string;
  kind: ArticleKind;
  category: string;
  service: string;
  tags: string;
  shortAnswer: string;
  body: string;
  links: LinkRow[];
  videoUrl: string;
  transcript: string;
  state: ArticleState;
};

let nextKey = 1;
const rowKey = () => nextKey++;

function draftOf(a: Article): Draft {
  return {
    title: a.title,
    slug: a.slug,
    kind: a.kind,
    category: a.category,
    service: a.service,
    tags: a.tags.join(', '),
    shortAnswer: a.shortAnswer,
    body: a.body,
    links: a.links.map((l) => ({ key: rowKey(), title: l.title, url: l.url })),
    videoUrl: a.videoUrl ?? '',
    transcript: a.transcript ?? '',
    state: a.state,
  };
}

const blank: Draft = {
  title: '',
  slug: '',
  kind: 'faq',
  category: 'help_sections',
  service: 'support_channels',
  tags: '',
  shortAnswer: '',
  body: '',
  links: [],
  videoUrl: '',
  transcript: '',
  state: 'draft',
};

/** The body of the API call, and which form row each sent link came from. */
function inputOf(d: Draft, state: ArticleState): { input: ArticleInput; linkRows: number[] } {
  const rows = d.links.filter((l) => l.title.trim() || l.url.trim());
  return {
    input: {
      title: d.title.trim(),
      slug: d.slug.trim() || undefined,
      kind: d.kind,
      category: d.category as ArticleInput['category'],
      service: d.service as ArticleInput['service'],
      tags: d.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      shortAnswer: d.shortAnswer.trim(),
      body: d.body,
      links: rows.map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
      videoUrl: d.videoUrl.trim() || null,
      transcript: d.transcript.trim() ? d.transcript : null,
      state,
    },
    linkRows: rows.map((l) => l.key),
  };
}

/** The API's field paths («tags.2», «links.0.url») as the names of this form's inputs. */
function fieldErrorsOf(err: ApiError, linkRows: number[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of err.fields) {
    let name = f.path;
    const link = /^links\.(\d+)\.(title|url)$/.exec(f.path);
    if (link) name = `link-${linkRows[Number(link[1])] ?? 0}-${link[2]}`;
    else if (/^tags(\.\d+)?$/.test(f.path)) name = 'tags';
    (out[name] ??= []).push(f.message);
  }
  return out;
}

function TextAreaField(props: { name: string; label: string; description?: string; value: string; onChange(v: string): void; rows: number; className?: string }) {
  return (
    <AriaTextField name={props.name} value={props.value} onChange={props.onChange} className={props.className ? `field ${props.className}` : 'field'}>
      <Label className="field-label">{props.label}</Label>
      {props.description && (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      )}
      <TextArea className="field-input kb-textarea" rows={props.rows} />
      <FieldError className="field-error" />
    </AriaTextField>
  );
}

export function KnowledgeNewPage() {
  return <Editor article={null} />;
}

export function KnowledgeEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const article = useApiData(() => fetchArticle(id), [id]);
  if (article.error?.status === 404) return <NotFoundPage />;
  if (article.error) {
    return (
      <>
        <PageHeading>{t('kbEditor.title')}</PageHeading>
        <ErrorAlert error={article.error} />
        <Button variant="secondary" onPress={article.reload}>
          {t('common.retry')}
        </Button>
      </>
    );
  }
  if (!article.data || article.data.id !== id) return <Loading />;
  return <Editor key={article.data.id} article={article.data} />;
}

function Editor({ article: loaded }: { article: Article | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const taxonomy = useTaxonomy();
  const navigate = useNavigate();
  const location = useLocation();
  const { expire } = useSession();
  const [article, setArticle] = useState<Article | null>(loaded);
  const [draft, setDraft] = useState<Draft>(() => (loaded ? draftOf(loaded) : blank));
  const [pending, setPending] = useState<ArticleState | 'save' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const pageTitle = article ? t('kbEditor.editTitle') : t('kbEditor.newTitle');
  useDocumentTitle(article ? `${article.title} — ${pageTitle}` : pageTitle, t('app.consoleTitleSuffix'));

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setLink = (key: number, patch: Partial<LinkRow>) => setDraft((d) => ({ ...d, links: d.links.map((l) => (l.key === key ? { ...l, ...patch } : l)) }));

  const save = async (state: ArticleState, action: ArticleState | 'save') => {
    setPending(action);
    setError(null);
    setNotice(null);
    setFieldErrors({});
    const { input, linkRows } = inputOf(draft, state);
    try {
      const saved = article ? await updateArticle(article.id, input) : await createArticle(input);
      const message =
        action === 'published' ? t('kbEditor.publishedNotice') : action === 'archived' ? t('kbEditor.archivedNotice') : t('kbEditor.saved', { revision: saved.revision });
      if (!article) {
        void navigate(`/knowledge/${saved.id}`, { replace: true, state: { notice: message } });
        return;
      }
      setArticle(saved);
      setDraft(draftOf(saved));
      setNotice(message);
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setError(e);
      setFieldErrors(fieldErrorsOf(e, linkRows));
    } finally {
      setPending(null);
    }
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(draft.state, 'save');
  };

  const options = (list: Array<{ code: string; label: string }>) => list.map((x) => ({ value: x.code, label: x.label }));

  return (
    <div className="kb-editor">
      <p>
        <Link href="/knowledge">{t('kbEditor.back')}</Link>
      </p>
      <PageHeading>{pageTitle}</PageHeading>
      {article && (
        <p className="kb-editor-meta">
          <StateBadge state={article.state} />
          <span>{t('kbEditor.revisionOf', { revision: article.revision, date: formatMoscow(article.updatedAt, lang) })}</span>
          {article.state === 'published' && (
            // the portal is another app: a full page load
            <a className="link" href={`/help/articles/${article.slug}`}>
              {t('kbEditor.openOnPortal')}
            </a>
          )}
        </p>
      )}
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <ErrorAlert error={error} />

      <Form onSubmit={onSubmit} validationErrors={fieldErrors} className="kb-form">
        <TextField name="title" label={t('kbEditor.fields.title')} isRequired value={draft.title} onChange={(v) => set('title', v)} validate={required} maxLength={300} />
        <TextField name="slug" label={t('kbEditor.fields.slug')} description={t('kbEditor.fields.slugHint')} value={draft.slug} onChange={(v) => set('slug', v)} maxLength={120} />
        <div className="kb-form-row">
          <SelectField id="kb-edit-kind" name="kind" label={t('kbEditor.fields.kind')} value={draft.kind} onChange={(v) => v && set('kind', v as ArticleKind)} options={options(taxonomy.kinds)} />
          <SelectField id="kb-edit-category" name="category" label={t('kbEditor.fields.category')} value={draft.category} onChange={(v) => v && set('category', v)} options={options(taxonomy.categories)} />
          <SelectField id="kb-edit-service" name="service" label={t('kbEditor.fields.service')} value={draft.service} onChange={(v) => v && set('service', v)} options={options(taxonomy.services)} />
          <SelectField<ArticleState>
            id="kb-edit-state"
            name="state"
            label={t('kbEditor.fields.state')}
            value={draft.state}
            onChange={(v) => v && set('state', v)}
            options={articleStates.map((s) => ({ value: s, label: t(`kbEditor.states.${s}`) }))}
          />
        </div>
        <TextField name="tags" label={t('kbEditor.fields.tags')} description={t('kbEditor.fields.tagsHint')} value={draft.tags} onChange={(v) => set('tags', v)} />
        <TextAreaField
          name="shortAnswer"
          label={t('kbEditor.fields.shortAnswer')}
          description={t('kbEditor.fields.shortAnswerHint')}
          value={draft.shortAnswer}
          onChange={(v) => set('shortAnswer', v)}
          rows={3}
        />

        <BodyEditor value={draft.body} onChange={(v) => set('body', v)} />

        <fieldset className="fieldset kb-links">
          <legend>{t('kbEditor.links')}</legend>
          <p className="field-description">{t('kbEditor.linksHint')}</p>
          {draft.links.length === 0 && <p>{t('kbEditor.noLinks')}</p>}
          {draft.links.map((l, i) => (
            <div key={l.key} className="kb-link-row">
              <TextField name={`link-${l.key}-title`} label={t('kbEditor.linkTitle', { n: i + 1 })} value={l.title} onChange={(v) => setLink(l.key, { title: v })} />
              <TextField name={`link-${l.key}-url`} label={t('kbEditor.linkUrl', { n: i + 1 })} value={l.url} onChange={(v) => setLink(l.key, { url: v })} />
              <Button variant="quiet" onPress={() => setDraft((d) => ({ ...d, links: d.links.filter((x) => x.key !== l.key) }))} aria-label={t('kbEditor.removeLink', { n: i + 1 })}>
                {t('kbEditor.remove')}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onPress={() => setDraft((d) => ({ ...d, links: [...d.links, { key: rowKey(), title: '', url: '' }] }))}>
            {t('kbEditor.addLink')}
          </Button>
        </fieldset>

        {draft.kind === 'video_guide' && (
          <fieldset className="fieldset">
            <legend>{t('kbEditor.video')}</legend>
            <TextField name="videoUrl" type="url" label={t('kbEditor.fields.videoUrl')} description={t('kbEditor.fields.videoUrlHint')} value={draft.videoUrl} onChange={(v) => set('videoUrl', v)} />
            <TextAreaField
              name="transcript"
              label={t('kbEditor.fields.transcript')}
              description={t('kbEditor.fields.transcriptHint')}
              value={draft.transcript}
              onChange={(v) => set('transcript', v)}
              rows={8}
            />
          </fieldset>
        )}

        <div className="form-actions">
          <Button type="submit" isPending={pending === 'save'}>
            {t('kbEditor.save')}
          </Button>
          {article?.state !== 'published' && (
            <Button variant="secondary" isPending={pending === 'published'} onPress={() => void save('published', 'published')}>
              {t('kbEditor.publish')}
            </Button>
          )}
          {article && article.state !== 'archived' && (
            <Button variant="secondary" isPending={pending === 'archived'} onPress={() => void save('archived', 'archived')}>
              {t('kbEditor.archive')}
            </Button>
          )}
        </div>
      </Form>

      {article && <Revisions id={article.id} revision={article.revision} />}
    </div>
  );
}

function BodyEditor({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <div className="kb-body">
      <Tabs className="kb-tabs">
        <TabList aria-label={t('kbEditor.bodyTabs')} className="kb-tab-list">
          <Tab id="write" className="kb-tab">
            {t('kbEditor.write')}
          </Tab>
          <Tab id="preview" className="kb-tab">
            {t('kbEditor.preview')}
          </Tab>
        </TabList>
        <TabPanel id="write" className="kb-tab-panel">
          <TextAreaField name="body" label={t('kbEditor.fields.body')} description={t('kbEditor.fields.bodyHint')} value={value} onChange={onChange} rows={16} />
        </TabPanel>
        <TabPanel id="preview" className="kb-tab-panel kb-preview">
          {value.trim() ? <Markdown portalLinks="plain">{value}</Markdown> : <p>{t('kbEditor.previewEmpty')}</p>}
        </TabPanel>
      </Tabs>
    </div>
  );
}

function Revisions({ id, revision }: { id: string; revision: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const revisions = useApiData(() => listRevisions(id), [id, revision]);
  return (
    <section aria-labelledby="revisions-title" className="kb-revisions">
      <h2 id="revisions-title">{t('kbEditor.revisions')}</h2>
      {revisions.loading && <Loading />}
      <ErrorAlert error={revisions.error} />
      {revisions.data && (
        <div className="table-wrap" role="region" aria-labelledby="revisions-caption" tabIndex={0}>
          <table className="table">
            <caption id="revisions-caption" className="visually-hidden">
              {t('kbEditor.revisions')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('kbEditor.colRev')}</th>
                <th scope="col">{t('kbEditor.colEditedAt')}</th>
                <th scope="col">{t('kbEditor.colEditor')}</th>
                <th scope="col">{t('kbEditor.colState')}</th>
                <th scope="col">{t('kbEditor.colTitle')}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.data.map((r) => (
                <tr key={r.revision}>
                  <th scope="row">{r.revision}</th>
                  <td className="nowrap">{formatMoscow(r.editedAt, lang)}</td>
                  <td>{r.editedBy ?? t('kbEditor.system')}</td>
                  <td>
                    <StateBadge state={r.state} />
                  </td>
                  <td>
                    {r.title}
                    <details className="message-body">
                      <summary>{t('kbEditor.revisionText', { revision: r.revision })}</summary>
                      {r.shortAnswer && <p className="cell-note">{r.shortAnswer}</p>}
                      <pre>{r.body}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
