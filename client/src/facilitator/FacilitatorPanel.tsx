import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { BoardView, Presence } from '../../../shared/board';
import { JoinQr } from './JoinQr';
import { LockToggle } from './LockToggle';
import { AgendaEditor } from './AgendaEditor';
import { FollowControls } from './FollowControls';
import { VotingControls } from './VotingControls';
import { ScribeControls } from './ScribeControls';
import { AuditLogView } from './AuditLogView';
import { RetentionNote } from './RetentionNote';
import { SessionControls } from './SessionControls';
import { ModerationQueue } from '../moderation/ModerationQueue';
import { ImportNotes } from './ImportNotes';
import { ReadinessPanel } from '../readiness/ReadinessPanel';
import { OwnNotesToggle } from '../readiness/OwnNotesToggle';
import { PrivateWritingPanel } from '../private/PrivateWritingPanel';

export interface FacilitatorPanelProps {
  boardId: string;
  token: string;
  doc: Y.Doc;
  clientId: number;
  view: BoardView;
  present: readonly Presence['user'][];
  onFocus(group: string | null): void;
  onProjector(): void;
  onClose(): void;
}

/** Everything the facilitator runs the session with, in one side panel over the board. */
export function FacilitatorPanel(p: FacilitatorPanelProps) {
  const { t } = useTranslation();
  const groups = [...new Set(p.view.sections.map((s) => s.group))];
  return (
    <aside className="ws-panel" aria-label={t('ws.facilitator.title')} data-testid="ws-panel">
      <header className="ws-panel-head">
        <h2>{t('ws.facilitator.title')}</h2>
        <button type="button" className="btn" onClick={p.onClose}>
          {t('ws.facilitator.close')}
        </button>
      </header>
      <section data-testid="readiness-section">
        <h3>{t('readiness.title')}</h3>
        <ReadinessPanel boardId={p.boardId} token={p.token} doc={p.doc} view={p.view} present={p.present} />
      </section>
      <section data-testid="private-section">
        <h3>{t('private.title')}</h3>
        <PrivateWritingPanel boardId={p.boardId} token={p.token} on={p.view.meta.privateWriting === true} />
      </section>
      <section data-testid="moderation-section">
        <h3>{t('moderation.title')}</h3>
        <ModerationQueue boardId={p.boardId} token={p.token} doc={p.doc} sections={p.view.sections} />
      </section>
      <section>
        <h3>{t('ws.facilitator.share')}</h3>
        <JoinQr boardId={p.boardId} token={p.token} />
      </section>
      <section>
        <SessionControls boardId={p.boardId} token={p.token} ended={!!p.view.meta.sessionEnded} />
      </section>
      <section className="ws-row">
        <LockToggle locked={p.view.meta.locked} place="panel" />
        <button type="button" className="btn" onClick={p.onProjector} data-testid="ws-projector">
          {t('ws.facilitator.projector')}
        </button>
      </section>
      <section>
        <OwnNotesToggle boardId={p.boardId} token={p.token} on={p.view.meta.ownNotesOnly === true} />
      </section>
      <section>
        <FollowControls doc={p.doc} clientId={p.clientId} groups={groups} onFocus={p.onFocus} />
      </section>
      <section>
        <h3>{t('ws.facilitator.agenda')}</h3>
        <AgendaEditor doc={p.doc} />
      </section>
      <section>
        <h3>{t('ws.facilitator.voting')}</h3>
        <VotingControls doc={p.doc} />
      </section>
      <section>
        <h3>{t('ws.facilitator.scribes')}</h3>
        <ScribeControls doc={p.doc} groups={groups} present={p.present} />
      </section>
      <section data-testid="import-section">
        <h3>{t('import.title')}</h3>
        <ImportNotes boardId={p.boardId} token={p.token} sections={p.view.sections} />
      </section>
      <section>
        <RetentionNote boardId={p.boardId} token={p.token} />
        <AuditLogView boardId={p.boardId} token={p.token} />
      </section>
    </aside>
  );
}
