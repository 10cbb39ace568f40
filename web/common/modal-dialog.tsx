// The console's one modal dialog: a trigger button, a titled dialog over the page (Escape and a
// click outside close it, focus is trapped and returned, as react-aria's Modal does), and a body
// that receives `close` so a form can close it when it is done or cancelled.
import { useState, type ReactElement, type ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';

export function ModalDialog({ trigger, title, children }: { trigger: ReactElement; title: ReactNode; children(close: () => void): ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      {trigger}
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
