import { useId, useLayoutEffect, useRef } from 'react';
import type { ConversationStore } from '../../store/conversations';
import type { PeopleStore } from '../../store/people';
import { conversationTitle } from '../chat/title';
import { useStore } from '../useStore';
import type { CallController, JoinTarget } from './callController';
import { CallView } from './CallView';
import { IncomingCall } from './IncomingCall';
import { PreJoin } from './PreJoin';
import './calls.css';

/**
 * Everything calls put over the app, by the phase of my call: the incoming ring, the pre-join
 * screen, "Joining…", the lobby's waiting screen, a refusal, and the call itself. Mounted once
 * in the Shell.
 */
export function CallOverlay({ calls, people, conversations }: { calls: CallController; people: PeopleStore; conversations: ConversationStore }) {
  useStore(calls);
  useStore(conversations);
  const p = calls.phase;
  const titleOf = (target: JoinTarget | { conversationId: string }): string => known(target) ?? 'Meeting';
  const known = (target: JoinTarget | { conversationId: string }): string | undefined => {
    if ('title' in target && target.title) return target.title;
    const id = 'conversationId' in target ? target.conversationId : undefined;
    const c = id ? conversations.conversation(id) : undefined;
    return c ? conversationTitle(c, people) : undefined;
  };
  return (
    <>
      <IncomingCall calls={calls} people={people} conversations={conversations} />
      {p.kind === 'prejoin' && <PreJoin key={JSON.stringify(p.target)} calls={calls} title={titleOf(p.target)} media={p.media} answering={p.answering} />}
      {p.kind === 'joining' && (
        <StatusDialog title="Joining…" onCancel={() => calls.cancel()}>
          <p role="status">Connecting you to the call.</p>
        </StatusDialog>
      )}
      {p.kind === 'waiting' && (
        <StatusDialog title="Waiting for the organiser to let you in" onCancel={() => calls.cancel()} className="call-lobby-wait">
          <p role="status">
            You are in the lobby{known(p.target) ? ` of ${known(p.target)}` : ' of the meeting'}. The organiser or a presenter will let you in, and the
            meeting opens here by itself.
          </p>
        </StatusDialog>
      )}
      {p.kind === 'failed' && (
        <StatusDialog title="You are not in the call" onCancel={() => calls.cancel()} cancelLabel="Close" alert>
          <p>{p.message}</p>
        </StatusDialog>
      )}
      {p.kind === 'in-call' && <CallView calls={calls} people={people} title={titleOf(p.grant.call)} grant={p.grant} engine={p.engine} />}
    </>
  );
}

function StatusDialog({
  title,
  onCancel,
  cancelLabel = 'Cancel',
  children,
  className,
  alert,
}: {
  title: string;
  onCancel: () => void;
  cancelLabel?: string;
  children: React.ReactNode;
  className?: string;
  alert?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useLayoutEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} className={`dialog call-status ${className ?? ''}`} role={alert ? 'alertdialog' : undefined} aria-labelledby={id} onCancel={(e) => (e.preventDefault(), onCancel())}>
      <h2 id={id}>{title}</h2>
      {children}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The bar shown while my call's view is hidden: back to it, or leave. */
export function CallBar({ calls, conversations, people }: { calls: CallController; conversations: ConversationStore; people: PeopleStore }) {
  useStore(calls);
  const p = calls.phase;
  if (p.kind !== 'in-call' || calls.viewOpen) return null;
  const c = conversations.conversation(p.grant.call.conversationId);
  return (
    <div className="call-bar" role="region" aria-label="Your call">
      <span>In a call{c ? ` · ${conversationTitle(c, people)}` : ''}</span>
      <button type="button" className="primary" onClick={() => calls.showView(true)}>
        Return to call
      </button>
      <button type="button" className="secondary danger" onClick={() => void calls.leave()}>
        Leave
      </button>
    </div>
  );
}
