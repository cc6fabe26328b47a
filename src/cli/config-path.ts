/** Where the config file comes from, for the message a command prints when it had to guess. */
export interface ConfigChoice {
  file: string;
  /** said on stderr when the file was not named (--config, $PHAROS_CONFIG) nor the usual ./pharos.yaml */
  note?: string;
}

/** The example config of a clone, the one `npm start` runs the demo with. */
export const EXAMPLE_CONFIG = 'examples/pharos.yaml';

/**
 * --config, else $PHAROS_CONFIG, else ./pharos.yaml; in a clone of the repository without a ./pharos.yaml, the demo's
 * examples/pharos.yaml (so that `npx pharos user add …` after `npm start` works on the demo's database), said aloud.
 */
export function chooseConfig(
  given: string | undefined,
  env: string | undefined,
  exists: (file: string) => boolean,
): ConfigChoice {
  if (given) return { file: given };
  if (env) return { file: env };
  if (exists('./pharos.yaml') || !exists(EXAMPLE_CONFIG)) return { file: './pharos.yaml' };
  return {
    file: EXAMPLE_CONFIG,
    note: `no ./pharos.yaml here: using ${EXAMPLE_CONFIG} (the demo's config); pass --config FILE for another`,
  };
}
