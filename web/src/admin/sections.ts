import type { Me } from '../types';
import { isAdmin } from '../app/util';

/** The admin pages' sections, in the order of the navigation; the hash (#people) selects one. */
export type SectionId = 'organisations' | 'people' | 'teams' | 'policies' | 'sign-in' | 'provisioning' | 'audit' | 'usage' | 'retention';

export interface Section {
  id: SectionId;
  label: string;
  /** Whether this admin may open it: platform admins see every section, organisation admins their own organisation's. */
  visibleTo: (me: Me) => boolean;
}

export const isPlatformAdmin = (me: Me) => me.role === 'platform_admin';
export { isAdmin };

export const SECTIONS: Section[] = [
  { id: 'organisations', label: 'Organisations', visibleTo: isPlatformAdmin },
  { id: 'people', label: 'People', visibleTo: isAdmin },
  { id: 'teams', label: 'Teams', visibleTo: isAdmin },
  { id: 'policies', label: 'Policies', visibleTo: isAdmin },
  { id: 'sign-in', label: 'Single sign-on', visibleTo: isAdmin },
  // SCIM tokens for the organisation's identity system (docs/provisioning.md).
  { id: 'provisioning', label: 'Provisioning', visibleTo: isAdmin },
  { id: 'audit', label: 'Audit', visibleTo: isAdmin },
  { id: 'usage', label: 'Usage', visibleTo: isAdmin },
  { id: 'retention', label: 'Retention', visibleTo: isAdmin },
];

export function sectionOfHash(hash: string, me: Me): SectionId {
  const id = hash.replace(/^#/, '');
  const visible = SECTIONS.filter((s) => s.visibleTo(me));
  return (visible.find((s) => s.id === id) ?? visible[0]).id;
}
