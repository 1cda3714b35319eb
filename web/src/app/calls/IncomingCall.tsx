import { useLayoutEffect, useRef } from 'react';
import type { ConversationStore } from '../../store/conversations';
import type { PeopleStore } from '../../store/people';
import { isolate } from '../../text/isolate';
import { conversationTitle } from '../chat/title';
import { useStore } from '../useStore';
import { initials } from '../util';
import type { CallController } from './callController';
import { CameraIcon, PhoneIcon } from './CallButtons';

/**
 * The incoming call: a modal alertdialog over whatever is open (like the urgent alert, it cannot
 * be missed or dismissed by a stray key: Escape does nothing), with the caller, Accept and
 * Decline, while the ring tone loops. It goes when the ring stops (answered elsewhere, declined,
 * missed, ended).
 */
export function IncomingCall({ calls, people, conversations }: { calls: CallController; people: PeopleStore; conversations: ConversationStore }) {
  useStore(calls);
  useStore(people);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);
  const ring = calls.store.ringing()[0];
  const open = !!ring;

  useLayoutEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      heading.current?.focus();
    } else if (!open && d.open) {
      d.close();
      const back = opener.current as HTMLElement | null;
      if (back?.isConnected) back.focus();
    }
  }, [open, ring?.callId]);

  const caller = ring ? (people.person(ring.from)?.displayName ?? 'Someone') : '';
  const c = ring ? conversations.conversation(ring.conversationId) : undefined;
  const where = c && c.kind !== 'direct' ? conversationTitle(c, people) : null;
  return (
    <dialog
      ref={dialog}
      className="incoming-call"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="incoming-call-title"
      aria-describedby="incoming-call-from"
      data-ringing={calls.ring.playing ? 'true' : 'false'}
      onCancel={(e) => e.preventDefault()}
    >
      {ring && (
        <>
          <div className="incoming-call-head">
            <span className="avatar large incoming-call-avatar" aria-hidden="true">
              {initials(caller)}
            </span>
            <div>
              <h2 id="incoming-call-title" ref={heading} tabIndex={-1}>
                Incoming {ring.media === 'video' ? 'video' : 'audio'} call
              </h2>
              <p id="incoming-call-from" className="incoming-call-from">
                <strong>{isolate(caller)}</strong> is calling you{where ? <> in {isolate(where)}</> : null}
              </p>
            </div>
          </div>
          <div className="incoming-call-actions">
            <button type="button" className="primary call-accept" onClick={() => calls.accept(ring)}>
              {ring.media === 'video' ? <CameraIcon /> : <PhoneIcon />} Accept
            </button>
            <button type="button" className="secondary danger call-decline" onClick={() => void calls.decline(ring)}>
              Decline
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
