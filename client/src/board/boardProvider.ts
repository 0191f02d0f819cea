import { WebsocketProvider } from 'y-websocket';

/** The close code the server gives a change it refuses (server/rooms/connection.ts, CLOSE.policy). */
export const CHANGE_REFUSED = 1008;
/** y-websocket's own ceiling on the wait between attempts. */
const DEFAULT_MAX_WAIT_MS = 2_500;
/** The longest wait after refusals in a row. */
const REFUSED_MAX_WAIT_MS = 60_000;
/** A connection that stays up this long after syncing ends a run of refusals. */
const CALM_MS = 10_000;

/**
 * y-websocket's provider without two habits.
 *
 * The stock provider sends every presence change it applies back out, everyone else's included. The
 * server already told every other device, so in a hall of 500 phones each cursor the server sends comes
 * back 500 times, over the hall's Wi-Fi. This provider sends only this device's own presence.
 *
 * And the stock provider reconnects a fifth of a second after the server refused a change, because the
 * connection synced before the refusal and so counts as a good one. The device still holds the change
 * (nothing written is dropped) and sends it again on every connection, so it would be refused again and
 * again. After a refusal this provider waits longer each time, up to a minute, until a connection stays up.
 */
export class BoardProvider extends WebsocketProvider {
  private refusals = 0;
  private calm: ReturnType<typeof setTimeout> | undefined;

  constructor(...args: ConstructorParameters<typeof WebsocketProvider>) {
    super(...args);
    const sendPresence = this._awarenessUpdateHandler;
    this.awareness.off('update', sendPresence);
    // The stock provider applies what the server (or another tab) sent with itself as the origin.
    this._awarenessUpdateHandler = (changes, origin) => {
      if (origin !== this) sendPresence(changes, origin);
    };
    // destroy() removes whichever handler this property holds.
    this.awareness.on('update', this._awarenessUpdateHandler);
    this.on('connection-close', (event) => this.closed(event?.code));
    this.on('sync', (synced) => {
      if (synced && this.refusals > 0) this.calm = setTimeout(() => this.forgive(), CALM_MS);
    });
  }

  override destroy(): void {
    clearTimeout(this.calm);
    super.destroy();
  }

  private closed(code: number | undefined): void {
    clearTimeout(this.calm);
    if (code !== CHANGE_REFUSED) return;
    this.refusals++;
    // The stock provider counts this close as one more attempt, then waits 2^attempts × 100 ms, at most
    // maxBackoffTime: so the first refusal waits 1.6 s, and each one after it twice as long.
    this.maxBackoffTime = REFUSED_MAX_WAIT_MS;
    this.wsUnsuccessfulReconnects = Math.max(this.wsUnsuccessfulReconnects, this.refusals + 2);
  }

  private forgive(): void {
    this.refusals = 0;
    this.maxBackoffTime = DEFAULT_MAX_WAIT_MS;
  }
}
