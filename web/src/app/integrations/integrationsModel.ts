/**
 * The pure rules of the integration screens: what each scope lets a bot do (said in one line
 * beside its checkbox), the service form builder's checks (the same limits as the server, so most
 * mistakes are named before a round trip; the server stays the judge), and the escalation chain's
 * reordering.
 */
import type { OutgoingEvent, Scope } from './integrationsApi';

export const SCOPES: readonly { scope: Scope; text: string }[] = [
  { scope: 'messages:write', text: 'Post messages and cards in conversations it is a member of.' },
  { scope: 'mentions:read', text: 'Read messages of its conversations, its mentions and direct messages.' },
  { scope: 'commands', text: 'Register slash commands and answer them.' },
  { scope: 'requests:manage', text: 'File, claim and update service requests for the Requests bot.' },
  { scope: 'results:submit', text: 'Send lab results (FHIR DiagnosticReport) for this organisation.' },
];

export function scopeText(scope: string): string {
  return SCOPES.find((s) => s.scope === scope)?.text ?? 'Unknown scope.';
}

export const OUTGOING_EVENTS: readonly { event: OutgoingEvent; label: string }[] = [
  { event: 'mention', label: 'A message mentions the bot' },
  { event: 'direct', label: 'A direct message to the bot' },
  { event: 'command', label: 'Its slash commands are run' },
  { event: 'action', label: 'Buttons on its cards are pressed' },
];

/** A field of the service form as edited: choices as one comma-separated line. */
export interface DraftField {
  name: string;
  label: string;
  type: 'text' | 'choice' | 'number';
  required: boolean;
  choices: string;
}

export const MAX_FIELDS = 20;
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
export const SLUG = /^[a-z][a-z0-9-]{1,39}$/;

export function choicesOf(f: DraftField): string[] {
  return f.choices
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * The problems of a form, by key `fields.<index>.<part>` (or `fields` for the whole list): empty
 * when the server would take it.
 */
export function formProblems(fields: DraftField[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (fields.length > MAX_FIELDS) out.fields = `A form has at most ${MAX_FIELDS} fields.`;
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const name = f.name.trim();
    if (!FIELD_NAME.test(name) || name.length > 40)
      out[`fields.${i}.name`] = 'Use lower-case letters, digits and _ , starting with a letter (at most 40).';
    else if (seen.has(name)) out[`fields.${i}.name`] = `Another field is already called ${name}.`;
    seen.add(name);
    if (!f.label.trim()) out[`fields.${i}.label`] = 'Give the field a label.';
    else if (f.label.trim().length > 80) out[`fields.${i}.label`] = 'At most 80 characters.';
    const choices = choicesOf(f);
    if (f.type === 'choice' && (choices.length < 1 || choices.length > 30))
      out[`fields.${i}.choices`] = 'A choice field needs 1 to 30 choices, separated by commas.';
    if (f.type !== 'choice' && choices.length > 0) out[`fields.${i}.choices`] = 'Only a choice field has choices.';
  });
  return out;
}

/** The form as the server takes it. */
export function toWireFields(fields: DraftField[]) {
  return fields.map((f) => ({
    name: f.name.trim(),
    label: f.label.trim(),
    type: f.type,
    required: f.required,
    ...(f.type === 'choice' ? { choices: choicesOf(f) } : {}),
  }));
}

/** A target in minutes: 1 to 10,080 (a week), whole. */
export function targetProblem(v: string): string | null {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 10_080 ? null : 'Whole minutes from 1 to 10,080 (a week).';
}

/** The list with item `i` moved by `by` places (clamped at the ends); a new array, the old unchanged. */
export function move<T>(list: readonly T[], i: number, by: number): T[] {
  const out = [...list];
  const to = Math.max(0, Math.min(out.length - 1, i + by));
  if (i < 0 || i >= out.length || to === i) return out;
  const [item] = out.splice(i, 1);
  out.splice(to, 0, item);
  return out;
}

/** The server's field name of a problem (`fields[2].name`, `fields.2.name`) as our key. */
export function problemKey(field: string | undefined): string | null {
  if (!field) return null;
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/** "Host names or IP literals": a trimmed, lower-cased host without scheme, path or port. */
export function hostProblem(host: string): string | null {
  const h = host.trim();
  if (!h) return 'Type a host name or an IP address.';
  if (/[/\s@]|:\/\//.test(h)) return 'Only the host, without http://, a path or a user: e.g. hooks.example.org';
  return null;
}

/** What an admin may see: organisation and platform admins. */
export function isAdmin(role: string | undefined): boolean {
  return role === 'org_admin' || role === 'platform_admin';
}

/** A curl line that posts a Slack message to an incoming webhook's URL. */
export function curlExample(url: string): string {
  return `curl -X POST -H 'Content-Type: application/json' -d '{"text":"Hello from *my system*"}' '${url}'`;
}

/** A field name from its label ("Fasting?" → "fasting"), offered while the name is untouched. */
export function fieldNameFrom(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
}
