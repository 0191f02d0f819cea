import { memo } from 'react';
import './strings';
import { Group, Layer, Rect, Text } from 'react-konva';
import type { ClusterRect, RegionRect } from '../../../shared/grouping';
import type { TrayRect } from '../../../shared/grouping/arrangement';
import { FONT_FAMILY } from '../canvas/style';
import { categoryStyle, regionTitle } from './categories';

/**
 * The category regions of the last auto-group, drawn under the notes: a tinted panel per category with its
 * Japanese title and English subtitle, and a dashed frame with a label per topic cluster.
 * Not hit-testable: a click on a region counts as empty canvas, like a section.
 */
export const GroupingRegions = memo(function GroupingRegions({ regions, tray }: { regions: readonly RegionRect[]; tray?: { rect: TrayRect; title: string; hint: string } | null }) {
  if (regions.length === 0) return null;
  return (
    <Layer listening={false} name="grouping-regions">
      {tray && <Tray {...tray} />}
      {regions.map((r) => (
        <Region key={r.category} region={r} />
      ))}
    </Layer>
  );
});

/** The 要確認 tray: notes whose category the facilitator should confirm, and notes written since the last Auto-group. */
export function Tray({ rect: r, title, hint }: { rect: TrayRect; title: string; hint: string }) {
  return (
    <Group x={r.x} y={r.y} name="grouping-tray">
      <Rect width={r.w} height={r.h} fill="#fff8e1" stroke="#8a5a00" strokeWidth={2} dash={[10, 6]} cornerRadius={16} perfectDrawEnabled={false} />
      <Text name="tray-title" x={20} y={8} width={r.w - 80} text={title} fontFamily={FONT_FAMILY} fontSize={20} fontStyle="bold" fill="#8a5a00" wrap="none" ellipsis />
      <Text x={20} y={33} width={r.w - 40} text={hint} fontFamily={FONT_FAMILY} fontSize={13} fill="#6b4600" wrap="none" ellipsis />
      <Text name="tray-count" x={r.w - 64} y={10} width={44} align="right" text={String(r.noteIds.length)} fontFamily={FONT_FAMILY} fontSize={18} fontStyle="bold" fill="#8a5a00" />
    </Group>
  );
}

function Region({ region: r }: { region: RegionRect }) {
  const style = categoryStyle(r.category);
  const title = regionTitle(r.category, r.labels);
  return (
    <Group x={r.x} y={r.y} name="grouping-region" category={r.category}>
      <Rect width={r.w} height={r.h} fill={style.tint} stroke={style.strong} strokeWidth={2} cornerRadius={16} perfectDrawEnabled={false} />
      <Text
        name="region-title"
        x={20}
        y={8}
        width={r.w - 80}
        text={title.ja}
        fontFamily={FONT_FAMILY}
        fontSize={20}
        fontStyle="bold"
        fill={style.strong}
        wrap="none"
        ellipsis
      />
      <Text name="region-subtitle" x={20} y={33} width={r.w - 80} text={title.en} fontFamily={FONT_FAMILY} fontSize={13} fill={style.strong} wrap="none" ellipsis />
      <Text x={r.w - 64} y={10} width={44} align="right" text={String(r.count)} fontFamily={FONT_FAMILY} fontSize={18} fontStyle="bold" fill={style.strong} />
      {(r.clusters ?? []).map((c) => (
        <Cluster key={c.id} cluster={c} origin={r} color={style.strong} />
      ))}
    </Group>
  );
}

function Cluster({ cluster: c, origin, color }: { cluster: ClusterRect; origin: { x: number; y: number }; color: string }) {
  return (
    <Group x={c.x - origin.x} y={c.y - origin.y} name="grouping-cluster">
      <Rect width={c.w} height={c.h} stroke={color} strokeWidth={1} dash={[6, 4]} cornerRadius={10} fill="rgba(255,255,255,0.55)" perfectDrawEnabled={false} />
      <Text name="cluster-label" x={12} y={7} width={c.w - 24} text={c.label} fontFamily={FONT_FAMILY} fontSize={13} fontStyle="bold" fill={color} wrap="none" ellipsis />
    </Group>
  );
}
