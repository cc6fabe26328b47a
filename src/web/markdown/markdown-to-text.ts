import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
type Token = ReturnType<typeof md.parse>[number];

/** Inline children as text: emphasis marks dropped, code kept, a link as "text (url)" unless the text is the URL. */
function inlineText(children: readonly Token[]): string {
  let out = '';
  let href: string | null = null;
  let linkStart = 0;
  for (const t of children) {
    switch (t.type) {
      case 'text':
      case 'code_inline':
        out += t.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += t.content;
        break;
      case 'link_open':
        href = String(t.attrGet('href') ?? '') || null;
        linkStart = out.length;
        break;
      case 'link_close': {
        const label = out.slice(linkStart);
        const bare = href?.replace(/^mailto:/, '');
        if (href && label !== href && label !== bare) out += ` (${href})`;
        href = null;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * Markdown as readable plain text, for the text part of mails: no `**`, `#` or link syntax left, paragraphs and list
 * items on their own lines ("- " or "1. "), code as written. Raw HTML stays text (the HTML part escapes it).
 */
export function markdownToText(source: string): string {
  const tokens = md.parse(source, {});
  const lines: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let prefix = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) lines.push('');
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1]!;
        prefix = `${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.n++}.` : '-'} `;
        break;
      }
      case 'inline': {
        const text = inlineText(t.children ?? []);
        const indent = ' '.repeat(prefix.length || (lists.length ? lists.length * 2 : 0));
        const [first = '', ...rest] = text.split('\n');
        lines.push(`${prefix}${first}`, ...rest.map((l) => `${prefix || lists.length ? indent : ''}${l}`));
        prefix = '';
        break;
      }
      case 'paragraph_close':
      case 'heading_close':
        if (lists.length === 0) lines.push('');
        break;
      case 'fence':
      case 'code_block':
        lines.push(...t.content.replace(/\n$/, '').split('\n'), '');
        break;
      case 'hr':
        lines.push('----', '');
        break;
      default:
        break;
    }
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
