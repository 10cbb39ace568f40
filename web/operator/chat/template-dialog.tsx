// «Вставить шаблон»: find an answer template in the knowledge base and insert its text with the
// citizen's ФИО and ЕНГ filled in; other placeholders stay for the operator to fill.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { toApiError, type ApiError } from '../../common/api.ts';
import { fetchArticle, listTemplates, searchTemplates, type TemplateHit } from '../../common/chat/chat-api.ts';
import { fillTemplate, templateText } from '../../common/chat/template.ts';
import { Button, EmptyState, ErrorAlert, Form, Loading, TextField } from '../../common/ui.tsx';

export type InsertedTemplate = { title: string; text: string; missing: string[] };

export function TemplateDialog({ citizenName, eng, onInsert }: { citizenName: string | null; eng: string | null; onInsert(t: InsertedTemplate): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      trigger={<Button variant="secondary">{t('operatorChat.conversation.insertTemplate')}</Button>}
      title={t('operatorChat.templates.title')}
    >
      {(close) => (
        <TemplatePicker
          onCancel={close}
          onPick={async (hit) => {
            const article = await fetchArticle(hit.id);
            const filled = fillTemplate(templateText(article.body), { фио: citizenName, енг: eng });
            close();
            onInsert({ title: article.title, ...filled });
          }}
        />
      )}
    </ModalDialog>
  );
}

function TemplatePicker({ onPick, onCancel }: { onPick(hit: TemplateHit): Promise<void>; onCancel(): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<TemplateHit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [picking, setPicking] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // without a query: every published template, where the server lists them
  useEffect(() => {
    let current = true;
    listTemplates().then(
      (items) => current && setHits((h) => h ?? items),
      () => current && setHits((h) => h ?? []),
    );
    return () => {
      current = false;
    };
  }, []);

  const search = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!q.trim()) return;
    setSearching(true);
    setError(null);
    try {
      setHits(await searchTemplates(q.trim()));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSearching(false);
    }
  };

  const pick = async (hit: TemplateHit) => {
    setPicking(hit.id);
    setError(null);
    try {
      await onPick(hit);
    } catch (err) {
      setError(toApiError(err));
      setPicking(null);
    }
  };

  return (
    <>
      <Form onSubmit={search} className="inline-form" role="search">
        <TextField name="q" type="search" label={t('operatorChat.templates.search')} description={t('operatorChat.templates.searchHint')} value={q} onChange={setQ} autoFocus autoComplete="off" />
        <Button type="submit" isPending={searching}>
          {t('operatorChat.templates.searchButton')}
        </Button>
      </Form>
      <ErrorAlert error={error} />
      <div aria-busy={searching}>
        {hits === null ? (
          <Loading />
        ) : hits.length === 0 ? (
          <EmptyState>{t('operatorChat.templates.empty')}</EmptyState>
        ) : (
          <ul className="template-results" aria-label={t('operatorChat.templates.results')}>
            {hits.map((h) => (
              <li key={h.id} className="template-result">
                <span>
                  {h.title}
                  {h.shortAnswer && <span className="template-result-text">{h.shortAnswer}</span>}
                </span>
                <Button variant="secondary" isPending={picking === h.id} onPress={() => void pick(h)} aria-label={t('operatorChat.templates.insertLabel', { title: h.title })}>
                  {t('operatorChat.templates.insert')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="form-actions">
        <Button variant="quiet" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </>
  );
}
