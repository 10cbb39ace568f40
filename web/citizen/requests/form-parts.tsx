// Fields of the feedback forms: the request type, the description, the attachments picker (files
// are checked here for size and kind, sent after the request is made, and checked again by the
// server by their content).
import { useId, useRef } from 'react';
import { FieldError, Label, Radio, RadioGroup, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { requestTypes } from '../../../shared/contracts/requests.ts';
import { documentAccept, type RequestType } from '../../common/requests-api.ts';
import { fileProblem, refreshTextAreaError } from '../../common/requests/request-parts.tsx';
import { i18n } from '../../common/i18n.ts';
import { Button } from '../../common/ui.tsx';

export function RequestTypeField({ value, onChange }: { value: RequestType; onChange(v: RequestType): void }) {
  const { t } = useTranslation();
  return (
    <RadioGroup className="radio-group" name="type" value={value} onChange={(v) => onChange(v as RequestType)} isRequired>
      <Label className="field-label">{t('requests.form.type')}</Label>
      {requestTypes.map((type) => (
        <Radio key={type} value={type} className="radio">
          {t(`requests.types.${type}`)}
        </Radio>
      ))}
    </RadioGroup>
  );
}

export function descriptionProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return i18n.t('form.required');
  return v.length < 10 ? i18n.t('requests.form.descriptionMin') : null;
}

export function DescriptionField({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <AriaTextField className="field textarea-field" name="description" value={value} onChange={onChange} isRequired validate={descriptionProblem} maxLength={10_000}>
      <Label className="field-label">
        {t('requests.form.description')}
        <span className="field-required" aria-hidden="true">
          {' '}
          *
        </span>
      </Label>
      <Text slot="description" className="field-description">
        {t('requests.form.descriptionHint')}
      </Text>
      <TextArea className="field-input" rows={7} onInput={refreshTextAreaError} />
      <FieldError className="field-error" />
    </AriaTextField>
  );
}

export type PickedFile = { file: File; problem: string | null };

/** A native file input (keyboard and screen-reader friendly everywhere) with the chosen files listed. */
export function AttachmentsField({ files, onChange, maxFiles = 5 }: { files: PickedFile[]; onChange(files: PickedFile[]): void; maxFiles?: number }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const problems = files.filter((f) => f.problem);
  return (
    <div className="field file-field">
      <label htmlFor={id} className="field-label">
        {t('requests.form.attachments')}
      </label>
      <p id={`${id}-hint`} className="field-description">
        {t('requests.form.attachmentsHint', { max: maxFiles })}
      </p>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={documentAccept}
        aria-describedby={`${id}-hint${problems.length ? ` ${id}-problems` : ''}`}
        onChange={(e) => {
          const chosen = [...(e.currentTarget.files ?? [])].map((file) => ({ file, problem: fileProblem(file) }));
          onChange([...files, ...chosen].slice(0, maxFiles));
          e.currentTarget.value = '';
        }}
      />
      {files.length > 0 && (
        <ul className="file-list" aria-label={t('requests.form.chosenFiles')}>
          {files.map((f, i) => (
            <li key={`${f.file.name}-${i}`}>
              <span>{f.file.name}</span>
              <Button variant="quiet" aria-label={t('requests.form.removeFile', { name: f.file.name })} onPress={() => onChange(files.filter((_, j) => j !== i))}>
                {t('requests.form.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <div id={`${id}-problems`} role="alert" className="field-error">
          {problems.map((p) => (
            <p key={p.file.name}>{p.problem}</p>
          ))}
        </div>
      )}
    </div>
  );
}
