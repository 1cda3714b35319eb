import { useState } from 'react';
import { ApiError } from '../../api';
import type { MessageCard } from '../../protocol/events';
import { botsApi } from './botsApi';
import './bots.css';

type Severity = MessageCard['severity'];

/** Severity as a word and a symbol as well as the bar's colour (never colour alone). */
const SEVERITY: Record<Severity, { icon: string; word: string }> = {
  info: { icon: 'ℹ', word: 'Info' },
  success: { icon: '✓', word: 'Resolved' },
  warning: { icon: '⚠', word: 'Warning' },
  critical: { icon: '‼', word: 'Critical' },
};

/** A card's link when it is an app route (`#/…`); anything else (a URL, `javascript:`) is dropped. */
export function safeCardLink(link: string | undefined): string | null {
  if (!link || !link.startsWith('#/')) return null;
  return /^#\/[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/.test(link) ? link : null;
}

function severityOf(s: string): Severity {
  return s in SEVERITY ? (s as Severity) : 'info';
}

/**
 * A bot message's card under its text: severity, title, fields, buttons, a View link and a
 * footer. Every string is rendered as React text — never as HTML or markdown — because it comes
 * from a bot (or from a lab system through one). Pressing a button asks the server to run its
 * handler; the answer's text goes to `onAnswer` (a toast) or, without one, shows under the card.
 */
export function MessageCardView({
  card,
  conversationId,
  messageId,
  onAnswer,
  press = botsApi.pressAction,
}: {
  card: MessageCard;
  conversationId: string;
  messageId: string;
  onAnswer?: (text: string) => void;
  press?: (conversationId: string, messageId: string, actionId: string) => Promise<{ text?: string } | undefined>;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  const severity = severityOf(card.severity);
  const { icon, word } = SEVERITY[severity];
  const link = safeCardLink(card.link);
  const actions = card.actions ?? [];

  const run = (actionId: string) => {
    if (busy) return;
    setBusy(actionId);
    setError(null);
    setAnswer(null);
    press(conversationId, messageId, actionId)
      .then((r) => {
        const text = r?.text?.trim();
        if (!text) return;
        if (onAnswer) onAnswer(text);
        else setAnswer(text);
      })
      .catch((e) => setError(e instanceof ApiError ? e.detail : 'Could not reach the server. Try again.'))
      .finally(() => setBusy(null));
  };

  return (
    <div className={`bot-card severity-${severity}`}>
      <p className="bot-card-head">
        <span className={`bot-card-severity severity-${severity}`}>
          <span aria-hidden="true">{icon}</span> {word}
        </span>
        <strong className="bot-card-title">{card.title}</strong>
      </p>
      {card.fields && card.fields.length > 0 && (
        <dl className="bot-card-fields">
          {card.fields.map((f, i) => (
            <div key={i} className="bot-card-field">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {(actions.length > 0 || link) && (
        <div className="bot-card-actions" aria-busy={busy !== null}>
          {actions.map((a) => (
            <button
              key={a.id}
              type="button"
              className={a.style === 'primary' ? 'primary' : a.style === 'danger' ? 'secondary danger' : 'secondary'}
              disabled={busy !== null}
              onClick={() => run(a.id)}
            >
              {busy === a.id ? `${a.label}…` : a.label}
            </button>
          ))}
          {link && (
            <a className="bot-card-link" href={link}>
              View<span className="visually-hidden"> {card.title}</span>
            </a>
          )}
        </div>
      )}
      {card.footer && <p className="bot-card-footer muted">{card.footer}</p>}
      {busy && (
        <p className="visually-hidden" role="status">
          Working…
        </p>
      )}
      {answer && (
        <p className="bot-card-answer" role="status">
          {answer}
        </p>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
