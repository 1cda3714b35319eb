import { describe, expect, it } from 'vitest';
import { fieldErrors, formFieldOf, generalMessage, problemKind, toProblem } from './problems';
import { validateBooking } from './validate';
import { tokenFromHash } from './api';

describe('problem+json', () => {
  it('reads the kind from any form of type', () => {
    expect(problemKind('urn:confer:problem:slot-taken')).toBe('slot-taken');
    expect(problemKind('https://confer.example/problems/rate-limited')).toBe('rate-limited');
    expect(problemKind('invalid')).toBe('invalid');
  });

  it('turns a field problem into an error next to that field', () => {
    const p = toProblem(400, { type: 'urn:confer:problem:invalid', title: 'Invalid', detail: 'Enter a valid email address', field: 'visitorEmail' });
    expect(fieldErrors(p, ['bed'])).toEqual(new Map([['visitorEmail', 'Enter a valid email address']]));
  });

  it('maps the ward’s questions however the field is spelt, and ignores fields the form does not have', () => {
    expect(formFieldOf('answers.bed', ['bed'])).toBe('answers.bed');
    expect(formFieldOf('answers[bed]', ['bed'])).toBe('answers.bed');
    expect(formFieldOf('bed', ['bed'])).toBe('answers.bed');
    const p = toProblem(400, { type: 'invalid', title: 'Invalid', detail: 'Too long', field: 'answers.bed' });
    expect(fieldErrors(p, ['bed']).get('answers.bed')).toBe('Too long');
    expect(fieldErrors(toProblem(400, { type: 'invalid', detail: 'x', field: 'nonsense' }), ['bed']).size).toBe(0);
  });

  it('says what the visitor needs for slot-taken, rate limits, closed pages and lost connections', () => {
    expect(generalMessage(toProblem(409, { type: 'urn:confer:problem:slot-taken', title: 'Slot taken' })))
      .toBe('This slot was just taken. Please choose another.');
    const limited = toProblem(429, '<html>proxy</html>');
    expect(limited.type).toBe('rate-limited');
    expect(generalMessage(limited)).toBe('Too many bookings from here; try again later.');
    expect(generalMessage(toProblem(404, null))).toBe('This booking page does not exist or is closed.');
    expect(generalMessage(toProblem(0, null))).toContain('Check your connection');
    expect(generalMessage(toProblem(500, { type: 'internal', detail: 'error id 123' }))).toContain('Something went wrong');
  });
});

describe('the form’s own checks', () => {
  const ok = {
    slotStart: '2027-01-12T14:00:00Z', visitorName: 'Ann Smith', visitorEmail: 'ann@example.com', visitorMobile: '07700 900982',
    patientName: 'John Smith', answers: { bed: '12' }, consent: true,
  };
  const questions = [{ name: 'bed', label: 'Bed number', required: true }];

  it('passes a complete booking', () => {
    expect(validateBooking(ok, questions).size).toBe(0);
  });

  it('names each missing or malformed answer, in form order', () => {
    const errors = validateBooking({ ...ok, slotStart: '', visitorEmail: 'ann', visitorMobile: 'call me', answers: {}, consent: false }, questions);
    expect([...errors.keys()]).toEqual(['slotStart', 'visitorEmail', 'visitorMobile', 'answers.bed', 'consent']);
    expect(errors.get('answers.bed')).toBe('Enter bed number');
  });
});

describe('link tokens', () => {
  it('come from the fragment, and anything unlike a token is none', () => {
    expect(tokenFromHash('#Q2hlY2tpbmctdGhlLXRva2VuLWZyb20tdGhlLWhhc2g')).toBe('Q2hlY2tpbmctdGhlLXRva2VuLWZyb20tdGhlLWhhc2g');
    expect(tokenFromHash('')).toBe('');
    expect(tokenFromHash('#main')).toBe('');
    expect(tokenFromHash('#<script>alert(1)</script>xxxxxxxx')).toBe('');
  });
});
