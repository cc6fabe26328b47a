import type { ModelPage } from '../../http/public/status-model.ts';

/** Every URL a page links to, under the page's basePath ('' for the default page, '/<slug>' otherwise). */
export interface PageLinks {
  home: string;
  history: (month?: string) => string;
  incident: (id: string) => string;
  maintenance: (id: string) => string;
  rss: string;
  atom: string;
}

export function pageLinks(page: ModelPage): PageLinks {
  const base = page.basePath;
  return {
    home: base || '/',
    history: (month) => `${base}/history${month ? `?month=${encodeURIComponent(month)}` : ''}`,
    incident: (id) => `${base}/incidents/${encodeURIComponent(id)}`,
    maintenance: (id) => `${base}/maintenance/${encodeURIComponent(id)}`,
    rss: `${base}/history.rss`,
    atom: `${base}/history.atom`,
  };
}
