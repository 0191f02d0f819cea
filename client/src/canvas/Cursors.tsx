import { Group, Label, Path, Tag, Text } from 'react-konva';
import type { RemotePresence } from '../board/usePresence';
import { FONT_FAMILY } from './style';

/** Other people's pointers, drawn at a constant on-screen size whatever the zoom. */
export function Cursors({ others, scale, anonymousLabel }: { others: RemotePresence[]; scale: number; anonymousLabel: string }) {
  return (
    <>
      {others.map(({ clientId, presence }) => {
        const c = presence.cursor;
        if (!c) return null;
        const { color, name } = presence.user;
        return (
          <Group key={clientId} x={c.x} y={c.y} scaleX={1 / scale} scaleY={1 / scale} listening={false}>
            <Path data="M0 0 L0 16 L4.5 12 L7.5 19 L10 18 L7 11 L13 11 Z" fill={color} stroke="#fff" strokeWidth={1.2} />
            <Label x={12} y={18}>
              <Tag fill={color} cornerRadius={4} />
              <Text text={name || anonymousLabel} fontFamily={FONT_FAMILY} fontSize={12} fill="#fff" padding={4} />
            </Label>
          </Group>
        );
      })}
    </>
  );
}
