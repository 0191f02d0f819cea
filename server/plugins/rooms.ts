import fp from 'fastify-plugin';
import type { Store } from '../store/store';
import { reportingUnavailable } from '../store/availability';
import type { Bus } from '../bus/bus';
import { Rooms } from '../rooms/rooms';
import { BoardLifecycle } from '../rooms/lifecycle';
import { roomLimits, type Config } from '../config';
import type { ChangeGuard } from '../rooms/room';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    bus: Bus;
    rooms: Rooms;
    /** Lock, rotate, settings, delete: the store, the loaded board and the other processes, in one place. */
    lifecycle: BoardLifecycle;
    config: Config;
    /** The address people open, for links and the websocket Origin check. */
    publicUrl: () => string;
  }
}

export interface RoomsPluginOptions {
  config: Config;
  store: Store;
  bus: Bus;
  guards?: ChangeGuard[];
}

/** Owns the store, the bus and the rooms over them; closing the app stores every board and closes both. */
export default fp<RoomsPluginOptions>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    const store = reportingUnavailable(opts.store);
    app.decorate('store', store);
    app.decorate('bus', opts.bus);
    const rooms = new Rooms({
      store,
      bus: opts.bus,
      log: app.log,
      idleUnloadMs: opts.config.IDLE_UNLOAD_MS,
      compactEvery: opts.config.COMPACT_EVERY,
      maxBufferedBytes: opts.config.MAX_BUFFERED_BYTES,
      hibernateAfterMs: opts.config.HIBERNATE_AFTER_MS,
      guards: opts.guards,
      limits: roomLimits(opts.config),
    });
    app.decorate('rooms', rooms);
    app.decorate('lifecycle', new BoardLifecycle(store, rooms, opts.bus, app.log));
    app.addHook('onClose', async () => {
      await rooms.closeAll();
      await opts.bus.close();
      await opts.store.close();
    });
  },
  { name: 'store' },
);
