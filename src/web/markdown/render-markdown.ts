import MarkdownIt from 'markdown-it';

/**
 * Incident and maintenance bodies are Markdown written by operators or generated from check failures.
 * Raw HTML is escaped, images are off, links keep only web and mail schemes, and headings sit below the page's own.
 */
function configured(breaks: boolean) {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks });
  md.disable('image');
  md.validateLink = (url: string): boolean => ALLOWED_LINK.test(url);
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
    return self.renderToken(tokens, idx, options);
  };
  const demote: NonNullable<typeof md.renderer.rules.heading_open> = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    token.tag = DEMOTED[token.tag] ?? 'h6';
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.heading_open = demote;
  md.renderer.rules.heading_close = demote;
  return md;
}

/** md.validateLink sees the URL after entity decoding and percent-encoding of whitespace and control characters. */
const ALLOWED_LINK = /^(https?:\/\/[^/\\\s%]|mailto:[^/\\\s])/i;
const DEMOTED: Record<string, string> = { h1: 'h4', h2: 'h5', h3: 'h6', h4: 'h6', h5: 'h6', h6: 'h6' };
const md = configured(false);
const mdWithBreaks = configured(true);

/** `breaks`: a single newline is a line break (notification summaries written as lines); the same rules otherwise. */
export function renderMarkdown(text: string, opts: { breaks?: boolean } = {}): string {
  return (opts.breaks ? mdWithBreaks : md).render(text);
}
