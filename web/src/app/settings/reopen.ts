import { drafts } from '../../store/drafts';

/** The link (#/c/{id}) of the conversation that was open when the page was left, or ''. */
export function reopenHash(): string {
  const id = drafts.lastOpen();
  return id ? `#/c/${encodeURIComponent(id)}` : '';
}
