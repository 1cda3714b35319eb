/*
 * The booking form's own checks, before anything is sent (the server checks the same and more:
 * docs/virtual-visits.md "Sizes"). Field → message, in the order of the form.
 */
import type { Question } from './api';

export interface BookingInput {
  slotStart: string;
  visitorName: string;
  visitorEmail: string;
  visitorMobile?: string;
  patientName: string;
  answers: Record<string, string>;
  consent: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE = /^[+0-9 ]{1,20}$/;

export function validateBooking(b: BookingInput, questions: Question[]): Map<string, string> {
  const errors = new Map<string, string>();
  if (!b.slotStart) errors.set('slotStart', 'Choose a time for the visit');
  if (!b.visitorName) errors.set('visitorName', 'Enter your full name');
  else if (b.visitorName.length > 100) errors.set('visitorName', 'Your name must be 100 characters or fewer');
  if (!b.visitorEmail) errors.set('visitorEmail', 'Enter your email address');
  else if (b.visitorEmail.length > 254 || !EMAIL.test(b.visitorEmail)) {
    errors.set('visitorEmail', 'Enter an email address in the correct format, like name@example.com');
  }
  if (b.visitorMobile && !MOBILE.test(b.visitorMobile)) {
    errors.set('visitorMobile', 'Enter a mobile number using only numbers, spaces and +, like 07700 900 982');
  }
  if (!b.patientName) errors.set('patientName', 'Enter the patient’s full name');
  else if (b.patientName.length > 100) errors.set('patientName', 'The patient’s name must be 100 characters or fewer');
  for (const q of questions) {
    const answer = b.answers[q.name] ?? '';
    if (q.required && !answer) errors.set('answers.' + q.name, `Enter ${q.label.charAt(0).toLowerCase()}${q.label.slice(1)}`);
    else if (answer.length > 200) errors.set('answers.' + q.name, `${q.label} must be 200 characters or fewer`);
  }
  if (!b.consent) errors.set('consent', 'Tick the box to agree to how we use your information');
  return errors;
}
