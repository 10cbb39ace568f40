// An article of the help centre: title, kind, category, dates (Moscow time), the short answer,
// the body from Markdown, links, a video guide's video and transcript, related articles, and
// «Была ли статья полезна?». An answer template gets its own panel (filled from the profile,
// copied, used in a request). An unknown or unpublished address is the 404 page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toApiError, type ApiError } from '../../common/api.ts';
import { fetchArticle, voteArticle, type Article, type Votes } from '../../common/kb-api.ts';
import { formatMoscow } from '../../common/format.ts';
import { Markdown, isInternalUrl } from '../../common/markdown.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { useTaxonomy } from '../../common/use-taxonomy.ts';
import { Button, ErrorAlert, Link, Loading, PageHeading, useDocumentTitle } from '../../common/ui.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import { TemplatePanel, withoutTemplateText } from './template-panel.tsx';
import './help.css';

export function ArticlePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const article = useApiData(() => fetchArticle(slug), [slug]);
  const current = article.data && (article.data.slug === slug || article.data.id === slug) ? article.data : undefined;
  useDocumentTitle(current?.title ?? '', t('app.titleSuffix'));

  if (article.error?.status === 404) return <NotFoundPage />;
  if (article.error) {
    return (
      <>
        <PageHeading>{t('help.article.errorTitle')}</PageHeading>
        <ErrorAlert error={article.error} />
        <Button variant="secondary" onPress={article.reload}>
          {t('common.retry')}
        </Button>
      </>
    );
  }
  if (!current) return <Loading />;
  return <ArticleView key={current.id} article={current} />;
}

function ArticleView({ article }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const taxonomy = useTaxonomy();
  const isTemplate = article.kind === 'answer_template';
  const body = isTemplate ? withoutTemplateText(article.body) : article.body;

  return (
    <article className="help-article">
      <nav aria-label={t('help.article.breadcrumbs')} className="breadcrumbs">
        <ol>
          <li>
            <Link href="/">{t('help.article.home')}</Link>
          </li>
          <li>
            <Link href={article.kind === 'instruction' || article.kind === 'video_guide' ? '/help/guides' : '/help/faq'}>
              {article.kind === 'instruction' || article.kind === 'video_guide' ? t('help.sections.guides.title') : t('help.sections.faq.title')}
            </Link>
          </li>
        </ol>
      </nav>
      <PageHeading>{article.title}</PageHeading>
      <p className="article-meta">
        <span className="badge kind-badge">{taxonomy.kind(article.kind)}</span>
        <span>
          {t('help.article.category')}: {taxonomy.category(article.category)}
        </span>
        <span>
          {t('help.article.service')}: {taxonomy.service(article.service)}
        </span>
      </p>
      <p className="article-dates">
        {article.publishedAt && <span>{t('help.article.published', { date: formatMoscow(article.publishedAt, lang) })}</span>}
        <span>{t('help.article.updated', { date: formatMoscow(article.updatedAt, lang) })}</span>
      </p>

      {article.shortAnswer && (
        <section className="short-answer" aria-labelledby="short-answer-title">
          <h2 id="short-answer-title" className="short-answer-title">
            {t('help.article.shortAnswer')}
          </h2>
          <p>{article.shortAnswer}</p>
        </section>
      )}

      <Markdown>{body}</Markdown>

      {isTemplate && <TemplatePanel article={article} />}

      {article.kind === 'video_guide' && <VideoBlock article={article} />}

      {article.links.length > 0 && (
        <section aria-labelledby="links-title" className="article-links">
          <h2 id="links-title">{t('help.article.links')}</h2>
          <ul>
            {article.links.map((l, i) => (
              <li key={`${l.url}-${i}`}>
                {isInternalUrl(l.url) ? (
                  <Link href={l.url}>{l.title}</Link>
                ) : (
                  <a className="link" href={l.url} rel="noopener noreferrer">
                    {l.title}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <Helpfulness article={article} />

      {article.related.length > 0 && (
        <section aria-labelledby="related-title" className="article-related">
          <h2 id="related-title">{t('help.article.related')}</h2>
          <ul>
            {article.related.map((r) => (
              <li key={r.id}>
                <Link href={r.url}>{r.title}</Link> <span className="badge kind-badge">{taxonomy.kind(r.kind)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function VideoBlock({ article }: { article: Article }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="video-title" className="article-video">
      <h2 id="video-title">{t('help.article.video')}</h2>
      {article.videoUrl ? (
        <p>
          <a className="link" href={article.videoUrl} rel="noopener noreferrer">
            {t('help.article.openVideo')}
          </a>
        </p>
      ) : (
        <p>{t('help.article.noVideo')}</p>
      )}
      {article.transcript && (
        <details className="transcript">
          <summary>{t('help.article.transcript')}</summary>
          <Markdown>{article.transcript}</Markdown>
        </details>
      )}
    </section>
  );
}

function Helpfulness({ article }: { article: Article }) {
  const { t } = useTranslation();
  const [votes, setVotes] = useState<Votes>(article.votes);
  const [voted, setVoted] = useState<boolean | null>(null);
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const vote = async (helpful: boolean) => {
    setPending(helpful);
    setError(null);
    try {
      setVotes(await voteArticle(article.id, helpful));
      setVoted(helpful);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(null);
    }
  };

  return (
    <section aria-labelledby="helpful-title" className="helpfulness">
      <h2 id="helpful-title" className="helpfulness-title">
        {t('help.article.helpfulQuestion')}
      </h2>
      <div className="helpfulness-actions">
        <Button variant="secondary" isPending={pending === true} onPress={() => void vote(true)} aria-pressed={voted === true}>
          {t('help.article.yes')}
        </Button>
        <Button variant="secondary" isPending={pending === false} onPress={() => void vote(false)} aria-pressed={voted === false}>
          {t('help.article.no')}
        </Button>
        <span className="helpfulness-counts">{t('help.article.votes', { yes: votes.helpful, no: votes.notHelpful })}</span>
      </div>
      <p role="status" className="helpfulness-thanks">
        {voted !== null ? t('help.article.thanks') : ''}
      </p>
      <ErrorAlert error={error} />
    </section>
  );
}
