import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, ApiError, setUnauthorisedHandler } from './api';
import { SignIn } from './app/SignIn';
import { Shell } from './app/Shell';
import { ChatController } from './app/controller';
import { drafts } from './store/drafts';
import type { Me } from './types';
import './styles.css';
import './responsive.css';
import { registerServiceWorker } from './serviceWorker';
import { followVisualViewport } from './viewport';

type Session = { state: 'loading' } | { state: 'signed-out'; notice?: string } | { state: 'signed-in'; me: Me };

function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [controller, setController] = useState<ChatController | null>(null);

  useEffect(() => {
    api
      .me()
      .then((me) => setSession({ state: 'signed-in', me }))
      .catch((e) => setSession({ state: 'signed-out', notice: e instanceof ApiError ? undefined : 'Cannot reach Confer right now.' }));
  }, []);

  useEffect(() => {
    if (session.state !== 'signed-in') return;
    const expired = () => setSession({ state: 'signed-out', notice: 'Your session has ended. Sign in again; your drafts are kept.' });
    // This person's drafts and open conversation; anyone else's left on this device are removed.
    drafts.bind(session.me.id);
    const c = new ChatController(session.me, expired);
    setUnauthorisedHandler(expired);
    setController(c);
    c.start().catch(() => {});
    return () => {
      setUnauthorisedHandler(undefined);
      c.stop();
      setController(null);
    };
  }, [session]);

  if (session.state === 'loading') return <p className="loading" role="status">Loading Confer…</p>;
  if (session.state === 'signed-out')
    return <SignIn notice={session.notice} onSignedIn={(me) => setSession({ state: 'signed-in', me })} />;
  if (!controller) return <p className="loading" role="status">Loading Confer…</p>;
  return (
    <Shell
      controller={controller}
      onSignOut={() => {
        // Signing out forgets what this device kept: drafts and the open conversation (docs/decisions.md).
        drafts.clear();
        api
          .logout()
          .catch(() => {})
          .finally(() => setSession({ state: 'signed-out', notice: 'You have signed out.' }));
      }}
    />
  );
}

followVisualViewport();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
