// «Передать»: hand the conversation to another operator.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../common/modal-dialog.tsx';
import { toApiError, type ApiError } from '../../common/api.ts';
import { listChatOperators, transferConversation, type ChatOperator } from '../../common/chat/chat-api.ts';
import { Button, ErrorAlert, Loading, SelectField } from '../../common/ui.tsx';

export function TransferDialog({ conversationId, myId, isDisabled, onDone }: { conversationId: string; myId: string; isDisabled?: boolean; onDone(name: string): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      trigger={
        <Button variant="secondary" isDisabled={isDisabled}>
          {t('operatorChat.conversation.transfer')}
        </Button>
      }
      title={t('operatorChat.transfer.title')}
    >
      {(close) => (
        <TransferForm
          conversationId={conversationId}
          myId={myId}
          onCancel={close}
          onDone={(name) => {
            close();
            onDone(name);
          }}
        />
      )}
    </ModalDialog>
  );
}

function TransferForm({ conversationId, myId, onCancel, onDone }: { conversationId: string; myId: string; onCancel(): void; onDone(name: string): void }) {
  const { t } = useTranslation();
  const [operators, setOperators] = useState<ChatOperator[] | null>(null);
  const [choice, setChoice] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    listChatOperators().then(
      (items) => current && setOperators(items.filter((o) => o.id !== myId)),
      (err: unknown) => {
        if (!current) return;
        setError(toApiError(err));
        setOperators([]);
      },
    );
    return () => {
      current = false;
    };
  }, [myId]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const target = operators?.find((o) => o.id === choice);
    if (!target) return;
    setPending(true);
    setError(null);
    try {
      await transferConversation(conversationId, target.id);
      onDone(target.name);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  if (operators === null) return <Loading />;
  return (
    <form className="form" onSubmit={submit}>
      <ErrorAlert error={error} />
      <SelectField
        id="transfer-operator"
        name="operatorId"
        label={t('operatorChat.transfer.operator')}
        value={choice}
        onChange={setChoice}
        options={[{ value: '', label: t('operatorChat.transfer.choose') }, ...operators.map((o) => ({ value: o.id, label: `${o.name} (${t(o.role === 'supervisor' ? 'roles.supervisor' : 'roles.operator')})` }))]}
      />
      <div className="form-actions">
        <Button type="submit" isPending={pending} isDisabled={!choice}>
          {t('operatorChat.transfer.submit')}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
