import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { ApiError, NetworkError } from '../../api';
import type { SlashCommand } from './botsApi';
import type { BotsSession } from './botsSession';
import { completeCommand, matchCommands, parseCommandLine, slashQuery } from './commands';
import './bots.css';

/**
 * Slash commands in the composer, as a hook the composer calls: typing `/` at the start of the
 * message offers the conversation's commands in a listbox the text box controls (the same ARIA
 * combobox pattern as the @mention list), with each command's usage; Enter or Tab completes the
 * one chosen (Enter on a command that takes nothing runs it), and Enter on a `/command …` line
 * runs it instead of sending a message. Without a session (the thread composer) it does nothing.
 */
export function useSlashCommands({
  bots,
  conversationId,
  textarea,
  getText,
  setText,
}: {
  bots: BotsSession | undefined;
  conversationId: string;
  textarea: RefObject<HTMLTextAreaElement | null>;
  getText: () => string;
  setText: (text: string) => void;
}) {
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [commands, setCommands] = useState<SlashCommand[] | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    setCommands(null);
    setQuery(null);
    setError(null);
  }, [conversationId]);

  const candidates = bots && query !== null ? matchCommands(query, commands ?? []) : [];
  const open = candidates.length > 0;
  const active = Math.min(activeIndex, Math.max(0, candidates.length - 1));

  const follow = (value: string, caret: number) => {
    if (!bots) return;
    const q = slashQuery(value, caret);
    if (q !== query) setActiveIndex(0);
    setQuery(q);
    if (q !== null && commands === null) {
      bots.catalogue.commands(conversationId).then(
        (list) => alive.current && setCommands(list),
        () => alive.current && setCommands([]),
      );
    }
  };

  const choose = (c: SlashCommand) => {
    const line = completeCommand(c);
    setText(line);
    setQuery(null);
    const el = textarea.current;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(line.length, line.length);
    });
  };

  /** Runs the text as a command when it is one; answers whether it was (and so must not be sent). */
  const submit = (text: string): boolean => {
    const parsed = bots ? parseCommandLine(text) : null;
    if (!bots || !parsed) return false;
    setError(null);
    setQuery(null);
    setText('');
    bots.run(conversationId, parsed.command, parsed.text).catch((e: unknown) => {
      if (!alive.current) return;
      setError(
        e instanceof ApiError ? e.detail : e instanceof NetworkError ? 'No connection: the command did not run. Try again.' : e instanceof Error ? e.message : 'Could not run the command.',
      );
      // Give the line back to fix, unless something new was typed meanwhile.
      if (!getText()) setText(text);
    });
    return true;
  };

  /** Keys for the open list; answers whether the key was used. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActiveIndex((active + (e.key === 'ArrowDown' ? 1 : -1) + candidates.length) % candidates.length);
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      e.preventDefault();
      const c = candidates[active];
      // A command that takes nothing, typed in full, runs at once.
      if (e.key === 'Enter' && !c.usage && query === c.name) submit(`/${c.name}`);
      else choose(c);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
      return true;
    }
    return false;
  };

  const list = open ? (
    <ul id={listId} className="mention-list command-list" role="listbox" aria-label="Commands">
      {candidates.map((c, i) => (
        <li
          key={c.name}
          id={`${listId}-${i}`}
          role="option"
          aria-selected={i === active}
          className="command-option"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => choose(c)}
        >
          <span className="command-name">/{c.name}</span>
          {c.usage && <span className="command-usage">{c.usage}</span>}
          {c.description && <span className="mention-detail muted">{c.description}</span>}
        </li>
      ))}
    </ul>
  ) : null;

  return {
    open,
    list,
    listId,
    activeId: open ? `${listId}-${active}` : undefined,
    announcement: open ? `${candidates.length} ${candidates.length === 1 ? 'command' : 'commands'}: up and down to choose, Tab to complete, Escape to close.` : '',
    error,
    follow,
    onKeyDown,
    submit,
    close: () => setQuery(null),
  };
}
