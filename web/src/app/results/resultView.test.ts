import { describe, expect, it } from 'vitest';
import type { Observation } from './resultsApi';
import { detailText, oldestFirst, toObservation, toResult } from './resultsApi';
import { auditText, flagText, needsAcknowledgement, overallSeverity, reasonText, severityIcon, severityOf } from './resultView';

const obs = (flags: string[], critical = false): Observation => ({
  code: 'K', name: 'Potassium', value: '6.8', units: 'mmol/L', referenceRange: '3.5-5.3', abnormalFlags: flags, critical, status: 'F', observedAt: null,
});

describe('result view', () => {
  it('classes observations by their flags: critical, abnormal, normal', () => {
    expect(severityOf(obs(['HH']))).toBe('critical');
    expect(severityOf(obs(['ll']))).toBe('critical');
    expect(severityOf(obs(['AA']))).toBe('critical');
    expect(severityOf(obs([], true))).toBe('critical');
    expect(severityOf(obs(['H']))).toBe('abnormal');
    expect(severityOf(obs(['L']))).toBe('abnormal');
    expect(severityOf(obs(['N']))).toBe('normal');
    expect(severityOf(obs([]))).toBe('normal');
    expect(severityOf(obs(['ZZ']))).toBe('unknown');
  });

  it('says each flag in words with its code, and has a symbol for each class', () => {
    expect(flagText(obs(['HH']))).toBe('Critically high (HH)');
    expect(flagText(obs(['L']))).toBe('Low (L)');
    expect(flagText(obs([]))).toBe('Normal');
    expect(flagText(obs([], true))).toBe('Critical');
    expect(flagText(obs(['N']))).toBe('Normal');
    expect(new Set(['critical', 'abnormal', 'normal', 'unknown'].map((s) => severityIcon(s as never))).size).toBe(4);
  });

  it('calls a result critical when any observation is, and wants an acknowledgement until one is given', () => {
    const r = { critical: false, observations: [obs(['N']), obs(['HH'])], acknowledgedAt: null };
    expect(overallSeverity(r)).toBe('critical');
    expect(needsAcknowledgement(r)).toBe(true);
    expect(needsAcknowledgement({ ...r, acknowledgedAt: '2027-03-30T10:00:00Z' })).toBe(false);
    expect(overallSeverity({ critical: false, observations: [obs(['H'])] })).toBe('abnormal');
    expect(needsAcknowledgement({ critical: false, observations: [obs(['H'])], acknowledgedAt: null })).toBe(false);
  });

  it('reads observations whether the flags come as a list or one flag, and units or unit', () => {
    expect(toObservation({ name: 'Na', value: '120', unit: 'mmol/L', flag: 'LL', range: '133-146' })).toMatchObject({
      abnormalFlags: ['LL'], units: 'mmol/L', referenceRange: '133-146',
    });
    const r = toResult({ id: 'r1', observations: [{ name: 'K', abnormalFlags: ['HH'], critical: true }], alerts: [{ userId: 'u', reason: 'orderer', at: 'x' }] });
    expect(r.critical).toBe(true);
    expect(r.alerts[0].acknowledgedAt).toBeNull();
  });

  it('says why someone was alerted and what an audit step was', () => {
    expect(reasonText('orderer')).toBe('ordered the test');
    expect(reasonText('on-call')).toBe('on call (escalated)');
    expect(auditText('result.viewed')).toBe('Viewed');
    expect(auditText('result.alert_sent')).toBe('Alert sent');
    const bob = '0fbc45e6-9ecf-448c-a5ed-ca6e83233534';
    expect(detailText({ to: bob, reason: 'orderer', level: 0, urgent: true, conversationId: bob, note: null }, (id) => (id === bob ? 'Dr Bob Adeyemi' : id))).toBe(
      'to: Dr Bob Adeyemi, why: orderer, urgent: yes',
    );
    expect(detailText(undefined)).toBe('');
  });

  it('orders the audit trail oldest first, steps of the same instant in the order they happen', () => {
    const at = '2027-03-30T10:00:00Z';
    const steps = [
      { at, action: 'result.alerted' },
      { at: '2027-03-30T10:05:00Z', action: 'result.acknowledged' },
      { at, action: 'result.routed' },
      { at, action: 'result.received' },
    ];
    expect(oldestFirst(steps).map((s) => s.action)).toEqual(['result.received', 'result.routed', 'result.alerted', 'result.acknowledged']);
  });
});
