/**
 * Choosing people for a new chat: one person makes a direct chat, two or more a group chat
 * with an optional name. Pure functions, so the dialog's rules can be tested without a DOM.
 */
import type { Profile } from '../../types';

/** Adds the person, or removes them when already chosen; the order of choosing is kept. */
export function toggle(selected: Profile[], p: Profile): Profile[] {
  return selected.some((s) => s.id === p.id) ? selected.filter((s) => s.id !== p.id) : [...selected, p];
}

export function isSelected(selected: Profile[], id: string): boolean {
  return selected.some((s) => s.id === id);
}

/** Search results without the caller and without people who are already members. */
export function candidates(results: Profile[], exclude: Iterable<string>): Profile[] {
  const out = new Set(exclude);
  return results.filter((p) => !out.has(p.id));
}

export type ChatRequest = { kind: 'direct'; userId: string } | { kind: 'group'; memberIds: string[]; topic: string };

/** What to start for the people chosen (never including the caller); null when nobody is chosen. */
export function chatRequest(meId: string, selected: Profile[], topic: string): ChatRequest | null {
  const ids = [...new Set(selected.map((p) => p.id))].filter((id) => id !== meId);
  if (ids.length === 0) return null;
  if (ids.length === 1) return { kind: 'direct', userId: ids[0] };
  return { kind: 'group', memberIds: ids, topic: topic.trim() };
}

/** The primary button's label: what pressing it will do. */
export function startLabel(selectedCount: number): string {
  return selectedCount >= 2 ? `Start group chat (${selectedCount + 1} people)` : 'Start chat';
}

/** "Job title · Department · Organisation" under a name in people lists. */
export function personDetail(p: Profile): string {
  return [p.jobTitle, p.department, p.organisation?.name].filter(Boolean).join(' · ');
}

/**
 * People from a known list (for example the team, when adding to a private channel) whose
 * name, job title, department or organisation contains every word typed.
 */
export function filterPeople(people: Profile[], query: string): Profile[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return people;
  return people.filter((p) => {
    const text = [p.displayName, p.jobTitle, p.department, p.organisation?.name].filter(Boolean).join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
