/**
 * The side effects of an urgent message reaching me, from its first notice (attempt 1, sent with
 * the post) and again at every reminder: the tone (unless the person turned the urgent tone off;
 * on by default) and, while the tab is hidden, a flashing title. The alert itself is drawn from
 * the urgent store's reminders (UrgentAlert.tsx). Neither a mute, "do not disturb" nor the
 * desktop-notification permission is asked: urgent always breaks through (docs/decisions.md).
 */
import type { Dispatcher } from '../../protocol/dispatch';
import type { UrgentStore } from '../../store/urgent';
import { TitleFlasher, TonePlayer } from './tone';

export interface UrgentAlerterHost {
  urgent: UrgentStore;
  /** The person's "urgent tone" setting (PreferencesStore; true until they turn it off). */
  urgentSound(): boolean;
  /** Who sent it, for the flashing title: "Alice Moreno". */
  senderOf(conversationId: string, messageId: string): string | undefined;
}

export class UrgentAlerter {
  readonly tone: TonePlayer;
  readonly flasher: TitleFlasher;
  /** The attempt each message last sounded for: one tone per attempt, even if a frame is seen twice. */
  private sounded = new Map<string, number>();

  constructor(
    private readonly host: UrgentAlerterHost,
    tone?: TonePlayer,
    flasher?: TitleFlasher,
  ) {
    this.tone = tone ?? new TonePlayer();
    this.flasher = flasher ?? new TitleFlasher();
    // Nothing left to acknowledge (here or on another device): stop flashing.
    host.urgent.subscribe(() => {
      if (host.urgent.reminders().length === 0) this.flasher.stop();
    });
  }

  /** Register after the urgent store, which decides whether the notice raises the alert. */
  register(d: Dispatcher): void {
    d.onUserEvent('message.urgent', (e) => this.notice(e.conversationId, e.messageId, e.attempt));
    d.onConversationEvent('message.posted', (e, ctx) => {
      if (e.message.urgent) this.notice(ctx.conversationId, e.message.id, 1);
    });
  }

  notice(conversationId: string, messageId: string, attempt: number): void {
    const r = this.host.urgent.reminder(messageId);
    if (!r?.raised || r.attempt !== attempt || this.sounded.get(messageId) === attempt) return;
    this.sounded.set(messageId, attempt);
    if (this.host.urgentSound()) this.tone.play();
    this.flasher.start(() => {
      const from = this.host.senderOf(conversationId, messageId);
      return from ? `⚠ Urgent from ${from}` : '⚠ Urgent message';
    });
  }

  stop(): void {
    this.flasher.stop();
  }
}
