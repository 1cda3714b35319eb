// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SlotPicker, setFieldError, showSummary, textField } from './ui';
import { addDays, todayInLondon } from './dates';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the slot picker', () => {
  it('shows a fieldset per local day with its date as legend and a radio per time, and asks for this week', async () => {
    const today = todayInLondon();
    const tomorrow = addDays(today, 1);
    const fetch = vi.fn(async () => new Response(JSON.stringify({
      items: [
        { start: `${tomorrow}T14:00:00Z`, end: '', localDate: tomorrow, localTime: '14:00', placesLeft: 1 },
        { start: `${today}T23:00:00Z`, end: '', localDate: today, localTime: '23:00', placesLeft: 2 },
        { start: `${tomorrow}T09:00:00Z`, end: '', localDate: tomorrow, localTime: '09:00', placesLeft: 1 },
        { start: `${tomorrow}T10:00:00Z`, end: '', localDate: tomorrow, localTime: '10:00', placesLeft: 0 },
      ],
    }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const picker = new SlotPicker('ward-7', 'Choose a time');
    document.body.append(picker.root);
    await picker.reload();

    expect(fetch).toHaveBeenCalledWith(`/api/v1/public/visit-calendars/ward-7/slots?from=${today}&days=7`, expect.anything());
    const fieldsets = [...picker.root.querySelectorAll('fieldset')];
    expect(fieldsets.map((f) => f.querySelector('legend')!.textContent)).toHaveLength(2);
    expect(fieldsets.map((f) => [...f.querySelectorAll('label')].map((l) => l.textContent))).toEqual([['23:00'], ['09:00', '14:00']]);
    const radios = picker.radios();
    expect(radios.map((r) => r.type)).toEqual(['radio', 'radio', 'radio']);
    expect(radios[0].id).toBe('slotStart');
    expect(picker.selected()).toBeNull();
    radios[2].checked = true;
    expect(picker.selected()?.localTime).toBe('14:00');
    expect((picker.root.querySelector('button') as HTMLButtonElement).disabled).toBe(true); // no week before this one
  });

  it('leaves out the visit’s own slot when moving it', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({
      items: [{ start: '2030-01-01T10:00:00Z', end: '', localDate: '2030-01-01', localTime: '10:00', placesLeft: 1 }],
    }))));
    const picker = new SlotPicker('ward-7', 'Choose a new time', '2030-01-01T10:00:00Z');
    await picker.reload();
    expect(picker.radios()).toHaveLength(0);
    expect(picker.root.textContent).toContain('There are no times left to book this week');
  });
});

describe('errors (the GOV.UK pattern)', () => {
  it('marks a field invalid, describes it by its message, and clears it again', () => {
    const field = textField({ id: 'visitorEmail', label: 'Email address', hint: 'We will email you', required: true });
    document.body.append(field);
    const input = field.querySelector('input')!;
    setFieldError(field, [input], 'Enter your email address');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('visitorEmail-error visitorEmail-hint');
    expect(field.querySelector('.field-error')!.textContent).toBe('Error: Enter your email address');
    setFieldError(field, [input], null);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.getAttribute('aria-describedby')).toBe('visitorEmail-hint');
  });

  it('puts a summary first that takes focus and links to each field without touching the fragment', () => {
    const box = document.createElement('div');
    box.id = 'error-summary';
    const field = textField({ id: 'visitorName', label: 'Your full name', required: true });
    document.body.append(box, field);
    Element.prototype.scrollIntoView = () => {};
    const before = location.hash;
    showSummary(box, [{ target: 'visitorName', text: 'Enter your full name' }, { text: 'Too many bookings from here; try again later.' }]);
    expect(document.activeElement).toBe(box);
    expect(box.hidden).toBe(false);
    expect(box.querySelectorAll('li')).toHaveLength(2);
    box.querySelector('a')!.click();
    expect(document.activeElement?.id).toBe('visitorName');
    expect(location.hash).toBe(before);
    showSummary(box, []);
    expect(box.hidden).toBe(true);
  });

  it('never parses server text as HTML', () => {
    const field = textField({ id: 'answers.bed', label: '<img src=x onerror=alert(1)>Bed', required: false });
    expect(field.querySelector('img')).toBeNull();
    expect(field.querySelector('label')!.textContent).toContain('<img src=x onerror=alert(1)>Bed');
  });
});
