// «Прикрепить файл»: a real button (keyboard, screen-reader label with the allowed types and the
// size limit) that opens the system file chooser for images and PDF.
import { FileTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { chatAttachmentTypes } from '../../../shared/contracts/chat.ts';
import { Button } from '../ui.tsx';

export function AttachButton({ onFile, isDisabled, showText }: { onFile(file: File): void; isDisabled?: boolean; showText?: boolean }) {
  const { t } = useTranslation();
  return (
    <FileTrigger
      acceptedFileTypes={chatAttachmentTypes}
      onSelect={(files) => {
        const file = files?.[0];
        if (file) onFile(file);
      }}
    >
      <Button variant="secondary" className="chat-attach" isDisabled={isDisabled} aria-label={t('chat.attachment.attachLabel')} data-testid="chat-attach">
        <svg className="chat-attach-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {showText ? <span>{t('chat.attachment.attach')}</span> : <span className="visually-hidden">{t('chat.attachment.attach')}</span>}
      </Button>
    </FileTrigger>
  );
}
