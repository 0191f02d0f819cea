import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { readFocusGroup, type BoardView, type Presence, type Role } from '../../../shared/board';
import { fitRect, unionRect, type Viewport } from '../canvas/viewport';
import { Timer } from '../agenda/Timer';
import { useDocValue } from '../agenda/useDocValue';
import { FacilitatorPanel } from './FacilitatorPanel';
import type { FollowState } from './useFollowFacilitator';
import './strings';
import { PendingCount } from '../moderation/PendingMark';
import { ReadyCount } from '../readiness/ReadinessPanel';
import './facilitator.css';

export interface WorkshopLayerProps {
  boardId: string;
  token: string | null;
  doc: Y.Doc | null;
  awareness: Awareness | null;
  role: Role | null;
  view: BoardView;
  present: readonly Presence['user'][];
  follow: FollowState;
  projector: { on: boolean; enter(): void; exit(): void };
  size: { width: number; height: number };
  setViewport: Dispatch<SetStateAction<Viewport>>;
}

/**
 * What the workshop flow adds over the canvas: the follow and focus banners for everyone, the
 * facilitator's tools, and the projector's large timer and exit.
 */
export function WorkshopLayer(p: WorkshopLayerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const focus = useDocValue(p.doc, readFocusGroup, null);
  const facilitator = p.role === 'facilitator';
  const showTo = (group: string | null) => {
    const sections = p.view.sections.filter((s) => group === null || s.group === group);
    p.setViewport(fitRect(unionRect(group === null ? [...sections, ...p.view.notes] : sections), p.size));
  };
  return (
    <>
      <div className="ws-banners">
        {focus && <div className="ws-banner focus">{t('ws.focus.banner', { group: focus })}</div>}
        {p.follow.following && (
          <div className="ws-banner follow" data-testid="follow-banner" data-detached={p.follow.detached}>
            {p.follow.detached ? t('ws.follow.off') : t('ws.follow.on')}
            {p.follow.detached && (
              <button type="button" className="btn" onClick={p.follow.rejoin} data-testid="follow-rejoin">
                {t('ws.follow.rejoin')}
              </button>
            )}
          </div>
        )}
      </div>
      {p.projector.on && (
        <div className="ws-projector-bar">
          <Timer doc={p.doc} large />
          <button type="button" className="btn ws-projector-exit" onClick={p.projector.exit} data-testid="ws-projector-exit">
            {t('ws.facilitator.projectorExit')}
          </button>
        </div>
      )}
      {facilitator && !p.projector.on && !open && (
        <button type="button" className="btn primary ws-panel-open" onClick={() => setOpen(true)} data-testid="ws-panel-open">
          {t('ws.facilitator.open')}
          {p.doc && <PendingCount doc={p.doc} />}
          {p.doc && <ReadyCount doc={p.doc} view={p.view} present={p.present} />}
        </button>
      )}
      {facilitator && open && !p.projector.on && p.doc && p.awareness && p.token && (
        <FacilitatorPanel
          boardId={p.boardId}
          token={p.token}
          doc={p.doc}
          clientId={p.awareness.clientID}
          view={p.view}
          present={p.present}
          onFocus={showTo}
          onProjector={() => {
            setOpen(false);
            p.projector.enter();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
