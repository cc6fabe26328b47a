import MarkdownIt from 'markdown-it';

/**
 * Incident and maintenance bodies are Markdown written by operators or generated from check failures.
 * Raw HTML is escaped, images are off, links keep only web and mail schemes, and headings sit below the page's own.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.disable('image');

/** md.validateLink sees the URL after entity decoding and percent-encoding of whitespace and control characters. */
const ALLOWED_LINK = /^(https?:\/\/[^/\\\s%]|mailto:[^/\\\s])/i;
md.validateLink = (url: string): boolean => ALLOWED_LINK.test(url);

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

const DEMOTED: Record<string, string> = { h1: 'h4', h2: 'h5', h3: 'h6', h4: 'h6', h5: 'h6', h6: 'h6' };
const demote: NonNullable<typeof md.renderer.rules.heading_open> = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = DEMOTED[token.tag] ?? 'h6';
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_open = demote;
md.renderer.rules.heading_close = demote;

export function renderMarkdown(text: string): string {
  return md.render(text);
}
