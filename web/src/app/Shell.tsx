import { useEffect, useState } from 'react';
import { isolate } from '../text/isolate';
import { ActivityPane, ActivityRailItem } from './activity/ActivityPane';
import { ChatRailItem } from './alerts/ChatRailItem';
import { CallBar, CallOverlay } from './calls/CallOverlay';
import { Toasts } from './alerts/Toasts';
import { UrgentAlert } from './alerts/UrgentAlert';
import { ConversationList } from './chat/ConversationList';
import { ConversationView } from './chat/ConversationView';
import { NewChatDialog } from './chat/NewChatDialog';
import { PresenceSelector } from './chat/Presence';
import { UrgentReminders } from './chat/Urgent';
import { ConnectionBanner } from './ConnectionBanner';
import type { ChatController } from './controller';
import { Shortcuts } from './shortcuts/Shortcuts';
import { SearchButton, SearchDialog } from './search/SearchDialog';
import { SavedPane, SavedRailItem } from './pins/SavedPane';
import { TeamsPane, TeamsRailItem } from './teams/TeamsPane';
import { useStore } from './useStore';
import { initials, isAdmin } from './util';
import { conversationShown, paneOf } from './paneHistory';
import { reopenHash } from './settings/reopen';
import { useUnsentGuard } from './chat/useUnsentGuard';
import { useAppliedPreferences } from './settings/applyPreferences';
import { SettingsPage, SettingsRailItem, useSettingsRoute } from './settings/SettingsPage';
import { CalendarPane, CalendarRailItem } from './calendar/CalendarPane';
import { CalendarStore } from './calendar/calendarStore';
import { InvitationToasts } from './calendar/InvitationToasts';
import { meetingsApi } from './calendar/meetingsApi';
import { meetingOfHash } from './calendar/route';
import { RequestsPane, RequestsRailItem } from './requests/RequestsPane';
import { requestsApi } from './requests/requestsApi';
import { RequestsStore } from './requests/requestsStore';
import { ResultsPane, ResultsRailItem } from './results/ResultsPane';
import { resultsApi } from './results/resultsApi';
import { resultOfHash } from './results/route';
import { VisitsPane, VisitsRailItem } from './visits/VisitsPane';
import { visitsApi } from './visits/api';
import { useTodayVisits, useVisitCalendars } from './visits/liveVisits';
import { Kiosk, useKioskRoute } from './visits/Kiosk';
import { tellCalls, waitingCount } from './visits/visitCall';

export function Shell({ controller, onSignOut }: { controller: ChatController; onSignOut: () => void }) {
  const { conversations, messages, people, presence, urgent, activity } = controller;
  useStore(controller);
  useStore(conversations);
  useStore(people);
  const [newChatOpen, setNewChatOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  // Theme and time format from the person's settings; Settings is a page at #/settings.
  useAppliedPreferences(controller.preferences);
  // A reload or close with a message still unsent asks first (it is held only in memory).
  useUnsentGuard(controller.outbox, controller.uploads);
  const settings = useSettingsRoute();
  const [section, setSection] = useState<'chat' | 'teams' | 'activity' | 'saved' | 'calendar' | 'requests' | 'results' | 'visits'>(() => (location.hash === '#visits' ? 'visits' : 'chat'));
  // Calendar, Requests and Results take the list and message columns together.
  const fullWidth = section === 'calendar' || section === 'requests' || section === 'results' || section === 'visits';
  // Virtual visits' ward view (issue 15): in the rail for people who may see a booking calendar.
  const visitCalendars = useVisitCalendars(visitsApi);
  // Service requests (issue 14): loaded at once for the rail's badge, live from request.updated.
  const [requests] = useState(() => new RequestsStore(requestsApi, { meId: controller.me.id }));
  useEffect(() => {
    const off = requests.register(controller.dispatcher);
    void requests.load();
    return off;
  }, [requests, controller]);
  /** The result a #/results/<id> link (a Results bot card's View) opened. */
  const [resultId, setResultId] = useState<string | null>(null);
  // The calendar's meetings and invitation toasts live with the shell (their events arrive in any section).
  const [calendar] = useState(() => new CalendarStore(meetingsApi, { meId: controller.me.id, live: () => controller.notifier.live }));
  useEffect(() => calendar.register(controller.dispatcher), [calendar, controller]);
  /** The meeting a #/meetings/<id> link (an invitation email's) or a toast's View opened. */
  const [linkedMeeting, setLinkedMeeting] = useState<string | null>(null);
  // Toasts pop up only for conversations not on screen (none is in Activity).
  // The Calendar (and Requests, Results) cover the message pane, so there too no conversation is on screen.
  useEffect(() => controller.toasts.setSection(fullWidth ? 'activity' : (section as 'chat' | 'teams' | 'activity' | 'saved')), [controller, section, fullWidth]);
  /** An alert's or toast's Open: the message in its conversation, in that conversation's section. */
  const openMessage = (conversationId: string, messageId?: string, threadRootId?: string) => {
    setSection(conversations.conversation(conversationId)?.kind === 'channel' ? 'teams' : 'chat');
    void controller.openAt(conversationId, messageId, threadRootId);
  };
  const active = !fullWidth && controller.activeId ? conversations.conversation(controller.activeId) : undefined;
  // Chat and Teams each show only their own kind: a channel left open would sit in the Chat
  // section's pane with no list entry to match it (and a direct chat in Teams likewise).
  const showSection = (s: 'chat' | 'teams') => {
    setSection(s);
    if (active && (active.kind === 'channel') !== (s === 'teams')) controller.select(null);
  };

  // Back (the browser's, or the header's on a phone) closes what was opened: paneHistory.ts.
  useEffect(() => conversationShown(controller.activeId), [controller.activeId]);
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const pane = paneOf(e.state);
      const c = pane ? conversations.conversation(pane.conversationId) : undefined;
      if ((c?.id ?? null) === controller.activeId) return;
      controller.select(c?.id ?? null);
      if (c) setSection((s) => (c.kind === 'channel' ? 'teams' : s === 'teams' ? 'chat' : s));
      else setTimeout(() => focusListHeading(), 0);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [controller, conversations]);
  const unread = conversations.conversations().reduce((n, c) => n + c.unreadCount, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Confer` : 'Confer';
    return () => {
      document.title = 'Confer';
    };
  }, [unread]);

  // A copied message link opens the conversation at that message: #/c/{conversation}/m/{message}.
  // A thread reply's link, #/c/{conversation}/t/{root}/m/{reply} (or the older form without the
  // root, when the reply is loaded), opens the thread panel at the reply.
  // After a reload, the conversation that was open opens again (the same way as a link).
  const [hash, setHash] = useState(() => location.hash || reopenHash());
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  // A link is handled once. Clearing must not drop a newer one: a hashchange can land between the
  // render that saw the old link and the effect that handles it (a reload reopens the last
  // conversation while a pasted link is already arriving).
  const consumeHash = (handled: string) => {
    if (location.hash === handled) history.replaceState(null, '', location.pathname + location.search);
    setHash((current) => (current === handled ? '' : current));
  };
  // The ward device's kiosk (#/visits/kiosk) takes the whole window; a device opens it after sign-in.
  const kiosk = useKioskRoute(hash, visitCalendars.calendars, controller.me.id);
  // The rail's count of guests waiting today across my calendars (the kiosk reads its own).
  const today = useTodayVisits(visitsApi, kiosk ? null : visitCalendars.calendars, controller.dispatcher, (vs) => tellCalls(controller.calls.store, vs));
  useEffect(() => void (hash === '#visits' && setSection('visits')), [hash]);
  const known = conversations.conversations().length;
  useEffect(() => {
    const meetingId = meetingOfHash(hash);
    if (!meetingId) return;
    setSection('calendar');
    setLinkedMeeting(meetingId);
  }, [hash]);
  useEffect(() => {
    const id = resultOfHash(hash);
    if (!id) return;
    // Handled once, like a message link: the same card's View works again later.
    consumeHash(hash);
    setSection('results');
    setResultId(id);
  }, [hash]);
  useEffect(() => {
    const match = /^#\/c\/([^/]+)(?:\/t\/([^/]+))?(?:\/m\/([^/]+))?$/.exec(hash);
    if (!match) return;
    const cid = decodeURIComponent(match[1]);
    if (!conversations.conversation(cid)) return;
    consumeHash(hash);
    controller.select(cid);
    setSection(conversations.conversation(cid)?.kind === 'channel' ? 'teams' : 'chat');
    if (!match[3]) return;
    const messageId = decodeURIComponent(match[3]);
    const linkedRoot = match[2] ? decodeURIComponent(match[2]) : undefined;
    const inside = (container: string, id: string) => document.querySelector<HTMLElement>(`${container} #${CSS.escape(`msg-${id}`)}`);
    let tries = 0;
    // The conversation and its thread render as their messages load: look again until they have.
    const find = () => {
      const rootId = linkedRoot ?? messages.message(cid, messageId)?.threadRootId;
      const el = rootId ? inside('.thread-pane', messageId) : inside('.message-list', messageId);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.classList.add('linked');
        return;
      }
      // The thread panel belongs to the conversation view: open it as a person does, with the
      // root's replies button (focus then goes to the thread's composer).
      if (rootId && !inside('.thread-pane', rootId)) inside('.message-list', rootId)?.querySelector<HTMLButtonElement>('.replies')?.click();
      // Up to 30 s: on a slow connection or a busy device the history and thread take a while.
      if (++tries < 120) setTimeout(find, 250);
    };
    find();
  }, [hash, known, controller, conversations, messages]);

  if (kiosk) return <Kiosk chat={controller} remote={visitsApi} calendars={visitCalendars.calendars} />;
  return (
    <div
      className={`shell ${active ? 'shows-conversation' : 'shows-list'}${settings.open ? ' settings-open' : ''}`}
      data-connection={controller.connection}
    >
      <a className="skip-link" href="#message-pane">
        Skip to messages
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">C</span>
          <span className="brand-name">Confer</span>
        </div>
        <SearchButton onOpen={() => setSearchOpen(true)} />
        <div className="topbar-user">
          <span className="avatar small" aria-hidden="true">
            {initials(controller.me.displayName)}
          </span>
          <span>
            <span className="user-name">{controller.me.displayName}</span>
            <span className="muted user-org">{controller.me.organisation?.name}</span>
          </span>
          <PresenceSelector presence={presence} meId={controller.me.id} />
          <Shortcuts
            controller={controller}
            onSearch={() => setSearchOpen(true)}
            onOpen={(c) => {
              setSection(c.kind === 'channel' ? 'teams' : 'chat');
              controller.select(c.id);
            }}
          />
          {isAdmin(controller.me) && <a className="topbar-admin" href="/admin">Administration</a>}
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <div className="banners">
        <CallBar calls={controller.calls} conversations={conversations} people={people} />
        <ConnectionBanner state={controller.connection} retryAt={controller.retryAt} onRetry={() => controller.retryNow()} />
        <UrgentReminders
          urgent={urgent}
          messages={messages}
          conversations={conversations}
          people={people}
          onOpen={(id, messageId) => openMessage(id, messageId)}
        />
      </div>
      <UrgentAlert
        urgent={urgent}
        messages={messages}
        conversations={conversations}
        people={people}
        tone={controller.alerter.tone}
        onOpen={openMessage}
      />
      <CallOverlay calls={controller.calls} people={people} conversations={conversations} />
      <InvitationToasts
        calendar={calendar}
        people={people}
        hour12={controller.preferences.get().timeFormat === '12h'}
        onView={(id) => {
          setSection('calendar');
          setLinkedMeeting(id);
        }}
      />
      <Toasts toasts={controller.toasts} conversations={conversations} people={people} onOpen={(t) => openMessage(t.conversationId, t.messageId, t.threadRootId)} />
      <nav className="rail" aria-label="Sections">
        <ul>
          <li>
            <ActivityRailItem activity={activity} current={section === 'activity'} onSelect={() => setSection('activity')} />
          </li>
          <li>
            <ChatRailItem conversations={conversations} current={section === 'chat'} onSelect={() => showSection('chat')} />
          </li>
          <li>
            <TeamsRailItem conversations={conversations} current={section === 'teams'} onSelect={() => showSection('teams')} />
          </li>
          <li>
            <CalendarRailItem current={section === 'calendar'} onSelect={() => setSection('calendar')} />
          </li>
          <li>
            <RequestsRailItem store={requests} current={section === 'requests'} onSelect={() => setSection('requests')} />
          </li>
          <li>
            <ResultsRailItem
              current={section === 'results'}
              onSelect={() => {
                setSection('results');
                setResultId(null);
              }}
            />
          </li>
          {((visitCalendars.calendars?.length ?? 0) > 0 || section === 'visits') && (
            <li>
              <VisitsRailItem current={section === 'visits'} onSelect={() => setSection('visits')} waiting={waitingCount([...today.byCalendar.values()].flat())} />
            </li>
          )}
          <li>
            <SavedRailItem current={section === 'saved'} onSelect={() => setSection('saved')} />
          </li>
          <li className="rail-settings-item">
            <SettingsRailItem current={settings.open} onSelect={settings.show} />
          </li>
        </ul>
      </nav>
      {section === 'calendar' ? (
        <CalendarPane
          calendar={calendar}
          chat={controller}
          meetingId={linkedMeeting}
          onMeetingClosed={() => {
            setLinkedMeeting(null);
            if (meetingOfHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
          }}
          onOpenChat={(id) => openMessage(id)}
        />
      ) : section === 'requests' ? (
        <RequestsPane store={requests} remote={requestsApi} people={people} meId={controller.me.id} />
      ) : section === 'results' ? (
        <ResultsPane
          remote={resultsApi}
          people={people}
          presence={presence}
          meId={controller.me.id}
          resultId={resultId}
          onOpenResult={setResultId}
        />
      ) : section === 'visits' ? (
        <VisitsPane chat={controller} remote={visitsApi} calendars={visitCalendars.calendars} calendarsError={visitCalendars.error} reloadCalendars={visitCalendars.reload} />
      ) : section === 'activity' ? (
        <ActivityPane activity={activity} people={people} conversations={conversations} teams={controller.teams} />
      ) : section === 'saved' ? (
        <SavedPane
          saved={controller.saved}
          people={people}
          conversations={conversations}
          onOpen={(item) => void controller.openAt(item.conversationId, item.messageId, item.message.threadRootId ?? undefined)}
        />
      ) : (
      <aside className="list-pane" aria-labelledby={section === 'teams' ? 'teams-heading' : 'chat-heading'}>
        {section === 'teams' ? (
          <TeamsPane chat={controller} />
        ) : (
          <>
            <div className="list-head">
              <h2 id="chat-heading" tabIndex={-1}>
                Chat
              </h2>
              <button type="button" className="secondary" onClick={() => setNewChatOpen(true)}>
                New chat
              </button>
            </div>
            <ConversationList
              conversations={conversations}
              people={people}
              presence={presence}
              activeId={controller.activeId}
              onSelect={(id) => controller.select(id)}
            />
          </>
        )}
      </aside>
      )}
      {!fullWidth && (
      <main id="message-pane" className="message-pane" tabIndex={-1} aria-label={active ? controller.title(active) : 'Messages'}>
        {active ? (
          <ConversationView key={active.id} chat={controller} conversation={active} />
        ) : (
          <div className="empty">
            <h2>Welcome, {isolate(controller.me.displayName)}</h2>
            <p className="muted">Choose a conversation, or start a new chat with a colleague.</p>
          </div>
        )}
      </main>
      )}
      {settings.open && <SettingsPage chat={controller} onClose={settings.close} />}
      {searchOpen && (
        <SearchDialog
          chat={controller}
          here={active ? { id: active.id, title: controller.title(active) } : undefined}
          onClose={() => setSearchOpen(false)}
          onOpenConversation={(c) => {
            setSearchOpen(false);
            setSection(c.kind === 'channel' ? 'teams' : 'chat');
            controller.select(c.id);
          }}
          onOpenTeam={(teamId) => {
            setSearchOpen(false);
            showSection('teams');
            // The team in the list, once the Teams section has rendered.
            setTimeout(() => document.querySelector<HTMLElement>(`[data-team-id="${CSS.escape(teamId)}"] .team-toggle`)?.focus(), 0);
          }}
        />
      )}
      {newChatOpen && (
        <NewChatDialog
          meId={controller.me.id}
          presence={presence}
          actions={controller.actions}
          onClose={() => setNewChatOpen(false)}
          onStarted={(id) => {
            setNewChatOpen(false);
            setSection('chat');
            controller.select(id);
          }}
        />
      )}
    </div>
  );
}

/** After Back to the list: focus its heading, so the next swipe or Tab starts from the top of the list. */
function focusListHeading(): void {
  const h = document.querySelector<HTMLElement>('.list-pane h2');
  if (!h) return;
  if (!h.hasAttribute('tabindex')) h.tabIndex = -1;
  h.focus();
}
