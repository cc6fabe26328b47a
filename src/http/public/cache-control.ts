/** Fresh for a short while, then a CDN may serve it stale while it revalidates. */
export const PAGE_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
/** Hash-named assets never change. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
