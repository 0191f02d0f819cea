import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { canFacilitate, DEFAULT_CATEGORIES, readBoard, sectionsOf, type Presence } from '../../../shared/board';
import { arrangeByCategory, readTrayOrigin } from '../../../shared/grouping/arrangement';
import {
  ActionsProvider,
  addNoteAtAction,
  addNoteInViewAction,
  deleteSelectedAction,
  dropNotesAction,
  editNoteAction,
  pickColorAction,
  redoAction,
  undoAction,
  zoomInAction,
  zoomOutAction,
  useActionDispatch,
  useShortcuts,
  type ActionContext,
  type AnyAction,
  type BoardApi,
} from '../actions';
import { LazyCanvas } from './lazyCanvas';
import { noteFontSize } from '../canvas/style';
import { fitRect, notesFocus } from '../canvas/viewport';
import { AtViewport, useViewportStore } from './viewportStore';
import { editorRect, NoteEditor } from '../editor/NoteEditor';
import { BoardHeader } from './BoardHeader';
import { IdentityPrompts } from './IdentityPrompts';
import { useJoin } from '../join/useJoin';
import { SharePanel } from '../ui/SharePanel';
import { Toolbar } from '../ui/Toolbar';
import { ViewControls } from '../ui/ViewControls';
import { BoardProblem } from './BoardProblem';
import { createdLinks, displayName, lastColor, nameAsked, userColor } from './storage';
import { usePermissions } from './usePermissions';
import { useBoardSession } from './useBoardSession';
import { useNewBoardSession, useSession } from './session';
import { TOOLBAR_SPACE, useCanvasFit } from './useCanvasFit';
import { canvasHost } from './canvasHost';
import { useElementSize } from './useElementSize';
import { usePresence } from './usePresence';
import { peopleHere } from './peopleHere';
import { useUndo } from './useUndo';
import { WorkshopLayer } from '../facilitator/WorkshopLayer';
import { VoteBadges } from '../facilitator/VoteBadges';
import { useFollowFacilitator } from '../facilitator/useFollowFacilitator';
import { useProjector } from '../facilitator/useProjector';
import { useProjectedView } from '../moderation/useProjectedView';
import { setBoardLocked } from '../facilitator/api';
// Grouping parts by file, not through the grouping barrel, which also holds the Konva shapes (lazyCanvas.tsx).
import { GroupingCanvasContext } from '../grouping/context';
import { CategoryWhy } from '../grouping/CategoryWhy';
import { GroupingTools } from '../grouping/GroupingTools';
import { useCategoryView, useGrouping } from '../grouping/useGrouping';
import { ListView, LIST_TITLE_ID } from '../list/ListView';
import { startsAsList } from '../list/preference';
import { useSectionTitle } from '../i18n/sectionTitle';
import { ShortcutHelp } from '../ui/ShortcutHelp';
import { NotOnThisDevice, notOnThisDevice } from '../offline/NotOnThisDevice';
import { NudgeBanner } from '../readiness/NudgeBanner';
import { ReactionBadges } from '../reactions/ReactionBadges';
import { docOfNote } from '../private/context';
import { PrivateBanner } from '../private/PrivateMark';
import { PrivateBadges } from '../private/PrivateBadges';

export function BoardPage({ boardId, urlToken }: { boardId: string; urlToken: string | null }) {
  const { t } = useTranslation();
  const { token, identity, conn, view, privateNotes } = useBoardSession(boardId, urlToken);
  const { doc, role } = conn;
  const undo = useUndo(doc);
  const grouping = useGrouping(doc);
  const session = useNewBoardSession(() => ({ name: displayName(), askName: !nameAsked(), color: lastColor(), listView: startsAsList(window.location.search) }));
  const s = useSession(session);
  const { name, listView } = s;

  const { userId } = identity;
  // A participant on a board with groups picks one, in the phone's join dialog; it travels in presence like the phone's.
  const join = useJoin(boardId, view.sections);
  const asksGroup = role === 'participant' && join.groups.length > 0;
  const group = asksGroup ? join.group : null;
  useLayoutEffect(() => session.set({ userId, role, group }), [session, userId, role, group]);
  const user = useMemo<Presence['user'] | null>(
    () => (role && userId ? { id: userId, name, color: userColor(userId), role, ...(group ? { group } : {}) } : null),
    [role, name, userId, group],
  );
  const presence = usePresence(conn.awareness, user);

  // What the canvas shows: the worksheet, or the same notes arranged by category (their columns unchanged).
  const byCategory = useCategoryView(view, grouping);
  const shown = byCategory?.view ?? view;
  // Column titles in the page's language only, as drawn (the doc keeps the template's bilingual title).
  const titleOf = useSectionTitle();
  const drawn = useMemo(() => ({ ...shown, sections: shown.sections.map((x) => ({ ...x, title: titleOf(x) })) }), [shown, titleOf]);
  const perms = usePermissions(doc, view, role, userId);
  const canEdit = perms.canWrite;
  const facilitator = role !== null && canFacilitate(role);
  // "Participants move only their own notes": others' notes are neither dragged nor nudged, in either arrangement.
  // A private note's drag is never shown to others (the server drops it too).
  const dragLive = (d: Record<string, { x: number; y: number }> | null) =>
    presence.setDragging(d && Object.fromEntries(Object.entries(d).filter(([id]) => !privateNotes.ids.has(id))));
  const mayDrag = view.meta.ownNotesOnly
    ? (id: string) => {
        const n = view.notes.find((x) => x.id === id);
        return !n || perms.mayMove(n, n.sectionId);
      }
    : undefined;

  const stageBox = useRef<HTMLDivElement>(null);
  const size = useElementSize(stageBox);
  const viewportStore = useViewportStore({ x: 40, y: 40, scale: 1 });
  const setViewport = viewportStore.set;
  // Workshop flow: the person's own pans and zooms go through follow.userSetViewport (moving oneself stops following).
  const follow = useFollowFacilitator({ doc, awareness: conn.awareness, viewport: viewportStore, size });
  const projector = useProjector();
  const projected = useProjectedView(doc, drawn, projector.on);
  useEffect(() => {
    if (!s.focusList || !listView) return;
    const title = document.getElementById(LIST_TITLE_ID);
    if (title) {
      title.focus();
      session.set({ focusList: false });
    }
  }, [s.focusList, listView, view, session]);

  // Fitting shows the notes under their column titles, not the worksheet's empty paper.
  const contentBounds = useCallback(
    () => notesFocus(shown.notes, [...shown.sections, ...(byCategory ? [...byCategory.regions, byCategory.tray] : [])]),
    [shown.notes, shown.sections, byCategory],
  );
  const zoomToFit = useCallback(() => setViewport(fitRect(contentBounds(), size)), [setViewport, contentBounds, size]);
  useCanvasFit({
    doc,
    online: conn.status === 'online',
    contentCount: view.notes.length + view.sections.length,
    contentBounds,
    size,
    viewport: viewportStore,
    arranged: !!byCategory,
    projecting: projector.on,
  });

  // Drop selection and editing of notes that are gone (deleted here or elsewhere) or no longer editable.
  const noteIds = useMemo(() => new Set(view.notes.map((n) => n.id)), [view.notes]);
  const liveSelection = useMemo(() => new Set([...s.selection].filter((id) => noteIds.has(id))), [s.selection, noteIds]);
  const editingNote = s.editingId ? shown.notes.find((n) => n.id === s.editingId) : undefined;
  const editing = editingNote && perms.mayEdit(editingNote) ? editingNote : null;
  const editableCount = view.notes.filter((n) => liveSelection.has(n.id) && perms.mayEdit(n)).length;

  const canvas = canvasHost({
    viewport: viewportStore,
    size,
    userSetViewport: follow.userSetViewport,
    zoomToFit,
    byCategory: byCategory ? { notes: shown.notes, regions: byCategory.regions, tray: byCategory.tray } : null,
    projecting: projector.on,
  });
  const api = useMemo<BoardApi | undefined>(() => (token ? { setLocked: (locked) => setBoardLocked(boardId, token, locked) } : undefined), [boardId, token]);
  const ctx: ActionContext | null = doc ? { doc, session, view, perms, api, canvas, undo } : null;
  const dispatch = useActionDispatch(ctx);
  const runShortcut = useCallback((a: AnyAction, args: unknown) => void dispatch(a, args as never), [dispatch]);
  useShortcuts(!!doc, runShortcut);

  const labels = useMemo(
    () => ({
      placeholder: canEdit ? t('note.placeholder') : '',
      broken: t('note.broken'),
      anonymous: t('presence.anonymous'),
      category: (id: string) => ((DEFAULT_CATEGORIES as readonly string[]).includes(id) ? t(`category.${id}`) : id),
    }),
    [t, canEdit],
  );

  if (conn.fatal) return <BoardProblem reason={conn.fatal} boardId={boardId} />;
  if (notOnThisDevice(conn, view.notes.length)) return <NotOnThisDevice />;

  // Whether the board has groups is known once its sections show, or it synced without any: asking for a
  // name before that would flash the name prompt and swap it for the join dialog a moment later.
  const boardKnown = view.sections.length > 0 || (conn.status === 'online' && !!doc && sectionsOf(doc).size === 0);

  const links = facilitator ? createdLinks(boardId) : null;

  return (
    <ActionsProvider value={dispatch}>
      <div className={`board-page${projector.on ? ' ws-projector' : ''}`} data-testid="board-page" data-role={role ?? 'unknown'}>
        <BoardHeader
          boardId={boardId}
          token={token}
          doc={doc}
          view={view}
          session={session}
          title={view.meta.title || conn.info?.title || t('board.untitled')}
          role={role}
          userId={userId}
          canWrite={canEdit}
          facilitator={facilitator}
          hasLinks={!!links}
          asksGroup={asksGroup}
          onIdentity={() => (asksGroup ? join.change() : session.set({ askName: true }))}
          connection={{ status: conn.status, peers: peopleHere(presence.others, user), unsent: conn.unsent }}
        />
        {role === 'participant' && <PrivateBanner boardId={boardId} token={token} />}
        <div className="board-stage" ref={stageBox} hidden={listView}>
          <AtViewport store={viewportStore}>
            {(viewport) => (
              <>
                {doc && size.width > 0 && (
                  <Suspense fallback={null}>
                    <GroupingCanvasContext value={grouping.api}>
                      <LazyCanvas
                        view={projected}
                        size={size}
                        viewport={viewport}
                        setViewport={follow.userSetViewport}
                        selection={liveSelection}
                        onSelect={(selection) => session.set({ selection })}
                        canEdit={canEdit && !projector.on}
                        editingId={editing?.id ?? null}
                        others={presence.others}
                        labels={labels}
                        onAddAt={(at) => dispatch(addNoteAtAction, { at })}
                        onEdit={(id) => dispatch(editNoteAction, { id })}
                        onCursor={presence.setCursor}
                        onDragLive={dragLive}
                        onMoveEnd={(moves) => dispatch(dropNotesAction, { moves })}
                        mayDrag={mayDrag}
                        categories={byCategory ? { regions: byCategory.regions, tray: { rect: byCategory.tray, title: t('grouping.tray.title'), hint: t('grouping.tray.hint') } } : null}
                      />
                    </GroupingCanvasContext>
                  </Suspense>
                )}
                {doc && editing && (
                  <NoteEditor
                    key={editing.id}
                    doc={docOfNote(doc, privateNotes, editing.id)}
                    noteId={editing.id}
                    rect={editorRect(viewport, editing, size)}
                    color={editing.color}
                    fontSize={Math.max(16, noteFontSize(editing.text) * viewport.scale)}
                    onClose={() => {
                      // What is done next (a nudge, a move) is its own undo step, not part of the typing.
                      undo.stopCapturing();
                      session.set({ editingId: null });
                    }}
                  />
                )}
              </>
            )}
          </AtViewport>
          {canEdit && (
            <Toolbar
              color={s.color}
              onColor={(color) => dispatch(pickColorAction, { color })}
              onAdd={() => dispatch(addNoteInViewAction)}
              onDelete={() => dispatch(deleteSelectedAction)}
              selectionCount={editableCount}
              canUndo={undo.canUndo}
              canRedo={undo.canRedo}
              onUndo={() => dispatch(undoAction)}
              onRedo={() => dispatch(redoAction)}
            >
              {facilitator && doc && (
                <GroupingTools
                  doc={doc}
                  boardId={boardId}
                  token={token}
                  notes={view.notes}
                  selection={liveSelection}
                  regions={grouping.regions}
                  canRestore={grouping.canRestore}
                  byCategory={!!byCategory}
                  stopCapturing={undo.stopCapturing}
                  onShow={(bounds) => follow.userSetViewport(fitRect(bounds, { width: size.width, height: size.height - TOOLBAR_SPACE }))}
                  sections={view.sections}
                  trayOf={(regions) => arrangeByCategory(readBoard(doc), regions, readTrayOrigin(doc)).tray}
                />
              )}
            </Toolbar>
          )}
          <AtViewport store={viewportStore}>
            {(viewport) => (
              <>
                <ViewControls scale={viewport.scale} onZoomIn={() => dispatch(zoomInAction)} onZoomOut={() => dispatch(zoomOutAction)} onFit={zoomToFit} onHelp={() => session.set({ helpOpen: true })} />
                <PrivateBadges notes={projected.notes} viewport={viewport} size={size} />
                {doc && <ReactionBadges doc={doc} notes={projected.notes} viewport={viewport} size={size} userId={canEdit && !projector.on ? userId : null} selection={liveSelection} />}
                {doc && <VoteBadges doc={doc} notes={projected.notes} viewport={viewport} size={size} voterId={userId} canVote={canEdit && !projector.on} />}
                <CategoryWhy why={grouping.why} notes={shown.notes} reasons={grouping.reasons} viewport={viewport} size={size} onClose={grouping.closeWhy} />
              </>
            )}
          </AtViewport>
          {canEdit && view.notes.length === 0 && <p className="empty-hint">{t('board.emptyHint')}</p>}
        </div>
        {listView && doc && <ListView doc={doc} view={view} perms={perms} userId={userId} />}
        <IdentityPrompts session={session} join={join} asksGroup={asksGroup} anonymous={view.meta.anonymous} boardKnown={boardKnown} writes={!!role && role !== 'viewer'} />
        <NudgeBanner doc={doc} />
        {s.sharing && links && <SharePanel links={links} onClose={() => session.set({ sharing: false })} />}
        {s.helpOpen && <ShortcutHelp onClose={() => session.set({ helpOpen: false })} />}
        <WorkshopLayer
          boardId={boardId}
          token={token}
          doc={doc}
          awareness={conn.awareness}
          role={role}
          view={view}
          present={presence.others.map((o) => o.presence.user)}
          follow={follow}
          projector={projector}
          size={size}
          setViewport={setViewport}
        />
      </div>
    </ActionsProvider>
  );
}
