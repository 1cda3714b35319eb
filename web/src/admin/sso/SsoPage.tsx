import type { Me } from '../../types';

/** Placeholder until this section lands (docs/administration.md). */
export function SsoPage(_props: { me: Me }) {
  return <h1>Single sign-on</h1>;
}
