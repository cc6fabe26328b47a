/** A private page's answers are for the one visitor who was let in: no shared cache may keep them. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
/** whether a visitor is let in depends on cookies (password, SSO, admin session) */
export const PRIVATE_VARY = 'accept-encoding, cookie';
