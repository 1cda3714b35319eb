import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../api';
import { currentPermission, requestPermission, type Permission } from '../../notifications';
import type { Preferences } from '../../protocol/events';
import type { ChatController } from '../controller';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import { dayLabel, isAdmin, timeLabel } from '../util';
import { deviceName, sessionsApi, signOutOthers, type SessionInfo } from './sessions';
import { IntegrationsSection } from '../integrations/IntegrationsSection';
import './settings.css';

export const SETTINGS_HASH = '#/settings';

/** Settings is a page of its own at #/settings (so the browser's back button leaves it). */
export function useSettingsRoute(): { open: boolean; show: () => void; close: () => void } {
  const [open, setOpen] = useState(() => location.hash === SETTINGS_HASH);
  useEffect(() => {
    // Back and forward (popstate), or a typed address (hashchange), open or leave it.
    const onHash = () => setOpen(location.hash === SETTINGS_HASH);
    // Choosing another section in the rail leaves Settings.
    const onClick = (e: MouseEvent) => {
      const item = (e.target as Element | null)?.closest?.('.rail a, .rail button');
      if (item && !item.closest('.rail-settings-item') && location.hash === SETTINGS_HASH) {
        history.replaceState(history.state, '', location.pathname + location.search);
        setOpen(false);
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
      document.removeEventListener('click', onClick, true);
    };
  }, []);
  // pushState keeps the page's history state (the pane that is open, app/paneHistory.ts): Back
  // from Settings returns to the same conversation, and opening it closes nothing.
  const show = useCallback(() => {
    if (location.hash !== SETTINGS_HASH) history.pushState(history.state, '', SETTINGS_HASH);
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    if (location.hash === SETTINGS_HASH) history.replaceState(history.state, '', location.pathname + location.search);
    setOpen(false);
  }, []);
  return { open, show, close };
}

export function SettingsRailItem({ current, onSelect }: { current: boolean; onSelect: () => void }) {
  return (
    <>
      <RailItem
        href={SETTINGS_HASH}
        label="Settings"
        current={current}
        onSelect={onSelect}
        icon={
          <RailIcon>
            <circle cx="12" cy="12" r="3.2" fill="none" stroke="currentColor" strokeWidth="2" />
            <path
              d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </RailIcon>
        }
      />
    </>
  );
}

function problemText(e: unknown): string {
  if (e instanceof ApiError) return e.detail || 'The server refused the change.';
  return 'Could not reach Confer. Try again.';
}

/**
 * The person's settings: notifications, appearance, and their signed-in devices. Settings are
 * saved on the server at each change and applied at once on this and every other device
 * (preferences.changed).
 */
export function SettingsPage({ chat, onClose }: { chat: ChatController; onClose: () => void }) {
  const { preferences } = chat;
  useStore(preferences);
  const prefs = preferences.get();
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const change = (c: Partial<Preferences>) => {
    setError(null);
    preferences.change(c).catch((e) => setError(`Your setting was not saved: ${problemText(e)}`));
  };

  return (
    <section className="settings-page" aria-labelledby="settings-heading">
      <div className="settings-head">
        <h1 id="settings-heading" ref={heading} tabIndex={-1}>
          Settings
        </h1>
        <button type="button" className="secondary" onClick={onClose}>
          Close settings
        </button>
      </div>
      <p className="muted settings-intro">Saved to your account: they apply on every device you use Confer on.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <NotificationSettings chat={chat} prefs={prefs} change={change} onError={setError} />
      <AppearanceSettings prefs={prefs} change={change} />
      <SessionSettings />
      {isAdmin(chat.me) && (
        <Card title="Administration" id="settings-administration">
          <p className="muted">People, teams and organisations are managed on the admin pages.</p>
          <p>
            <a href="/admin">Open the admin pages</a>
          </p>
        </Card>
      )}
      <IntegrationsSection chat={chat} />
    </section>
  );
}

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="settings-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Toggle({ checked, onChange, label, hint }: { checked: boolean; onChange: (v: boolean) => void; label: string; hint?: string }) {
  const id = useId();
  return (
    <div className="settings-toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="muted settings-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

const PERMISSION_TEXT: Record<Permission, string> = {
  granted: 'Allowed in this browser.',
  default: 'Not yet allowed in this browser.',
  denied: 'Blocked in this browser’s site settings, so Confer cannot ask again. Alerts inside Confer still show.',
  unsupported: 'This browser cannot show desktop notifications. Alerts inside Confer still show.',
};

function NotificationSettings({
  chat,
  prefs,
  change,
  onError,
}: {
  chat: ChatController;
  prefs: Preferences;
  change: (c: Partial<Preferences>) => void;
  onError: (e: string | null) => void;
}) {
  const { conversations, preferences } = chat;
  useStore(conversations);
  const [permission, setPermission] = useState<Permission>(() => currentPermission());
  const muted = prefs.mutedConversations;
  return (
    <Card title="Notifications" id="settings-notifications">
      <p className="settings-urgent" id="settings-urgent-note">
        <strong>Urgent messages always alert</strong>, with sound, even in muted conversations and under “Do not disturb”. This cannot be
        turned off.
      </p>
      <Toggle
        checked={prefs.desktopNotifications}
        onChange={(v) => change({ desktopNotifications: v })}
        label="Desktop notifications"
        hint="For direct messages, group chats and mentions while Confer is in the background."
      />
      <div className="settings-permission">
        <span>
          Browser permission: <strong className={`permission-${permission}`}>{PERMISSION_TEXT[permission]}</strong>
        </span>
        {permission === 'default' && (
          <button type="button" className="secondary" onClick={() => void requestPermission().then(setPermission)}>
            Allow desktop notifications
          </button>
        )}
      </div>
      <Toggle
        checked={prefs.messageSound}
        onChange={(v) => change({ messageSound: v })}
        label="Sound for direct messages and mentions"
      />
      {!prefs.urgentSound && (
        <p className="settings-warning">
          The tone for urgent messages is off on your account.{' '}
          <button type="button" className="link-button" onClick={() => change({ urgentSound: true })}>
            Turn the urgent tone back on
          </button>
        </p>
      )}
      <h3 id="settings-muted">Muted conversations</h3>
      {muted.length === 0 ? (
        <p className="muted">None. Mute a conversation from its header; its messages then neither notify nor sound (urgent ones still do).</p>
      ) : (
        <ul className="settings-list" aria-labelledby="settings-muted">
          {muted.map((id) => {
            const c = conversations.conversation(id);
            const name = c ? chat.title(c) : 'A conversation you are no longer in';
            return (
              <li key={id} className="settings-row">
                <span className="settings-row-text">{name}</span>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Unmute ${name}`}
                  onClick={() => {
                    onError(null);
                    preferences.setMuted(id, false).catch((e) => onError(`Not unmuted: ${problemText(e)}`));
                  }}
                >
                  Unmute
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function Choice<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: { value: T; label: string; hint?: string }[];
  onChange: (v: T) => void;
}) {
  const base = useId();
  return (
    <fieldset className="settings-choice">
      <legend>{legend}</legend>
      {options.map((o) => (
        <div key={o.value} className="settings-option">
          <input id={`${base}-${o.value}`} type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <label htmlFor={`${base}-${o.value}`}>
            {o.label}
            {o.hint && <span className="muted settings-option-hint"> {o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function AppearanceSettings({ prefs, change }: { prefs: Preferences; change: (c: Partial<Preferences>) => void }) {
  const sample = new Date(2026, 0, 1, 14, 30);
  return (
    <Card title="Appearance" id="settings-appearance">
      <Choice
        legend="Theme"
        name="theme"
        value={prefs.theme}
        onChange={(theme) => change({ theme })}
        options={[
          { value: 'system', label: 'Same as this device', hint: '(light or dark)' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
          { value: 'contrast', label: 'High contrast' },
        ]}
      />
      <Choice
        legend="Time format"
        name="timeFormat"
        value={prefs.timeFormat}
        onChange={(timeFormat) => change({ timeFormat })}
        options={[
          { value: '24h', label: '24-hour', hint: `(${sample.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })})` },
          { value: '12h', label: '12-hour', hint: `(${sample.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true })})` },
        ]}
      />
    </Card>
  );
}

function when(iso: string): string {
  const d = new Date(iso);
  const day = dayLabel(d);
  return `${day}, ${timeLabel(d)}`;
}

function SessionSettings() {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    sessionsApi.list().then(
      (s) => setSessions([...s].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))),
      (e) => setError(`Could not load your devices: ${problemText(e)}`),
    );
  }, []);
  useEffect(load, [load]);
  const others = (sessions ?? []).filter((s) => !s.current);
  const act = (what: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setDone('');
    what()
      .then(() => setDone(message), (e) => setError(`Not signed out: ${problemText(e)}`))
      .finally(() => {
        setBusy(false);
        load();
      });
  };
  return (
    <Card title="Signed-in devices" id="settings-sessions">
      <p className="muted">Where you are signed in to Confer. Sign out a device you no longer use, or one you did not expect.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="settings-done">
        {done}
      </p>
      {sessions === null ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <ul className="settings-list sessions" aria-labelledby="settings-sessions">
          {sessions.map((s) => {
            const name = deviceName(s.userAgent);
            return (
              <li key={s.id} className="settings-row session">
                <span className="settings-row-text">
                  <span className="session-device">
                    {name}
                    {s.current && <span className="tag session-current">This device</span>}
                  </span>
                  <span className="muted session-detail">
                    Last active {when(s.lastSeenAt)} · signed in {when(s.createdAt)}
                    {s.clientAddress ? ` · ${s.clientAddress}` : ''}
                  </span>
                </span>
                {!s.current && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={`Sign out ${name}, last active ${when(s.lastSeenAt)}`}
                    onClick={() => act(() => sessionsApi.revoke(s.id), `Signed out ${name}.`)}
                  >
                    Sign out
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className="secondary danger"
        disabled={busy || others.length === 0}
        onClick={() =>
          act(
            () => signOutOthers(sessions ?? []),
            `Signed out ${others.length} other ${others.length === 1 ? 'device' : 'devices'}.`,
          )
        }
      >
        Sign out other devices
      </button>
    </Card>
  );
}
