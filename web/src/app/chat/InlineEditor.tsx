import { useEffect, useId, useRef, useState } from 'react';

/** Editing a message in place: Enter saves, Escape cancels; an unchanged text just closes. */
export function InlineEditor({ initial, onSave, onCancel }: { initial: string; onSave: (text: string) => Promise<void>; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  useEffect(() => {
    const el = ref.current;
    if (el) {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  }, []);

  const save = () => {
    const t = text.trim();
    if (!t || busy) return;
    if (t === initial.trim()) return onCancel();
    setBusy(true);
    setError(null);
    onSave(t).catch((e: Error) => {
      setBusy(false);
      setError(e.message);
    });
  };

  return (
    <div className="inline-editor">
      <label className="visually-hidden" htmlFor={`${hintId}-text`}>
        Edit message
      </label>
      <textarea
        id={`${hintId}-text`}
        ref={ref}
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        maxLength={16000}
        aria-describedby={hintId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <div className="editor-foot">
        <span id={hintId} className="muted hint">
          Enter to save, Escape to cancel.
        </span>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={save} disabled={busy || !text.trim()}>
          Save
        </button>
      </div>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
