/**
 * Message markdown → safe HTML.
 *
 * Message text is markdown source written by people (docs/protocol.md section 2). It is parsed
 * with marked (raw HTML in the source is escaped, never passed through), then sanitised with
 * DOMPurify against a short allow-list. Links open in a new tab with rel="noopener noreferrer"
 * and only http(s), mailto and tel URLs survive. `<@uuid>` mentions become the person's name
 * as plain text inside a span.
 */
import DOMPurify from 'dompurify';
import { Marked, type Token, type Tokens } from 'marked';

const MENTION = /<@([0-9a-fA-F-]{36})>/g;

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'span',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'data-user-id', 'start', 'align'];
const SAFE_URL = /^(?:https?:|mailto:|tel:)/i;

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in the source is shown as text, never interpreted.
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    // Images are not loaded from message text (privacy, and img-src 'self'): show the link.
    image(token: Tokens.Image): string {
      const label = escapeHtml(token.text || token.href);
      return SAFE_URL.test(token.href) ? `<a href="${escapeHtml(token.href)}">${label}</a>` : label;
    },
  },
});

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) {
        node.removeAttribute('href');
      } else {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });
}

export type NameLookup = (userId: string) => string | undefined;

/** Render message markdown as sanitised HTML (a string for dangerouslySetInnerHTML). */
export function renderMarkdown(source: string, nameOf: NameLookup = () => undefined): string {
  installHooks();
  // Mentions are replaced by a placeholder token that markdown leaves alone, then swapped for
  // an escaped span after parsing, so a display name can never inject markup.
  const names: string[] = [];
  const ids: string[] = [];
  const nonce = Math.random().toString(36).slice(2, 10);
  const withTokens = source.replace(MENTION, (_m, id: string) => {
    ids.push(id.toLowerCase());
    names.push(nameOf(id.toLowerCase()) ?? 'unknown person');
    return `CFM${nonce}N${ids.length - 1}Z`;
  });
  let html = marked.parse(withTokens) as string;
  html = html.replace(new RegExp(`CFM${nonce}N(\\d+)Z`, 'g'), (_m, i: string) => {
    const n = Number(i);
    return `<span class="mention" data-user-id="${escapeHtml(ids[n])}">@${escapeHtml(names[n])}</span>`;
  });
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['target', 'rel'],
  });
}

/** The user ids mentioned with `<@id>` in message markdown. */
export function mentionIds(source: string): string[] {
  return [...source.matchAll(MENTION)].map((m) => m[1].toLowerCase());
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The words of a token tree, markup dropped: blocks and line breaks become spaces. */
function words(tokens: Token[] | undefined, out: string[]): void {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'space':
      case 'hr':
      case 'br':
        out.push(' ');
        break;
      case 'list':
        for (const item of (t as Tokens.List).items) {
          words(item.tokens, out);
          out.push(' ');
        }
        break;
      case 'table': {
        const table = t as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          for (const cell of row) {
            words(cell.tokens, out);
            out.push(' ');
          }
        }
        break;
      }
      case 'code':
      case 'codespan':
      case 'escape':
        out.push((t as Tokens.Codespan).text);
        break;
      default:
        if ('tokens' in t && t.tokens) words(t.tokens, out);
        else if ('text' in t && typeof t.text === 'string') out.push(t.text);
        if (t.type === 'paragraph' || t.type === 'heading' || t.type === 'blockquote') out.push(' ');
    }
  }
}

/**
 * Message markdown → one line of plain text, for previews (the activity feed): emphasis, links,
 * lists, quotes and code marks dropped, their words kept; `<@id>` mentions become "@Name". The
 * result is text, never HTML: render it as a text node. Marks left unmatched by a preview cut
 * short ("**bold…") are dropped too.
 */
export function plainText(source: string, nameOf: NameLookup = () => undefined): string {
  const names: string[] = [];
  const nonce = Math.random().toString(36).slice(2, 10);
  const withTokens = source.replace(MENTION, (_m, id: string) => {
    names.push(nameOf(id.toLowerCase()) ?? 'unknown person');
    return `CFM${nonce}N${names.length - 1}Z`;
  });
  const out: string[] = [];
  words(marked.lexer(withTokens), out);
  return out
    .join('')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e])
    .replace(/(\*\*|__|~~|```)/g, '')
    .replace(new RegExp(`CFM${nonce}N(\\d+)Z`, 'g'), (_m, i: string) => `@${names[Number(i)]}`)
    .replace(/\s+/g, ' ')
    .trim();
}
