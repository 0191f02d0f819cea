import { WebsocketProvider } from 'y-websocket';

/**
 * y-websocket's provider without one habit: the stock provider sends every presence change it applies
 * back out, everyone else's included. The server already told every other device, so in a hall of 500
 * phones each cursor the server sends comes back 500 times, over the hall's Wi-Fi. This provider sends
 * only this device's own presence (its cursor, its dragged note, its name).
 */
export class BoardProvider extends WebsocketProvider {
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
  }
}
