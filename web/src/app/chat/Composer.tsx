import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PeopleStore } from '../../store/people';
import type { PresenceStore } from '../../store/presence';
import type { ConversationSummary } from '../../types';
import type { MembersStore } from '../teams/membersStore';
import { useStore } from '../useStore';
import { drafts, initials } from '../util';
import { formatShortcut, FormattingToolbar } from '../compose/FormattingToolbar';
import type { BotsSession } from '../bots/botsSession';
import { useSlashCommands } from '../bots/SlashCommands';
import type { ChatActions } from './chatActions';
import { PresenceDot, presenceText } from './Presence';
import {
  everyoneMentions,
  insertMention,
  matchCandidates,
  mentionQuery,
  toWireText,
  type MentionCandidate,
  type PickedMention,
} from './mentions';
import '../activity/activity.css';
import { Observable } from '../../store/observable';
import { UploadChips } from '../files/UploadChips';
import { pastedName, type UploadList } from '../files/uploadList';

/**
 * The message box. In the main pane (id `composer-text`) it can mark a message urgent; in the
 * thread panel it posts replies with `threadRootId`. Typing `@` and letters suggests members
 * (ARIA combobox with a listbox); the name is shown, `<@id>` is sent.
 */
export function Composer({
  people,
  members,
  actions,
  conversation,
  title,
  threadRootId,
  presence,
  bots,
  uploads,
}: {
  people: PeopleStore;
  members: MembersStore;
  actions: ChatActions;
  conversation: ConversationSummary;
  title: string;
  threadRootId?: string;
  /** Shows each suggested person's presence (dot and words). */
  presence?: PresenceStore;
  /** Slash commands (app/bots): `/` at the start offers them, Enter runs one. Main composer only. */
  bots?: BotsSession;
  /** Files to send with the message (app/files): Attach, paste and the view's drop add to it. */
  uploads?: UploadList;
}) {
  const peopleVersion = useStore(people);
  const draftKey = threadRootId ? `${conversation.id}/${threadRootId}` : conversation.id;
  const [text, setText] = useState(() => drafts.get(draftKey) ?? '');
  const [picked, setPicked] = useState<PickedMention[]>(() => drafts.mentions(draftKey) ?? []);
  const [urgent, setUrgent] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const listId = useId();
  const textId = threadRootId ? `thread-composer-text` : 'composer-text';
  const filesHintId = useId();
  const chooser = useRef<HTMLInputElement>(null);
  const [noUploads] = useState(() => new Observable());
  useStore(uploads ?? noUploads);
  const waiting = uploads?.blocking() ?? false;
  const withFiles = uploads?.ready() ?? false;
  const addFiles = (list: FileList | File[]) => {
    const now = new Date();
    uploads?.add([...list].map((f) => ({ blob: f, name: pastedName(f.name, f.type, now) })));
  };

  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [memberIds, setMemberIds] = useState<string[] | null>(null);

  useEffect(() => {
    // Not on a touch screen: focusing would pop the on-screen keyboard over the messages the
    // person opened the chat to read; they tap the box when they want to write.
    if (!window.matchMedia?.('(pointer: coarse)').matches) ref.current?.focus();
  }, [draftKey]);

  const memberPeople: MentionCandidate[] = useMemo(
    () =>
      (memberIds ?? [])
        .filter((id) => id !== people.me.id)
        .map((id) => people.person(id))
        .filter((p): p is NonNullable<typeof p> => !!p && p.displayName !== 'Unknown person')
        .map((p) => ({ id: p.id, label: p.displayName, detail: p.jobTitle })),
    // People's names arrive asynchronously: recompute on every store change while suggesting.
    [memberIds, people, query, peopleVersion],
  );
  const candidates = query ? matchCandidates(query.query, memberPeople, everyoneMentions(conversation.kind)) : [];
  const open = query !== null && candidates.length > 0;
  const active = Math.min(activeIndex, Math.max(0, candidates.length - 1));
  const suggestedIds = open ? candidates.map((c) => c.id).filter((id) => id !== 'channel' && id !== 'team').join(',') : '';
  useEffect(() => {
    if (presence && suggestedIds) presence.loadMissing(suggestedIds.split(',')).catch(() => {});
  }, [presence, suggestedIds]);

  const update = (v: string) => {
    if (v && v.length > text.length && !v.startsWith('/')) actions.typing(conversation.id);
    setText(v);
    drafts.set(draftKey, v);
  };
  const slash = useSlashCommands({ bots, conversationId: conversation.id, textarea: ref, getText: () => ref.current?.value ?? '', setText: update });

  const remember = (p: PickedMention[]) => {
    setPicked(p);
    // The people picked stay with the draft, so its @names still become mentions after a reload.
    drafts.setMentions(draftKey, p);
  };

  /** Looks at the text before the caret for an `@name` being typed. */
  const follow = (value: string, caret: number) => {
    const q = mentionQuery(value, caret);
    setQuery(q);
    if (!q || q.query !== query?.query) setActiveIndex(0);
    if (q && memberIds === null) {
      setMemberIds([]);
      members.membersOf(conversation.id).then(setMemberIds, () => setMemberIds(null));
    }
  };

  const choose = (c: MentionCandidate) => {
    const el = ref.current;
    if (!query || !el) return;
    const r = insertMention(text, query.start, el.selectionStart ?? text.length, c);
    update(r.text);
    remember([...picked, { id: c.id, label: c.label }]);
    setQuery(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(r.caret, r.caret);
    });
  };

  const send = () => {
    const t = text.trim();
    // Files still uploading (or refused, until removed) hold the message back.
    if (waiting) return;
    const files = uploads?.fileIds() ?? [];
    if (!t && files.length === 0) return;
    if (t && files.length === 0 && slash.submit(t)) return;
    const wire = toWireText(t, picked);
    actions.send(
      conversation.id,
      wire,
      threadRootId || urgent || files.length ? { threadRootId, urgent: urgent || undefined, ...(files.length ? { files } : {}) } : undefined,
    );
    uploads?.sent();
    update('');
    remember([]);
    setQuery(null);
    setUrgent(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (formatShortcut(e, update) || slash.onKeyDown(e)) return;
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActiveIndex((active + step + candidates.length) % candidates.length);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        choose(candidates[active]);
        return;
      }
      if (e.key === 'Escape') {
        // Closes the list only (not the thread panel around it).
        e.preventDefault();
        e.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  if (conversation.archived) return <p className="composer muted">This conversation is archived and read-only.</p>;
  const label = threadRootId ? 'Reply in thread' : `Message ${title}`;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor={textId} className="visually-hidden">
        {label}
      </label>
      <FormattingToolbar textarea={ref} meId={people.me.id} onChange={update} />
      {slash.list}
      {open && (
        <ul id={listId} className="mention-list" role="listbox" aria-label="People to mention">
          {candidates.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="mention-option"
              // Keep the focus in the text box while choosing with the pointer.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(c)}
            >
              <span className="avatar-wrap">
                <span className="avatar small" aria-hidden="true">
                  {c.id === 'channel' || c.id === 'team' ? '@' : initials(c.label)}
                </span>
                {presence && c.id !== 'channel' && c.id !== 'team' && <PresenceDot presence={presence} userId={c.id} />}
              </span>
              <span>
                {c.id === 'channel' || c.id === 'team' ? `@${c.label}` : <bdi>{c.label}</bdi>}
                {c.detail && <span className="mention-detail muted">{c.detail}</span>}
                {presence && presenceText(presence, c.id) && <span className="mention-detail muted">{presenceText(presence, c.id)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        id={textId}
        ref={ref}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        value={text}
        placeholder={threadRootId ? 'Reply…' : `Message ${title}`}
        onChange={(e) => {
          update(e.target.value);
          follow(e.target.value, e.target.selectionStart ?? e.target.value.length);
          slash.follow(e.target.value, e.target.selectionStart ?? e.target.value.length);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => follow(text, e.currentTarget.selectionStart ?? text.length)}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End')
            follow(text, e.currentTarget.selectionStart ?? text.length);
        }}
        onBlur={() => {
          setQuery(null);
          slash.close();
        }}
        onPaste={(e) => {
          // A screenshot or copied picture (files and no plain text) is attached; text pastes as text.
          const files = [...e.clipboardData.files];
          if (!uploads || files.length === 0 || e.clipboardData.types.includes('text/plain')) return;
          e.preventDefault();
          addFiles(files);
        }}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open || slash.open}
        aria-controls={open ? listId : slash.open ? slash.listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : slash.activeId}
        aria-describedby={waiting ? `${hintId} ${filesHintId}` : hintId}
        maxLength={16000}
      />
      <span className="visually-hidden" aria-live="polite">
        {open ? `${candidates.length} ${candidates.length === 1 ? 'suggestion' : 'suggestions'}: up and down to choose, Enter to insert, Escape to close.` : slash.announcement}
      </span>
      {slash.error && (
        <p className="form-error small" role="alert">
          {slash.error}
        </p>
      )}
      {uploads && <UploadChips uploads={uploads} />}
      <div className="composer-foot">
        {uploads && (
          <>
            <button type="button" className="secondary attach-button" aria-label="Attach files" onClick={() => chooser.current?.click()} title="Attach files">
              <span aria-hidden="true">📎</span>
              <span className="attach-label">Attach</span>
            </button>
            <input
              ref={chooser}
              type="file"
              multiple
              hidden
              tabIndex={-1}
              onChange={(e) => {
                if (e.target.files?.length) addFiles(e.target.files);
                e.target.value = '';
              }}
            />
          </>
        )}
        <span id={hintId} className="muted hint">
          Enter to send, Shift+Enter for a new line, @ to mention someone{bots ? ', / for commands' : ''}. Markdown is supported.
        </span>
        {!threadRootId && (
          <label className={`urgent-toggle${urgent ? ' on' : ''}`}>
            <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
            Urgent
          </label>
        )}
        {waiting && (
          <span id={filesHintId} className="visually-hidden">
            Send waits until the files have uploaded.
          </span>
        )}
        <button type="submit" className="primary" disabled={waiting || (!text.trim() && !withFiles)}>
          {urgent ? 'Send urgent' : 'Send'}
        </button>
      </div>
    </form>
  );
}
