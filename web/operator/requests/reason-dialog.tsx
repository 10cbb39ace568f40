// A status change that needs a reason the citizen will read: «Запросить документы» and «Отказать».
import { useState, type FormEvent } from 'react';
import { FieldError, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { toApiError, type ApiError } from '../../common/api.ts';
import { refreshTextAreaError } from '../../common/requests/request-parts.tsx';
import { Button, ErrorAlert, Form } from '../../common/ui.tsx';
import { required } from '../../common/validate.ts';

export type ReasonStatus = 'awaiting_documents' | 'rejected';

export function ReasonDialog({ status, onConfirm }: { status: ReasonStatus; onConfirm(reason: string): Promise<void> }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      trigger={<Button variant={status === 'rejected' ? 'danger' : 'secondary'}>{t(`operatorRequests.request.to.${status}`)}</Button>}
      title={t(`operatorRequests.request.reasonTitle.${status}`)}
    >
      {(close) => (
        <ReasonForm
          status={status}
          onCancel={close}
          onConfirm={async (reason) => {
            await onConfirm(reason);
            close();
          }}
        />
      )}
    </ModalDialog>
  );
}

function ReasonForm({ status, onCancel, onConfirm }: { status: ReasonStatus; onCancel(): void; onConfirm(reason: string): Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!reason.trim()) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  return (
    <Form onSubmit={submit}>
      <ErrorAlert error={error} />
      <AriaTextField className="field textarea-field" name="comment" value={reason} onChange={setReason} isRequired validate={required} maxLength={5000} autoFocus>
        <Label className="field-label">{t('operatorRequests.request.reason')}</Label>
        <Text slot="description" className="field-description">
          {t(`operatorRequests.request.reasonHint.${status}`)}
        </Text>
        <TextArea className="field-input" rows={4} onInput={refreshTextAreaError} />
        <FieldError className="field-error" />
      </AriaTextField>
      <div className="form-actions">
        <Button type="submit" variant={status === 'rejected' ? 'danger' : 'primary'} isPending={pending}>
          {t(`operatorRequests.request.confirm.${status}`)}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
