import type { Me } from '../../types';

/** Placeholder until this section lands (docs/administration.md). */
export function UsagePage(_props: { me: Me }) {
  return <h1>Usage</h1>;
}
