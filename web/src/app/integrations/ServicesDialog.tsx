import { useEffect, useId, useState } from 'react';
import type { Team } from '../../types';
import type { ChatController } from '../controller';
import { PRIORITIES, requestsApi, serviceAdminApi, type Priority, type RequestService } from '../requests/requestsApi';
import { Modal } from '../ui/Modal';
import { useStore } from '../useStore';
import { integrationsApi } from './integrationsApi';
import { fieldNameFrom, formProblems, MAX_FIELDS, problemKey, SLUG, targetProblem, toWireFields, type DraftField } from './integrationsModel';
import { refusal } from './Secret';
import './integrations.css';

/**
 * A team's request services, for its owners (docs/bots-and-results.md, "Service requests"):
 * list, create and edit, with the form builder. The server's refusal of one field is shown
 * beside that field.
 */
export function ServicesDialog({ chat, team, onClose }: { chat: ChatController; team: Team; onClose: () => void }) {
  const [services, setServices] = useState<RequestService[] | null>(null);
  const [editing, setEditing] = useState<RequestService | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    requestsApi.services().then(
      (all) => setServices(all.filter((s) => s.teamId === team.id)),
      (e) => setError(refusal(e, 'Could not load the services.').text),
    );
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [team.id]);
  return (
    <Modal title={`Services of ${team.name}`} onClose={onClose} wide>
      {() =>
        editing ? (
          <ServiceForm
            chat={chat}
            team={team}
            service={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              void load();
            }}
          />
        ) : (
          <div>
            <p className="muted">People in your organisation file requests to these services; your team works them from the queue channel.</p>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            {services && services.length === 0 && <p className="muted">No services yet.</p>}
            {services && services.length > 0 && (
              <ul className="settings-list" aria-label="Services">
                {services.map((s) => (
                  <li key={s.id} className="settings-row integ-row">
                    <span className="settings-row-text">
                      <span className="integ-name">
                        {s.name} <code>/{s.slug}</code> {s.archived && <span className="tag">Archived</span>}
                      </span>
                      <span className="muted">
                        {s.fields.length} form {s.fields.length === 1 ? 'field' : 'fields'} · routine {s.targets.routine} min, urgent {s.targets.urgent} min,
                        emergency {s.targets.emergency} min
                      </span>
                    </span>
                    <button type="button" className="secondary" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}>
                      Edit
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="dialog-foot gap">
              <button type="button" className="primary" onClick={() => setEditing('new')}>
                New service
              </button>
              <button type="button" className="secondary" onClick={onClose}>
                Close
              </button>
            </div>
          </div>
        )
      }
    </Modal>
  );
}

const blankField = (): DraftField => ({ name: '', label: '', type: 'text', required: false, choices: '' });

function ServiceForm({ chat, team, service, onDone }: { chat: ChatController; team: Team; service: RequestService | null; onDone: () => void }) {
  const id = useId();
  const { teams, people } = chat;
  useStore(teams);
  useStore(people);
  const [channels, setChannels] = useState<{ id: string; name: string }[]>([]);
  const [name, setName] = useState(service?.name ?? '');
  const [slug, setSlug] = useState(service?.slug ?? '');
  const [queue, setQueue] = useState(service?.queueConversationId ?? '');
  const [lead, setLead] = useState(service?.leadId ?? chat.me.id);
  const [askNhs, setAskNhs] = useState(service?.askNhsNumber ?? true);
  const [targets, setTargets] = useState<Record<Priority, string>>({
    routine: String(service?.targets.routine ?? 240),
    urgent: String(service?.targets.urgent ?? 60),
    emergency: String(service?.targets.emergency ?? 15),
  });
  const [fields, setFields] = useState<DraftField[]>(
    service?.fields.map((f) => ({ ...f, choices: f.choices.join(', ') })) ?? [],
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    integrationsApi.teamChannels(team.id).then(
      (cs) => {
        const open = cs.filter((c) => c.visibility !== 'private');
        setChannels(open);
        setQueue((q) => q || open[0]?.id || '');
      },
      () => setChannels([]),
    );
    teams.loadMembers(team.id).catch(() => {});
  }, [team.id, teams]);
  const members = teams.members(team.id) ?? [];

  const check = (): Record<string, string> => {
    const p: Record<string, string> = { ...formProblems(fields) };
    if (!name.trim()) p.name = 'Give the service a name.';
    if (!SLUG.test(slug)) p.slug = 'Lower-case letters, digits and -, starting with a letter (2 to 40).';
    if (!queue) p.queueConversationId = 'Choose the channel where requests arrive.';
    for (const pr of PRIORITIES) {
      const t = targetProblem(targets[pr]);
      if (t) p[`targets.${pr}`] = t;
    }
    return p;
  };
  const save = () => {
    const p = check();
    setProblems(p);
    setError(null);
    if (Object.keys(p).length) return setError('Some fields need attention (marked below).');
    const draft = {
      slug,
      name: name.trim(),
      teamId: team.id,
      queueConversationId: queue,
      leadId: lead,
      askNhsNumber: askNhs,
      fields: toWireFields(fields),
      targets: { routine: Number(targets.routine), urgent: Number(targets.urgent), emergency: Number(targets.emergency) },
    };
    setBusy(true);
    (service ? serviceAdminApi.update(service.id, draft) : serviceAdminApi.create(draft)).then(onDone, (e) => {
      const r = refusal(e, 'The service was not saved.');
      const key = problemKey(r.field ?? undefined);
      if (key) setProblems({ [key]: r.text });
      setError(r.text);
      setBusy(false);
    });
  };
  const err = (key: string) =>
    problems[key] ? (
      <span id={`${id}-${key}-err`} className="form-error">
        {problems[key]}
      </span>
    ) : null;
  const described = (key: string) => (problems[key] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${key}-err` } : {});
  const setField = (i: number, f: Partial<DraftField>) => setFields(fields.map((x, j) => (j === i ? { ...x, ...f } : x)));

  return (
    <form
      className="integ-form integ-service"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>{service ? `Edit ${service.name}` : 'New service'}</h3>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} {...described('name')} />
      {err('name')}
      <label htmlFor={`${id}-slug`}>Short name (for /request)</label>
      <input id={`${id}-slug`} value={slug} maxLength={40} placeholder="phlebotomy" onChange={(e) => setSlug(e.target.value.toLowerCase())} {...described('slug')} />
      {err('slug')}
      <label htmlFor={`${id}-queue`}>Queue channel</label>
      <select id={`${id}-queue`} value={queue} onChange={(e) => setQueue(e.target.value)} {...described('queueConversationId')}>
        {channels.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {err('queueConversationId')}
      <label htmlFor={`${id}-lead`}>Lead (told when a request is overdue)</label>
      <select id={`${id}-lead`} value={lead} onChange={(e) => setLead(e.target.value)} {...described('leadId')}>
        {(members.length ? members.map((m) => m.userId) : [chat.me.id]).map((uid) => (
          <option key={uid} value={uid}>
            {people.person(uid)?.displayName ?? (uid === chat.me.id ? chat.me.displayName : 'A team member')}
          </option>
        ))}
      </select>
      {err('leadId')}
      <div className="integ-check">
        <input id={`${id}-nhs`} type="checkbox" checked={askNhs} onChange={(e) => setAskNhs(e.target.checked)} />
        <label htmlFor={`${id}-nhs`}>Ask for the patient’s NHS number</label>
      </div>
      <fieldset>
        <legend>Target time, in minutes</legend>
        <div className="integ-targets">
          {PRIORITIES.map((pr) => (
            <span key={pr}>
              <label htmlFor={`${id}-t-${pr}`}>{pr[0].toUpperCase() + pr.slice(1)}</label>
              <input
                id={`${id}-t-${pr}`}
                type="number"
                min={1}
                max={10080}
                value={targets[pr]}
                onChange={(e) => setTargets({ ...targets, [pr]: e.target.value })}
                {...described(`targets.${pr}`)}
              />
              {err(`targets.${pr}`)}
            </span>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Form fields</legend>
        {fields.length === 0 && <p className="muted">Only location and details are asked.</p>}
        {err('fields')}
        {fields.map((f, i) => (
          <div key={i} className="integ-field" role="group" aria-label={`Field ${i + 1}`}>
            <span>
              <label htmlFor={`${id}-f${i}-label`}>Label</label>
              <input id={`${id}-f${i}-label`} value={f.label} maxLength={80} onChange={(e) => setField(i, { label: e.target.value, ...(f.name === fieldNameFrom(f.label) ? { name: fieldNameFrom(e.target.value) } : {}) })} {...described(`fields.${i}.label`)} />
              {err(`fields.${i}.label`)}
            </span>
            <span>
              <label htmlFor={`${id}-f${i}-name`}>Field name</label>
              <input id={`${id}-f${i}-name`} value={f.name} maxLength={40} onChange={(e) => setField(i, { name: e.target.value })} {...described(`fields.${i}.name`)} />
              {err(`fields.${i}.name`)}
            </span>
            <span>
              <label htmlFor={`${id}-f${i}-type`}>Type</label>
              <select id={`${id}-f${i}-type`} value={f.type} onChange={(e) => setField(i, { type: e.target.value as DraftField['type'] })}>
                <option value="text">Text</option>
                <option value="choice">Choice</option>
                <option value="number">Number</option>
              </select>
            </span>
            {f.type === 'choice' && (
              <span>
                <label htmlFor={`${id}-f${i}-choices`}>Choices (comma-separated)</label>
                <input id={`${id}-f${i}-choices`} value={f.choices} onChange={(e) => setField(i, { choices: e.target.value })} {...described(`fields.${i}.choices`)} />
                {err(`fields.${i}.choices`)}
              </span>
            )}
            {f.type !== 'choice' && err(`fields.${i}.choices`)}
            <span className="integ-check">
              <input id={`${id}-f${i}-req`} type="checkbox" checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} />
              <label htmlFor={`${id}-f${i}-req`}>Required</label>
            </span>
            <span>
              <button type="button" className="secondary danger" aria-label={`Remove field ${f.label || i + 1}`} onClick={() => setFields(fields.filter((_, j) => j !== i))}>
                Remove
              </button>
            </span>
          </div>
        ))}
        <button type="button" className="secondary" disabled={fields.length >= MAX_FIELDS} onClick={() => setFields([...fields, blankField()])}>
          Add a field
        </button>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-foot gap">
        <button type="button" className="secondary" onClick={onDone}>
          Back to services
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {service ? 'Save service' : 'Create service'}
        </button>
      </div>
    </form>
  );
}
