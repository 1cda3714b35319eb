// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api';
import { button, click, mount, type Mounted } from '../bots/mount.test-util';
import type { Visit, VisitsRemote } from './api';
import { InterpreterDialog, TurnAwayDialog } from './GuestDialogs';
import { visitAt } from './visits.test-util';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});
beforeAll(() => {
  // jsdom may lack the modal dialog's methods.
  const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
  if (typeof proto.showModal !== 'function') proto.showModal = function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
  if (typeof proto.close !== 'function') proto.close = function (this: HTMLDialogElement) { this.removeAttribute('open'); };
});

const visit: Visit = visitAt('2027-01-12T14:00:00Z', { id: 'v1', reference: 'K7M2P9QX' });

function remoteWith(interpreter: VisitsRemote['interpreter']): VisitsRemote {
  return { interpreter } as unknown as VisitsRemote;
}

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    set.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const input = (label: string) => {
  const l = [...document.querySelectorAll('label')].find((x) => x.textContent === label)!;
  return document.getElementById(l.htmlFor) as HTMLInputElement;
};
const describedText = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent;

describe('Add interpreter', () => {
  test('says what is missing beside each field and sends nothing', async () => {
    const interpreter = vi.fn(async () => {});
    mounted = await mount(<InterpreterDialog visit={visit} remote={remoteWith(interpreter)} onClose={() => {}} onSent={() => {}} />);
    await click(button(document.body, 'Send link'));
    expect(interpreter).not.toHaveBeenCalled();
    expect(input('Interpreter’s name').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(input('Interpreter’s name'))).toBe('Enter the interpreter’s name.');
    expect(describedText(input('Email address'))).toBe('Enter the interpreter’s email address.');
    await type(input('Email address'), 'ines@');
    expect(describedText(input('Email address'))).toMatch(/like name@example.org/);
  });

  test('sends the name and address trimmed, then says so', async () => {
    const interpreter = vi.fn(async () => {});
    const onSent = vi.fn();
    mounted = await mount(<InterpreterDialog visit={visit} remote={remoteWith(interpreter)} onClose={() => {}} onSent={onSent} />);
    await type(input('Interpreter’s name'), ' Ines Ortega ');
    await type(input('Email address'), ' ines@example.org ');
    await click(button(document.body, 'Send link'));
    expect(interpreter).toHaveBeenCalledWith('v1', 'Ines Ortega', 'ines@example.org');
    expect(onSent).toHaveBeenCalledWith('Ines Ortega');
  });

  test('a field the server refuses is shown at that field; a second interpreter (409) is said in the dialog', async () => {
    const interpreter = vi
      .fn<VisitsRemote['interpreter']>()
      .mockRejectedValueOnce(new ApiError(400, 'This address cannot receive mail.', undefined, { type: 'urn:confer:problem:invalid', field: 'email' }))
      .mockRejectedValueOnce(new ApiError(409, 'conflict', undefined, { type: 'urn:confer:problem:conflict' }));
    const onSent = vi.fn();
    mounted = await mount(<InterpreterDialog visit={visit} remote={remoteWith(interpreter)} onClose={() => {}} onSent={onSent} />);
    await type(input('Interpreter’s name'), 'Ines Ortega');
    await type(input('Email address'), 'ines@example.org');
    await click(button(document.body, 'Send link'));
    expect(input('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(describedText(input('Email address'))).toBe('This address cannot receive mail.');
    expect(input('Interpreter’s name').hasAttribute('aria-invalid')).toBe(false);

    await click(button(document.body, 'Send link'));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('This visit already has an interpreter: their link was sent before.');
    expect(onSent).not.toHaveBeenCalled();
  });
});

describe('Turn away', () => {
  test('asks first, naming the guest and their role, then denies that guest', async () => {
    const deny = vi.fn(async () => {});
    const onDone = vi.fn();
    const guest = { guestId: 'g1', name: 'Vera Visitor', role: 'visitor' as const, since: '2027-01-12T13:50:00Z' };
    mounted = await mount(<TurnAwayDialog visit={visit} guest={guest} remote={{ deny } as unknown as VisitsRemote} onClose={() => {}} onDone={onDone} />);
    expect(document.querySelector('dialog')?.textContent).toContain('Vera Visitor (visitor) is waiting for visit K7M2P9QX');
    expect(deny).not.toHaveBeenCalled();
    await click(button(document.body, 'Turn away'));
    expect(deny).toHaveBeenCalledWith('v1', 'g1');
    expect(onDone).toHaveBeenCalled();
  });
});
