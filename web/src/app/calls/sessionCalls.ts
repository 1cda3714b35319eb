/**
 * The call controller of one signed-in session (app/controller.ts): its frames go out on the
 * session's stream, names come from the people store, and a ring raises a desktop notification
 * when the person has them switched on.
 */
import { showNotification } from '../../notifications';
import type { PeopleStore } from '../../store/people';
import { CallController } from './callController';

export function sessionCalls(
  meId: string,
  sendFrame: (frame: Record<string, unknown>) => boolean,
  people: PeopleStore,
  desktopNotifications: () => boolean,
): CallController {
  const nameOf = (id: string) => people.person(id)?.displayName ?? 'Someone';
  return new CallController({
    meId,
    sendFrame,
    nameOf,
    notify: (ring, onClick) => {
      if (!desktopNotifications()) return;
      showNotification(`${nameOf(ring.from)} is calling`, ring.media === 'video' ? 'Video call' : 'Audio call', `call-${ring.callId}`, false, onClick);
    },
  });
}
