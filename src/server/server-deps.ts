// What the route handlers share: the store, the event hub, the redemption rate limiter and
// the limits the server was started with.
import type { WireTtlBounds } from '../rest-contract/wire.ts';
import type { EventHub } from './event-hub.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { StoreContext } from './records.ts';

export interface ServerDeps {
  readonly store: StoreContext;
  readonly hub: EventHub;
  readonly limiter: RateLimiter;
  readonly ttl: WireTtlBounds;
  readonly maxBodyBytes: number;
}
