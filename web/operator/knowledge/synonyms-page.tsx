// The search's synonyms and abbreviations (supervisors and admins): one group per line, words
// separated by commas («мфц, центр обслуживания»). Saving replaces the whole list; the search uses
// it at once.
import { useState, type FormEvent } from 'react';
import { FieldError, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { fetchSynonyms, saveSynonyms } from '../../common/kb-api.ts';
import { useSession } from '../../common/session.tsx';
import { useApiData } from '../../common/use-api-data.ts';
import { Button, ErrorAlert, Form, Link, Loading, PageHeading, SuccessMessage, useDocumentTitle } from '../../common/ui.tsx';
import './knowledge.css';

export function groupsToText(groups: string[][]): string {
  return groups.map((g) => g.join(', ')).join('\n');
}

/** Non-empty lines as groups, with the line number of each (for messages). */
export function textToGroups(text: string): Array<{ line: number; words: string[] }> {
  return text
    .split('\n')
    .map((l, i) => ({ line: i + 1, words: l.split(',').map((w) => w.trim()).filter(Boolean) }))
    .filter((g) => g.words.length > 0);
}

export function SynonymsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('kbEditor.synonymsTitle'), t('app.consoleTitleSuffix'));
  const loaded = useApiData(fetchSynonyms, []);
  return (
    <>
      <p>
        <Link href="/knowledge">{t('kbEditor.back')}</Link>
      </p>
      <PageHeading>{t('kbEditor.synonymsTitle')}</PageHeading>
      <p>{t('kbEditor.synonymsIntro')}</p>
      {loaded.loading && !loaded.data && <Loading />}
      <ErrorAlert error={loaded.error} />
      {loaded.data && <SynonymsForm initial={groupsToText(loaded.data)} />}
    </>
  );
}

function SynonymsForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [text, setText] = useState(initial);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNotice(null);
    setError(null);
    const groups = textToGroups(text);
    const short = groups.filter((g) => g.words.length < 2).map((g) => t('kbEditor.synonymsLine', { line: g.line }));
    if (short.length > 0) {
      setProblems(short);
      return;
    }
    setProblems([]);
    setPending(true);
    try {
      const saved = await saveSynonyms(groups.map((g) => g.words));
      setText(groupsToText(saved));
      setNotice(t('kbEditor.synonymsSaved', { total: saved.length }));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
      // «groups.3.1» is the 4th non-empty line
      setProblems(
        apiError.fields.map((f) => {
          const index = /^groups\.(\d+)/.exec(f.path)?.[1];
          const line = index === undefined ? undefined : groups[Number(index)]?.line;
          return line === undefined ? f.message : t('kbEditor.synonymsLineServer', { line, message: f.message });
        }),
      );
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <ErrorAlert error={error} />
      <Form onSubmit={onSubmit} validationErrors={problems.length > 0 ? { groups: problems } : {}}>
        <AriaTextField name="groups" value={text} onChange={setText} className="field" isInvalid={problems.length > 0}>
          <Label className="field-label">{t('kbEditor.synonymsLabel')}</Label>
          <Text slot="description" className="field-description">
            {t('kbEditor.synonymsHint')}
          </Text>
          <TextArea className="field-input kb-textarea kb-synonyms" rows={20} spellCheck={false} />
          <FieldError className="field-error">{problems.join(' ')}</FieldError>
        </AriaTextField>
        <div className="form-actions">
          <Button type="submit" isPending={pending}>
            {t('kbEditor.synonymsSave')}
          </Button>
        </div>
      </Form>
    </>
  );
}
