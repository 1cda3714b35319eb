/**
 * How a result reads on the page (pure, unit-tested): each observation is classed normal,
 * abnormal or critical from its flags (HL7 table 0078; FHIR interpretations arrive mapped to the
 * same codes), and every class has words and a symbol as well as a colour.
 */
import { timeLabel } from '../util';
import type { AlertReason, Observation, Result } from './resultsApi';

export type Severity = 'critical' | 'abnormal' | 'normal' | 'unknown';

const CRITICAL = new Set(['HH', 'LL', 'AA', '>>', '<<']);
const ABNORMAL = new Set(['H', 'L', 'A', 'U', 'D', '>', '<', 'HU', 'LU', 'R', 'S', 'I', 'W', 'B', 'POS', 'DET']);

export function severityOf(o: Observation): Severity {
  const flags = o.abnormalFlags.map((f) => f.trim().toUpperCase());
  if (o.critical || flags.some((f) => CRITICAL.has(f))) return 'critical';
  if (flags.some((f) => ABNORMAL.has(f))) return 'abnormal';
  if (flags.includes('N')) return 'normal';
  return flags.length === 0 ? 'normal' : 'unknown';
}

const WORDS: Record<string, string> = {
  HH: 'Critically high',
  LL: 'Critically low',
  AA: 'Critically abnormal',
  '>>': 'Critically high',
  '<<': 'Critically low',
  H: 'High',
  L: 'Low',
  A: 'Abnormal',
  U: 'Significant change up',
  D: 'Significant change down',
  '>': 'Above the measurable range',
  '<': 'Below the measurable range',
  HU: 'Very high',
  LU: 'Very low',
  R: 'Resistant',
  S: 'Susceptible',
  I: 'Intermediate',
  N: 'Normal',
};

/** The flag in words, e.g. "Critically high (HH)"; "Normal" when there is no flag. */
export function flagText(o: Observation): string {
  const flags = o.abnormalFlags.map((f) => f.trim().toUpperCase()).filter(Boolean);
  if (flags.length === 0) return o.critical ? 'Critical' : 'Normal';
  return flags.map((f) => (WORDS[f] ? (f === 'N' ? WORDS[f] : `${WORDS[f]} (${f})`) : f)).join(', ');
}

/** The symbol shown before the flag's words: never the only sign (the words are always there). */
export function severityIcon(s: Severity): string {
  return s === 'critical' ? '‼' : s === 'abnormal' ? '!' : s === 'normal' ? '✓' : '?';
}

/** The result's headline: "Critical" when any observation is, then "Abnormal", else "Normal". */
export function overallSeverity(r: Pick<Result, 'critical' | 'observations'>): Severity {
  if (r.critical || r.observations.some((o) => severityOf(o) === 'critical')) return 'critical';
  if (r.observations.some((o) => severityOf(o) === 'abnormal')) return 'abnormal';
  return 'normal';
}

/** A critical result waits for someone's acknowledgement until one is recorded. */
export function needsAcknowledgement(r: Pick<Result, 'critical' | 'observations' | 'acknowledgedAt'>): boolean {
  return overallSeverity(r) === 'critical' && !r.acknowledgedAt;
}

export function reasonText(reason: AlertReason | string): string {
  switch (reason) {
    case 'orderer':
      return 'ordered the test';
    case 'watcher':
      return 'watches this patient';
    case 'inbox':
      return 'results inbox (no ordering clinician matched)';
    case 'deputy':
      return 'named deputy (escalated)';
    case 'on-call':
      return 'on call (escalated)';
    default:
      return reason;
  }
}

/** "30 Mar 2027, 14:30" in the person's time format; empty for no time. */
export function dateTimeText(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}, ${timeLabel(d)}`;
}

/** "7 Dec 2026, 06:34:12": the audit trail's times, to the second. */
export function preciseTimeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}, ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}

/** An audit action in words ("result.viewed" → "Viewed"). */
export function auditText(action: string): string {
  const a = action.replace(/^result\./, '');
  const known: Record<string, string> = {
    received: 'Received from the lab',
    stored: 'Received from the lab',
    routed: 'Routed',
    alerted: 'Alert sent',
    viewed: 'Viewed',
    acknowledged: 'Acknowledged',
    escalated: 'Escalated',
    'escalation-exhausted': 'Escalation chain ended without an acknowledgement',
    duplicate: 'Sent again by the lab (not alerted again)',
    'escalated.deputy': 'Escalated to the deputy',
    'escalated.on-call': 'Escalated to on call',
  };
  return known[a] ?? a.charAt(0).toUpperCase() + a.slice(1).replace(/[-_.]/g, ' ');
}
