import { useState } from 'react';
import { DialogForm, useDialogSubmit } from '../ui/DialogForm';
import { nhsDigits, nhsNumberProblem } from './nhsNumber';
import { PRIORITIES, type Priority, type RequestService, type ServiceRequest } from './requestsApi';
import type { RequestsStore } from './requestsStore';
import { priorityLabel } from './requestsView';

type Errors = Record<string, string>;

/** The form's problems by field (empty when it can be sent); the server checks everything again. */
export function problems(service: RequestService | undefined, values: { location: string; nhsNumber: string; details: string; fields: Record<string, string> }): Errors {
  const out: Errors = {};
  if (!service) {
    out.service = 'Choose a service.';
    return out;
  }
  if (!values.location.trim()) out.location = 'Say where: ward, bed or room.';
  if (service.askNhsNumber) {
    const p = nhsNumberProblem(values.nhsNumber);
    if (p) out.nhsNumber = p;
  }
  for (const f of service.fields) {
    const v = (values.fields[f.name] ?? '').trim();
    if (f.required && !v) out[`field-${f.name}`] = `${f.label} is needed.`;
    else if (v && f.type === 'number' && !Number.isFinite(Number(v))) out[`field-${f.name}`] = `${f.label} must be a number.`;
  }
  if (!values.details.trim()) out.details = 'Describe what is needed.';
  return out;
}

function targetText(minutes: number | null): string {
  if (minutes == null) return '';
  return minutes < 60 ? ` (within ${minutes} min)` : ` (within ${Math.round((minutes / 60) * 10) / 10} h)`;
}

/**
 * "New request": choose a service, then its form — priority, where, the patient's NHS number
 * when the service asks (checked as typed, modulus 11), the service's own fields, details. One
 * clientRequestId per dialog, so sending again after a failure cannot file the request twice.
 */
export function NewRequestDialog({ store, onClose, onFiled }: { store: RequestsStore; onClose: () => void; onFiled: (r: ServiceRequest) => void }) {
  const services = (store.services() ?? []).filter((s) => !s.archived);
  const [serviceId, setServiceId] = useState(services.length === 1 ? services[0].id : '');
  const [priority, setPriority] = useState<Priority>('routine');
  const [location, setLocation] = useState('');
  const [nhsNumber, setNhsNumber] = useState('');
  const [details, setDetails] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [clientRequestId] = useState(() => crypto.randomUUID());
  const { error, busy, submit } = useDialogSubmit();
  const service = services.find((s) => s.id === serviceId);
  const errors = problems(service, { location, nhsNumber, details, fields });
  const shown = tried ? errors : {};
  const invalid = (k: string) => (shown[k] ? { 'aria-invalid': true as const, 'aria-describedby': `req-${k}-error` } : {});
  const fieldError = (k: string) =>
    shown[k] ? (
      <p id={`req-${k}-error`} className="field-error">
        {shown[k]}
      </p>
    ) : null;

  const send = () => {
    setTried(true);
    if (!service || Object.keys(errors).length > 0) {
      const first = Object.keys(errors)[0];
      setTimeout(() => document.getElementById(`req-${first}`)?.focus(), 0);
      return;
    }
    const filled: Record<string, string> = {};
    for (const f of service.fields) if ((fields[f.name] ?? '').trim()) filled[f.name] = fields[f.name].trim();
    void submit(
      () =>
        store.file({
          serviceId: service.id,
          priority,
          location: location.trim(),
          ...(service.askNhsNumber ? { nhsNumber: nhsDigits(nhsNumber) ?? nhsNumber } : {}),
          details: details.trim(),
          fields: filled,
          clientRequestId,
        }),
      'The request was not sent. Try again.',
      onFiled,
    );
  };

  return (
    <DialogForm title="New request" wide onClose={onClose} onSubmit={send} error={error} busy={busy} submitLabel="Send request">
      <div className="request-form">
        <label htmlFor="req-service">Service</label>
        <select id="req-service" className="req-input" value={serviceId} onChange={(e) => setServiceId(e.target.value)} {...invalid('service')}>
          <option value="">Choose a service…</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.teamName})
            </option>
          ))}
        </select>
        {fieldError('service')}
        {services.length === 0 && <p className="muted small">No services are offered in your organisation yet.</p>}
        {service && (
          <>
            <fieldset className="priority-choice">
              <legend>Priority</legend>
              {PRIORITIES.map((p) => (
                <label key={p} className="radio">
                  <input type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} />
                  {priorityLabel(p)}
                  <span className="muted">{targetText(service.targets[p])}</span>
                </label>
              ))}
            </fieldset>
            <label htmlFor="req-location">Location</label>
            <input id="req-location" className="req-input" type="text" value={location} onChange={(e) => setLocation(e.target.value)} maxLength={200} placeholder="Ward 7, bed 12" {...invalid('location')} />
            {fieldError('location')}
            {service.askNhsNumber && (
              <>
                <label htmlFor="req-nhsNumber">Patient’s NHS number</label>
                <input
                  id="req-nhsNumber"
                  className="req-input nhs-input"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={nhsNumber}
                  onChange={(e) => setNhsNumber(e.target.value)}
                  maxLength={14}
                  placeholder="943 476 5919"
                  {...invalid('nhsNumber')}
                />
                {fieldError('nhsNumber')}
              </>
            )}
            {service.fields.map((f) => {
              const key = `field-${f.name}`;
              const set = (v: string) => setFields((old) => ({ ...old, [f.name]: v }));
              return (
                <div key={f.name}>
                  <label htmlFor={`req-${key}`}>
                    {f.label}
                    {!f.required && <span className="muted"> (optional)</span>}
                  </label>
                  {f.type === 'choice' ? (
                    <select id={`req-${key}`} className="req-input" value={fields[f.name] ?? ''} onChange={(e) => set(e.target.value)} {...invalid(key)}>
                      <option value="">Choose…</option>
                      {f.choices.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={`req-${key}`}
                      className="req-input"
                      type="text"
                      inputMode={f.type === 'number' ? 'decimal' : undefined}
                      value={fields[f.name] ?? ''}
                      onChange={(e) => set(e.target.value)}
                      maxLength={500}
                      {...invalid(key)}
                    />
                  )}
                  {fieldError(key)}
                </div>
              );
            })}
            <label htmlFor="req-details">Details</label>
            <textarea id="req-details" rows={3} value={details} onChange={(e) => setDetails(e.target.value)} maxLength={2000} {...invalid('details')} />
            {fieldError('details')}
          </>
        )}
      </div>
    </DialogForm>
  );
}
