// What the route handlers share: the store, the event hub, readiness, the redemption rate
// limiter and the limits the server was started with.
import type { Clock } from '../core/clock.ts';
import type { WireTtlBounds } from '../rest-contract/wire.ts';
import type { EventHub } from './event-hub.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Readiness } from './readiness.ts';
import type { TokenStore } from './store/token-store.ts';

export interface ServerDeps {
  readonly store: TokenStore;
  readonly hub: EventHub;
  readonly readiness: Readiness;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly ttl: WireTtlBounds;
  readonly maxBodyBytes: number;
}
