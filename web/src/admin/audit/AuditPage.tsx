import type { Me } from '../../types';

/** Placeholder until this section lands (docs/administration.md). */
export function AuditPage(_props: { me: Me }) {
  return <h1>Audit</h1>;
}
