import { currentPane, type PaneState } from '../paneHistory';

/**
 * "Back" at the start of a pane's header. Shown only where one pane is on screen at a time (a
 * phone; styles.css hides it wider). It does what the browser's Back does when the pane was
 * opened here, i.e. the current history entry is this pane's (so the two never disagree); else
 * it calls onClose.
 */
export function BackButton({ label, onClose, owns }: { label: string; onClose: () => void; owns: (entry: PaneState) => boolean }) {
  return (
    <button
      type="button"
      className="back-button"
      onClick={() => {
        const entry = currentPane();
        if (entry && owns(entry)) history.back();
        else onClose();
      }}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span>{label}</span>
    </button>
  );
}
