import { describe, expect, it } from 'vitest';
import type { BoardInfo } from '../api';
import { notOnThisDevice } from './NotOnThisDevice';

const info: BoardInfo = { boardId: 'b1', title: '研修', template: 'blank', noteCount: 3, sectionCount: 0, role: 'participant', locked: false, anonymous: false };

describe('when a board is "not on this device yet" rather than an empty board', () => {
  it('offline, with nothing known about the board: no role, no notes', () => {
    expect(notOnThisDevice({ status: 'offline', info: null }, 0)).toBe(true);
  });
  it('not while still connecting or once online: the board is on its way', () => {
    expect(notOnThisDevice({ status: 'connecting', info: null }, 0)).toBe(false);
    expect(notOnThisDevice({ status: 'online', info: null }, 0)).toBe(false);
  });
  it('not for a board opened here before: its role is remembered, or its notes are kept on the device', () => {
    expect(notOnThisDevice({ status: 'offline', info }, 0)).toBe(false);
    expect(notOnThisDevice({ status: 'offline', info: null }, 2)).toBe(false);
  });
});
