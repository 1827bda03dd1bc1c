'use client';

import { useId, useRef, type ReactNode } from 'react';
import { Button, type ButtonStyle } from './button';

/**
 * A button for something that cannot be undone: it opens a modal dialog (native `<dialog>`:
 * focus kept inside, Escape cancels) that says what will happen, and acts only on the
 * dialog's confirm button. Cancel has the focus, so a stray Enter does nothing.
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  onConfirm,
  disabled,
  size,
}: {
  children: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  size?: ButtonStyle['size'];
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const close = () => dialog.current?.close();
  return (
    <>
      <Button onClick={() => dialog.current?.showModal()} disabled={disabled} size={size}>
        {children}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className="m-auto w-full max-w-md rounded-lg border border-zinc-200 bg-white p-5 text-left shadow-xl backdrop:bg-zinc-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-zinc-900">
          {title}
        </h2>
        <div id={descriptionId} className="mt-2 text-sm text-zinc-600">
          {description}
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button autoFocus onClick={close}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
