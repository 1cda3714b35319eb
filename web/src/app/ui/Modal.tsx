import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog (the native <dialog>: focus moves in and is trapped, Escape closes) that gives
 * focus back to whatever opened it when it closes.
 */
export function Modal({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: (titleId: string) => ReactNode;
  wide?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => {
      // Back to the opener; if it has gone (the person left the conversation), to the message pane.
      const back = opener.current as HTMLElement | null;
      if (back?.isConnected) back.focus();
      else document.getElementById('message-pane')?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        // A dialog opened from another (a confirmation) closes alone: React would hand the event on to the outer one.
        e.stopPropagation();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children(titleId)}
    </dialog>
  );
}

/** The problem's detail for people, or a fallback sentence. */
export function errorText(e: unknown, fallback: string): string {
  return e && typeof e === 'object' && 'detail' in e && typeof (e as { detail: unknown }).detail === 'string'
    ? (e as { detail: string }).detail
    : fallback;
}
