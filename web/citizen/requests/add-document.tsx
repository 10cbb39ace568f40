// «Добавить документ»: one file at a time; a refused type (415/422) or a file over the limit (413)
// is said in words next to the field, with the file's name.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../common/api.ts';
import { documentAccept, type RequestDocument } from '../../common/requests-api.ts';
import { fileProblem } from '../../common/requests/request-parts.tsx';
import { useSession } from '../../common/session.tsx';
import { Button, SuccessMessage } from '../../common/ui.tsx';

export function AddDocument({ upload, onAdded }: { upload(file: File): Promise<RequestDocument>; onAdded(): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAdded(null);
    if (!file) {
      setProblem(t('requests.documents.choose'));
      input.current?.focus();
      return;
    }
    const local = fileProblem(file);
    if (local) {
      setProblem(local);
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      const doc = await upload(file);
      setAdded(t('requests.documents.added', { name: doc.filename }));
      setFile(null);
      if (input.current) input.current.value = '';
      onAdded();
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      const name = file.name;
      if (apiError.status === 415 || apiError.status === 422) setProblem(t('requests.documents.refusedType', { name, message: apiError.message }));
      else if (apiError.status === 413) setProblem(t('requests.documents.refusedSize', { name, message: apiError.message }));
      else setProblem(apiError.message);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="form file-field add-document" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('requests.documents.add')}</h3>
      {added && <SuccessMessage>{added}</SuccessMessage>}
      <label htmlFor={id} className="field-label">
        {t('requests.documents.file')}
      </label>
      <p id={`${id}-hint`} className="field-description">
        {t('requests.documents.fileHint')}
      </p>
      <input
        ref={input}
        id={id}
        name="file"
        type="file"
        accept={documentAccept}
        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          const chosen = e.currentTarget.files?.[0] ?? null;
          setFile(chosen);
          setAdded(null);
          setProblem(chosen ? fileProblem(chosen) : null);
        }}
      />
      {problem && (
        <p id={`${id}-error`} role="alert" className="field-error" data-testid="document-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" variant="secondary" isPending={pending}>
          {t('requests.documents.submit')}
        </Button>
      </div>
    </form>
  );
}
