/** What an id written by people (monitor, component, page, maintenance) looks like; the config's idSchema checks it. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
