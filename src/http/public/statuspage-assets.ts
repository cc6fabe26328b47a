import type { RenderedAsset } from './rendered-asset.ts';
import type { StatusModel } from './status-model.ts';

/**
 * A page's Statuspage-compatible JSON (summary.json, components.json, …), each rendered on first request and kept
 * with the snapshot: a rebuild no longer renders the endpoints nobody asks for, and the one asked most is made in
 * its own turn of the event loop, not inside the rebuild. Language-free: a page's language variants share it.
 */
export class StatuspageAssets implements Iterable<[string, RenderedAsset]> {
  readonly #made = new Map<string, RenderedAsset>();

  constructor(
    private readonly renderers: Readonly<Record<string, (model: StatusModel) => unknown>>,
    private readonly model: StatusModel,
    private readonly asset: (json: string) => RenderedAsset,
  ) {}

  /** The endpoint's bytes; undefined for a name that is not an endpoint (the name comes from the request). */
  get(endpoint: string): RenderedAsset | undefined {
    if (!Object.hasOwn(this.renderers, endpoint)) return undefined;
    let made = this.#made.get(endpoint);
    if (!made) {
      made = this.asset(JSON.stringify(this.renderers[endpoint]!(this.model)));
      this.#made.set(endpoint, made);
    }
    return made;
  }

  /** Every endpoint (the static copy writes them all). */
  *[Symbol.iterator](): Iterator<[string, RenderedAsset]> {
    for (const endpoint of Object.keys(this.renderers)) yield [endpoint, this.get(endpoint)!];
  }
}
