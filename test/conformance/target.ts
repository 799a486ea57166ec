import type { ProviderAdapter } from '../../src/providers/types.js';
import type { Resource } from '../../src/render/types.js';

/**
 * One provider the conformance suite runs against: a mock in process, a mock behind `trafficport
 * mock serve`, or the real service. The scenarios (suite.ts) use only the provider interface
 * (ProviderKit, ProviderAdapter) and this target; the few things they must do behind
 * trafficport's back (foreign records, an out-of-band change) go through `raw`, the provider's
 * own SDK client.
 */
export interface ConformanceTarget {
  /** e.g. `route53 (mock serve)`. */
  readonly name: string;
  readonly live: boolean;
  readonly zone: string;
  /** The provider's entry in a policy, as a YAML flow mapping (its id is `t`). */
  readonly providerYaml: string;
  /** A label unique to this run: every service name but the apex lives under `<run>.<zone>`. */
  readonly run: string;
  /** How many foreign records make the provider's listing around a service span pages. */
  readonly pagingFill: number;
  /** A new adapter, as a command would create it. */
  adapter(): Promise<ProviderAdapter>;
  /**
   * An adapter that cuts a change set into requests of at most `elements` elements, or a reason
   * why the provider has no such thing.
   */
  smallBatches(elements: number): Promise<ProviderAdapter> | string;
  readonly raw: RawDriver;
  close(): Promise<void>;
}

export type ForeignType = 'A' | 'TXT';

/** What a bystander does with the provider's own SDK client. Names are absolute, without the dot. */
export interface RawDriver {
  putForeign(name: string, type: ForeignType, value: string): Promise<void>;
  /** The foreign record's value, or undefined when it is gone. */
  foreignValue(name: string, type: ForeignType): Promise<string | undefined>;
  deleteForeign(name: string, type: ForeignType): Promise<void>;
  /** Foreign TXT records `f-<i>.<under>` for i < count (one listing's worth and more). */
  fill(under: string, count: number): Promise<void>;
  unfill(under: string, count: number): Promise<void>;
  /** Changes an owned resource the way another writer would (its TTL), keeping its ownership marks. */
  tamper(resource: Resource): Promise<void>;
}
