// Records the written reply to a letter: by post (its tracking number) or by e-mail, with the day
// it was sent and, optionally, its text.
import { useId, useState, type FormEvent } from 'react';
import { FieldError, Label, Radio, RadioGroup, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { toApiError, type ApiError } from '../../common/api.ts';
import { moscowDay, recordLetterReply, type Letter } from '../../common/letters-api.ts';
import { refreshTextAreaError } from '../../common/requests/request-parts.tsx';
import { Button, ErrorAlert, Form, TextField } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';

export function ReplyDialog({ letter, onSaved }: { letter: Letter; onSaved(letter: Letter): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      trigger={
        <Button variant="secondary" aria-label={t('operatorLetters.reply.openFor', { tracking: letter.trackingNumber })}>
          {t('operatorLetters.reply.open')}
        </Button>
      }
      title={t('operatorLetters.reply.title', { tracking: letter.trackingNumber })}
    >
      {(close) => (
        <ReplyForm
          letter={letter}
          onCancel={close}
          onSaved={(saved) => {
            close();
            onSaved(saved);
          }}
        />
      )}
    </ModalDialog>
  );
}

const trackingPattern = /^[A-Za-z0-9-]{6,40}$/;

function ReplyForm({ letter, onCancel, onSaved }: { letter: Letter; onCancel(): void; onSaved(letter: Letter): void }) {
  const { t } = useTranslation();
  const id = useId();
  const today = moscowDay(new Date());
  const [kind, setKind] = useState<'postal' | 'email'>('postal');
  const [tracking, setTracking] = useState('');
  const [repliedOn, setRepliedOn] = useState(today);
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const saved = await recordLetterReply(letter.id, {
        kind,
        repliedOn,
        ...(kind === 'postal' ? { trackingNumber: tracking.trim() } : {}),
        ...(text.trim() ? { text: text.trim() } : {}),
      });
      onSaved(saved);
    } catch (err) {
      const apiError = toApiError(err);
      const fields = apiError.fieldErrors();
      if (apiError.code === 'LETTER_FROM_FUTURE') fields.repliedOn = [apiError.message];
      setFieldErrors(fields);
      setError(apiError);
      setPending(false);
    }
  };

  const dateError = fieldErrors.repliedOn?.[0];
  return (
    <Form onSubmit={submit} validationErrors={fieldErrors}>
      <ErrorAlert error={error} />
      <RadioGroup className="radio-group" name="kind" value={kind} onChange={(v) => setKind(v === 'email' ? 'email' : 'postal')} isRequired>
        <Label className="field-label">{t('operatorLetters.reply.kind')}</Label>
        <Radio value="postal" className="radio">
          {t('operatorLetters.reply.postal')}
        </Radio>
        <Radio value="email" className="radio">
          {t('operatorLetters.reply.email')}
        </Radio>
      </RadioGroup>
      {kind === 'postal' && (
        <TextField
          name="trackingNumber"
          label={t('operatorLetters.reply.trackingNumber')}
          description={t('operatorLetters.register.trackingHint')}
          value={tracking}
          onChange={setTracking}
          isRequired
          validate={(v) => required(v) ?? (trackingPattern.test(v.trim()) ? null : t('operatorLetters.register.trackingFormat'))}
          maxLength={40}
          autoComplete="off"
        />
      )}
      <div className="field">
        <label htmlFor={`${id}-replied`} className="field-label">
          {t('operatorLetters.reply.repliedOn')}
        </label>
        <input
          id={`${id}-replied`}
          type="date"
          required
          className="field-input"
          value={repliedOn}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={dateError ? `${id}-replied-error` : undefined}
          onChange={(e) => setRepliedOn(e.target.value)}
        />
        {dateError && (
          <p id={`${id}-replied-error`} className="field-error">
            {dateError}
          </p>
        )}
      </div>
      <AriaTextField className="field textarea-field" name="text" value={text} onChange={setText} maxLength={20000}>
        <Label className="field-label">{t('operatorLetters.reply.text')}</Label>
        <TextArea className="field-input" rows={3} onInput={refreshTextAreaError} />
        <FieldError className="field-error" />
      </AriaTextField>
      <div className="form-actions">
        <Button type="submit" isPending={pending}>
          {t('operatorLetters.reply.submit')}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
