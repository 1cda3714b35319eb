import { useEffect, useRef, useState } from 'react';
import type { PeopleStore } from '../../store/people';
import { RailIcon, RailItem } from '../ui/RailItem';
import { useStore } from '../useStore';
import { NewRequestDialog } from './NewRequestDialog';
import { CancelRequestDialog, RequestDetailDialog } from './RequestDetail';
import { RequestRow } from './RequestRow';
import type { RequestsRemote, ServiceRequest } from './requestsApi';
import { isActive, type RequestsStore } from './requestsStore';
import './requests.css';

export function RequestsRailItem({ store, current, onSelect }: { store: RequestsStore; current: boolean; onSelect: () => void }) {
  useStore(store);
  const n = store.badge();
  return (
    <RailItem
      href="#requests"
      label="Requests"
      current={current}
      onSelect={onSelect}
      unread={n}
      unreadText={`, ${n} open or overdue`}
      icon={
        <RailIcon>
          <rect x="5" y="4" width="14" height="17" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M9 4V2.5h6V4M8.5 10h7M8.5 14h7M8.5 18h4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </RailIcon>
      }
    />
  );
}

/** The time now, again every 30 s: due times and "overdue" move on while the screen is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

type Tab = 'mine' | 'queues';

/**
 * The Requests section: "New request", the requests I filed (live), and the queues of the
 * services whose team I am in, open → claimed → in progress, with their buttons. Lists load
 * when the section opens and when the window gets focus again (team members are not sent
 * request.updated for requests they are not part of; the queue channel's card changes reload it).
 */
export function RequestsPane({ store, remote, people, meId }: { store: RequestsStore; remote: RequestsRemote; people: PeopleStore; meId: string }) {
  useStore(store);
  useStore(people);
  const now = useNow();
  const workable = store.workable();
  const [tab, setTab] = useState<Tab>('mine');
  const [newOpen, setNewOpen] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<ServiceRequest | null>(null);
  const [filed, setFiled] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    void store.load();
    const onFocus = () => void store.load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [store]);
  // Names of requesters and assignees in the lists.
  const mine = store.mine();
  const queued = workable.flatMap((s) => store.queue(s.id) ?? []);
  const ids = [...(mine ?? []), ...queued].flatMap((r) => [r.requesterId, ...(r.assigneeId ? [r.assigneeId] : [])]).join(',');
  useEffect(() => {
    if (ids) people.want(ids.split(','));
  }, [ids, people]);

  const row = (r: ServiceRequest, canWork: boolean) => (
    <RequestRow key={r.id} request={r} store={store} people={people} meId={meId} canWork={canWork} now={now} onOpen={setDetailId} onCancel={setCancelling} />
  );
  const current = (mine ?? []).filter(isActive);
  const finished = (mine ?? []).filter((r) => !isActive(r)).slice(0, 20);

  return (
    <main id="message-pane" className="requests-pane" tabIndex={-1} aria-labelledby="requests-heading">
      <div className="requests-head">
        <h2 id="requests-heading" ref={heading} tabIndex={-1}>
          Requests
        </h2>
        <button type="button" className="primary" onClick={() => setNewOpen(true)} disabled={store.services() === null}>
          New request
        </button>
      </div>
      {workable.length > 0 && (
        <div className="view-switch requests-tabs" role="group" aria-label="Show">
          <button type="button" className="secondary" aria-pressed={tab === 'mine'} onClick={() => setTab('mine')}>
            My requests
          </button>
          <button type="button" className="secondary" aria-pressed={tab === 'queues'} onClick={() => setTab('queues')}>
            Queues
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {filed}
      </p>
      {store.error() && (
        <p className="form-error pad" role="alert">
          {store.error()}{' '}
          <button type="button" className="link-button" onClick={() => void store.load()}>
            Try again
          </button>
        </p>
      )}
      <div className="requests-body">
        {tab === 'mine' || workable.length === 0 ? (
          <section aria-labelledby="mine-heading">
            <h3 id="mine-heading">My requests</h3>
            {mine === null ? (
              !store.error() && <p className="muted">Loading…</p>
            ) : mine.length === 0 ? (
              <p className="muted">You have not asked for anything yet. “New request” asks a service’s team for help.</p>
            ) : (
              <>
                <ul className="request-list">{current.map((r) => row(r, false))}</ul>
                {current.length === 0 && <p className="muted">Nothing waiting.</p>}
                {finished.length > 0 && (
                  <>
                    <h4>Finished</h4>
                    <ul className="request-list finished">{finished.map((r) => row(r, false))}</ul>
                  </>
                )}
              </>
            )}
          </section>
        ) : (
          workable.map((s) => {
            const q = store.queue(s.id);
            const headingId = `queue-${s.id}-heading`;
            return (
              <section key={s.id} aria-labelledby={headingId} className="queue">
                <h3 id={headingId}>
                  {s.name} <span className="muted small">({s.teamName})</span>
                </h3>
                {q === null ? (
                  <p className="muted">Loading…</p>
                ) : (
                  (['open', 'claimed', 'in-progress'] as const).map((status) => {
                    const items = q.filter((r) => r.status === status);
                    const label = status === 'open' ? 'Open' : status === 'claimed' ? 'Claimed' : 'In progress';
                    return (
                      <div key={status} className="queue-group">
                        <h4>
                          {label} <span className="muted">({items.length})</span>
                        </h4>
                        {items.length === 0 ? <p className="muted small">None.</p> : <ul className="request-list">{items.map((r) => row(r, true))}</ul>}
                      </div>
                    );
                  })
                )}
              </section>
            );
          })
        )}
      </div>
      {newOpen && (
        <NewRequestDialog
          store={store}
          onClose={() => setNewOpen(false)}
          onFiled={(r) => {
            setNewOpen(false);
            setTab('mine');
            setFiled(`Request #${r.number} sent to ${r.serviceName}.`);
          }}
        />
      )}
      {detailId && <RequestDetailDialog id={detailId} remote={remote} store={store} people={people} meId={meId} now={now} onClose={() => setDetailId(null)} />}
      {cancelling && <CancelRequestDialog request={cancelling} store={store} onClose={() => setCancelling(null)} />}
    </main>
  );
}
