import type { RoomExtension } from '../extension';

/** What the timer needs of its room. */
export interface SleepingRoom {
  readonly destroyed: boolean;
  readonly hibernating: boolean;
  /** Whether the board can sleep now (nothing waiting to be stored or sent); see Room.hibernateNow. */
  canHibernate(): boolean;
  hibernateNow(): void;
}

/**
 * Puts a board nobody changes to sleep (see hibernation.ts) once its last change is `afterMs` old:
 * one timer per quiet spell, none per change.
 */
export class HibernationTimer implements RoomExtension {
  private lastChangeAt = performance.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly room: SleepingRoom,
    private readonly afterMs: number,
  ) {}

  afterLoad(): void {
    this.schedule();
  }

  onChange(): void {
    this.lastChangeAt = performance.now();
  }

  onWake(): void {
    this.lastChangeAt = performance.now();
    this.schedule();
  }

  private schedule(wait = this.afterMs - (performance.now() - this.lastChangeAt)): void {
    if (this.afterMs <= 0 || this.timer || this.room.destroyed || this.room.hibernating) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const quietFor = performance.now() - this.lastChangeAt;
      if (quietFor < this.afterMs) return this.schedule(this.afterMs - quietFor);
      // Changes waiting for their batch or the store, or updates Yjs holds back: not now.
      if (!this.room.canHibernate()) return this.schedule(this.afterMs);
      this.room.hibernateNow();
    }, Math.max(0, wait));
    this.timer.unref?.();
  }

  onDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
