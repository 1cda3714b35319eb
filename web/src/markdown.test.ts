// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { plainText, renderMarkdown } from './markdown';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://example.org/a.png)',
  '<iframe src="https://evil.example"></iframe>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<<script>script>alert(1)<</script>/script>',
  '`<script>alert(1)</script>`',
  '```\n<script>alert(1)</script>\n```',
  '<a href="https://ok.example" onclick="alert(1)">ok</a>',
  '[ok](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '<object data="javascript:alert(1)"></object>',
  '<input autofocus onfocus=alert(1)>',
];

function parse(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('markdown sanitising', () => {
  test.each(PAYLOADS)('renders inert: %s', (payload) => {
    const html = renderMarkdown(payload);
    const root = parse(html);
    expect(root.querySelectorAll('script, iframe, object, embed, form, input, style, svg, math, img, body').length).toBe(0);
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        expect(attr.startsWith('on'), `${attr} on <${el.tagName}>`).toBe(false);
        expect(attr).not.toBe('style');
      }
      const href = el.getAttribute('href');
      if (href !== null) expect(href).toMatch(/^(https?:|mailto:|tel:)/i);
    }
    expect(html.toLowerCase()).not.toMatch(/<[a-z]+[^>]*\shref="\s*(javascript|data|vbscript):/);
  });

  test('raw HTML is shown as text', () => {
    const root = parse(renderMarkdown('<b>bold?</b> <script>alert(1)</script>'));
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<b>bold?</b>');
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  test('links open in a new tab without opener or referrer', () => {
    const root = parse(renderMarkdown('see [the guideline](https://www.nice.org.uk/guidance) and https://nhs.uk'));
    const links = root.querySelectorAll('a');
    expect(links.length).toBe(2);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(links[0].getAttribute('href')).toBe('https://www.nice.org.uk/guidance');
  });

  test('ordinary markdown survives', () => {
    const root = parse(renderMarkdown('**Obs** due at _14:00_\n\n- BP\n- HR\n\n`NEWS2 = 5`'));
    expect(root.querySelector('strong')?.textContent).toBe('Obs');
    expect(root.querySelector('em')?.textContent).toBe('14:00');
    expect(root.querySelectorAll('li').length).toBe(2);
    expect(root.querySelector('code')?.textContent).toBe('NEWS2 = 5');
  });

  test('mentions become the person\'s name as text, never markup', () => {
    const id = '0b6a3b6e-6f2e-4c59-9a59-3f7d4a3c2b1a';
    const other = '1c6a3b6e-6f2e-4c59-9a59-3f7d4a3c2b1b';
    const names: Record<string, string> = { [id]: 'Dr <img src=x onerror=alert(1)> Patel' };
    const root = parse(renderMarkdown(`hi <@${id}> and <@${other}>`, (u) => names[u]));
    const spans = root.querySelectorAll('span.mention');
    expect(spans.length).toBe(2);
    expect(spans[0].textContent).toBe('@Dr <img src=x onerror=alert(1)> Patel');
    expect(spans[0].getAttribute('data-user-id')).toBe(id);
    expect(spans[1].textContent).toBe('@unknown person');
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('plainText (activity previews)', () => {
  const ALICE = '11111111-2222-4333-8444-555555555555';
  test('markup is dropped and the words kept, on one line', () => {
    expect(plainText('**K+ 6.8** _repeat_ ~~now~~ `U&E` [results](https://lab.example/1)')).toBe('K+ 6.8 repeat now U&E results');
    expect(plainText('# Handover\n- bed 4\n- bed 7\n\n> from the lab\n\n```\nNa 129\n```')).toBe('Handover bed 4 bed 7 from the lab Na 129');
    expect(plainText('a &amp; b, 1 &lt; 2')).toBe('a & b, 1 < 2');
  });

  test('mentions become names, and HTML in the source stays text (it is never rendered)', () => {
    expect(plainText(`<@${ALICE}> can you see bed 4?`, (id) => (id === ALICE ? 'Alice' : undefined))).toBe('@Alice can you see bed 4?');
    expect(plainText('<img src=x onerror=alert(1)> hi')).toBe('<img src=x onerror=alert(1)> hi');
  });

  test('marks a preview cut short leaves unmatched are dropped', () => {
    expect(plainText('see **the potassium…')).toBe('see the potassium…');
  });
});
