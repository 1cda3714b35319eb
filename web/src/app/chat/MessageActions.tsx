import { useId, useRef, useState, type Ref } from 'react';
import { EmojiPicker } from '../compose/EmojiPicker';

/** Line icons (no icon or emoji font needed), drawn in the button's text colour. */
const ICONS = {
  react: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" />
      <path d="M9 9.5h.01M15 9.5h.01" strokeWidth="3" />
    </>
  ),
  reply: <path d="M4 5h16v11H10l-4 4v-4H4z" />,
  edit: <path d="M4 20h4L19 9l-4-4L4 16zM13 7l4 4" />,
  delete: <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6" />,
  pin: <path d="M9 4h6l-1 5 3 3v2H7v-2l3-3zM12 14v6" />,
  save: <path d="M6 3h12v18l-6-4-6 4z" />,
  link: <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2" />,
};

/**
 * One toolbar button: an icon with its name as (visually hidden) text for screen readers and
 * speech input, and as a tooltip for pointer users.
 */
function ActionButton({
  icon,
  label,
  onClick,
  buttonRef,
  filled = false,
  ...aria
}: {
  icon: keyof typeof ICONS;
  /** Drawn filled: the message is pinned or saved already. */
  filled?: boolean;
  label: string;
  onClick: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
  'aria-expanded'?: boolean;
  'aria-controls'?: string;
}) {
  return (
    <button type="button" ref={buttonRef} className="icon-button" title={label} onClick={onClick} {...aria}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <g fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          {ICONS[icon]}
        </g>
      </svg>
      <span className="visually-hidden">{label}</span>
    </button>
  );
}

export function MessageActions({
  meId,
  onReact,
  onReply,
  onEdit,
  onDelete,
  onCopyLink,
  pin,
  save,
}: {
  /** Whose recent emoji and skin tone the picker remembers. */
  meId: string;
  onReact: (emoji: string) => void;
  onReply?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  onCopyLink: () => void;
  /** Pin for everyone in the conversation / save for oneself (app/pins): whether it is so now, and the toggle. */
  pin?: { active: boolean; toggle: () => void };
  save?: { active: boolean; toggle: () => void };
}) {
  const [picker, setPicker] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const pickerId = useId();

  return (
    <div className={`message-actions${picker ? ' open' : ''}`} role="toolbar" aria-label="Message actions">
      <ActionButton
        icon="react"
        label="Add reaction"
        buttonRef={reactButton}
        aria-expanded={picker}
        aria-controls={picker ? pickerId : undefined}
        onClick={() => setPicker((v) => !v)}
      />
      {onReply && <ActionButton icon="reply" label="Reply in thread" onClick={onReply} />}
      {onEdit && <ActionButton icon="edit" label="Edit" onClick={onEdit} />}
      {onDelete && <ActionButton icon="delete" label="Delete" onClick={onDelete} />}
      {pin && <ActionButton icon="pin" label={pin.active ? 'Unpin' : 'Pin'} filled={pin.active} onClick={pin.toggle} />}
      {save && <ActionButton icon="save" label={save.active ? 'Remove from saved' : 'Save'} filled={save.active} onClick={save.toggle} />}
      <ActionButton icon="link" label="Copy link" onClick={onCopyLink} />
      {picker && (
        <EmojiPicker
          id={pickerId}
          meId={meId}
          actionLabel="React with"
          anchor={reactButton.current}
          onPick={onReact}
          onClose={() => setPicker(false)}
        />
      )}
    </div>
  );
}
