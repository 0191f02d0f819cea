import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canFacilitate, DEFAULT_CATEGORIES, notesOf, readBoard, sectionsOf, SUMMARY_KIND, type Presence, type Section } from '../../../shared/board';
import { arrangeByCategory, readTrayOrigin } from '../../../shared/grouping/arrangement';
import { addNoteCommand, colorNotesCommand, deleteNotesCommand } from '../actions';
import { LazyCanvas } from './lazyCanvas';
import { noteFontSize } from '../canvas/style';
import { fitRect, initialView, notesFocus, panBy, toBoard, toScreen, unionRect, zoomAt, type Point, type Viewport } from '../canvas/viewport';
import { AtViewport, useViewportStore } from './viewportStore';
import { NoteEditor } from '../editor/NoteEditor';
import { ConnectionBadge } from '../ui/ConnectionBadge';
import { LockedBanner } from '../ui/LockedBanner';
import { NamePrompt } from '../ui/NamePrompt';
import { JoinDialog } from '../join/JoinDialog';
import { useJoin } from '../join/useJoin';
import { SharePanel } from '../ui/SharePanel';
import { ExportMenu } from '../export/ExportMenu';
import { Toolbar } from '../ui/Toolbar';
import { ViewControls } from '../ui/ViewControls';
import { BoardProblem } from './BoardProblem';
import { createdLinks, displayName, lastColor, nameAsked, saveDisplayName, saveLastColor, userColor } from './storage';
import { usePermissions } from './usePermissions';
import { useBoardSession } from './useBoardSession';
import { useBoardShortcuts } from './useBoardShortcuts';
import { useElementSize } from './useElementSize';
import { usePresence } from './usePresence';
import { peopleHere } from './peopleHere';
import { useUndo } from './useUndo';
import { Timer } from '../agenda/Timer';
import { WorkshopLayer } from '../facilitator/WorkshopLayer';
import { VoteBadges } from '../facilitator/VoteBadges';
import { useFollowFacilitator } from '../facilitator/useFollowFacilitator';
import { useProjector } from '../facilitator/useProjector';
import { useProjectedView } from '../moderation/useProjectedView';
import { setBoardLocked } from '../facilitator/api';
// Grouping parts by file, not through the grouping barrel, which also holds the Konva shapes (lazyCanvas.tsx).
import { GLIDE_SECONDS, GroupingCanvasContext } from '../grouping/context';
import { CategoryWhy } from '../grouping/CategoryWhy';
import { dropNotesCommand } from '../grouping/commands';
import { GroupingTools } from '../grouping/GroupingTools';
import { useCategoryView, useGrouping } from '../grouping/useGrouping';
import { ListView, LIST_TITLE_ID } from '../list/ListView';
import { rememberListView, startsAsList } from '../list/preference';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useSectionTitle } from '../i18n/sectionTitle';
import { ShortcutHelp } from '../ui/ShortcutHelp';
import { nudgeMoves, PAN_STEP, PAN_STEP_BIG, selectedPositions } from './shortcuts';
import { NotOnThisDevice, notOnThisDevice } from '../offline/NotOnThisDevice';
import { byDoc, docForNewNote, docOfNote } from '../private/context';
import { PrivateBanner } from '../private/PrivateMark';
import { PrivateBadges } from '../private/PrivateBadges';

const EDITOR_MIN = { width: 240, height: 180 };

/** The writer's group's worksheet column (not its まとめ) whose middle is nearest `p`; null without a group. */
function ownColumnNear(sections: readonly Section[], group: string | null, p: Point): Section | null {
  if (!group) return null;
  const dist = (s: Section) => Math.hypot(s.x + s.w / 2 - p.x, s.y + s.h / 2 - p.y);
  const columns = sections.filter((s) => s.group === group && s.kind !== SUMMARY_KIND).sort((a, b) => dist(a) - dist(b));
  return columns[0] ?? null;
}
/** The floating toolbar covers the bottom of the stage; a fitted view keeps clear of it. */
const TOOLBAR_SPACE = 72;

export function BoardPage({ boardId, urlToken }: { boardId: string; urlToken: string | null }) {
  const { t } = useTranslation();
  const { token, identity, conn, view, privateNotes } = useBoardSession(boardId, urlToken);
  const { doc, role } = conn;
  const undo = useUndo(doc);
  const grouping = useGrouping(doc);

  const [name, setName] = useState(displayName);
  const [askName, setAskName] = useState(() => !nameAsked());
  const { userId } = identity;
  // A participant on a board with groups picks one, in the phone's join dialog; it travels in presence like the phone's.
  const join = useJoin(boardId, view.sections);
  const asksGroup = role === 'participant' && join.groups.length > 0;
  const group = asksGroup ? join.group : null;
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
  const drawn = useMemo(() => ({ ...shown, sections: shown.sections.map((s) => ({ ...s, title: titleOf(s) })) }), [shown, titleOf]);
  const perms = usePermissions(doc, view, role, userId);
  const canEdit = perms.canWrite;
  // A drop into another group files only the notes this user may regroup; the others stay where they were.
  const mayMove = (id: string, to: string | null) => {
    const n = view.notes.find((x) => x.id === id);
    return !n || perms.mayMove(n, to);
  };
  const facilitator = role !== null && canFacilitate(role);

  const stageBox = useRef<HTMLDivElement>(null);
  const size = useElementSize(stageBox);
  const viewportStore = useViewportStore({ x: 40, y: 40, scale: 1 });
  const setViewport = viewportStore.set;
  // Workshop flow: the person's own pans and zooms go through follow.userSetViewport (moving oneself stops following).
  const follow = useFollowFacilitator({ doc, awareness: conn.awareness, viewport: viewportStore, size });
  const projector = useProjector();
  const projected = useProjectedView(doc, drawn, projector.on);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [color, setColor] = useState(lastColor);
  const [sharing, setSharing] = useState(false);
  // The list view is the board for keyboard and screen-reader users; the canvas stays mounted but hidden meanwhile.
  const [listView, setListView] = useState(() => startsAsList(window.location.search));
  const [focusList, setFocusList] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const showList = (on: boolean) => {
    setListView(on);
    rememberListView(on);
    setEditingId(null);
  };
  useEffect(() => {
    if (!focusList || !listView) return;
    const title = document.getElementById(LIST_TITLE_ID);
    if (title) {
      title.focus();
      setFocusList(false);
    }
  }, [focusList, listView, view]);

  // Fitting shows the notes under their column titles, not the worksheet's empty paper.
  const contentBounds = useCallback(
    () => notesFocus(shown.notes, [...shown.sections, ...(byCategory ? [...byCategory.regions, byCategory.tray] : [])]),
    [shown.notes, shown.sections, byCategory],
  );
  const zoomToFit = useCallback(() => setViewport(fitRect(contentBounds(), size)), [setViewport, contentBounds, size]);

  // Fit once, when the board's content first shows; a board that synced empty keeps the default view.
  // (The view lags the doc by a frame, so "synced and empty" is checked on the doc itself.)
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || size.width === 0 || !doc) return;
    if (view.notes.length + view.sections.length > 0) {
      fitted.current = true;
      setViewport(initialView(contentBounds(), size));
    } else if (conn.status === 'online' && notesOf(doc).size + sectionsOf(doc).size === 0) {
      fitted.current = true;
    }
  }, [doc, view, conn.status, size, contentBounds, setViewport]);

  // The whole board changes place when it switches between the worksheet and the category arrangement (anyone's
  // Auto-group, undo or restore): every screen refits, first taking in both so the notes are seen gliding across.
  const arranged = !!byCategory;
  const lastArrangement = useRef({ arranged, bounds: null as ReturnType<typeof contentBounds> });
  const closeUp = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const last = lastArrangement.current;
    const bounds = contentBounds();
    lastArrangement.current = { arranged, bounds };
    if (last.arranged === arranged || !fitted.current || !bounds || size.width === 0) return;
    const area = { width: size.width, height: size.height - TOOLBAR_SPACE };
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (reduced || !last.bounds) {
      clearTimeout(closeUp.current);
      setViewport(fitRect(bounds, area));
      return;
    }
    setViewport(fitRect(unionRect([last.bounds, bounds]), area));
    clearTimeout(closeUp.current);
    closeUp.current = setTimeout(() => setViewport(fitRect(bounds, area)), GLIDE_SECONDS * 1000 + 400);
  }, [arranged, contentBounds, size, setViewport]);
  useEffect(() => () => clearTimeout(closeUp.current), []);

  // Projector mode hides the header and toolbars: once the stage has grown to the whole screen, the notes fill it.
  const refitOnResize = useRef(false);
  useEffect(() => {
    if (fitted.current) refitOnResize.current = true;
  }, [projector.on]);
  useEffect(() => {
    if (!refitOnResize.current || size.width === 0) return;
    refitOnResize.current = false;
    setViewport(fitRect(contentBounds(), size));
  }, [size, contentBounds, setViewport]);

  // Drop selection and editing of notes that are gone (deleted here or elsewhere) or no longer editable.
  const noteIds = useMemo(() => new Set(view.notes.map((n) => n.id)), [view.notes]);
  const liveSelection = useMemo(() => new Set([...selection].filter((id) => noteIds.has(id))), [selection, noteIds]);
  const editingNote = editingId ? shown.notes.find((n) => n.id === editingId) : undefined;
  const editing = editingNote && perms.mayEdit(editingNote) ? editingNote : null;
  const editableSelection = useMemo(() => view.notes.filter((n) => liveSelection.has(n.id) && perms.mayEdit(n)).map((n) => n.id), [view.notes, liveSelection, perms]);
  const editIfAllowed = (id: string) => {
    const n = view.notes.find((x) => x.id === id);
    if (n && perms.mayEdit(n)) setEditingId(id);
  };

  const addAt = useCallback(
    (p: Point) => {
      if (!doc || !canEdit || !userId) return;
      // Arranged by category, a new note still belongs to the writer's group's column on the worksheet.
      const column = group ? (view.sections.find((s) => s.group === group && s.kind !== SUMMARY_KIND) ?? null) : null;
      const id = addNoteCommand.perform(docForNewNote(doc, privateNotes), {
        x: p.x,
        y: p.y,
        color,
        sections: view.sections,
        author: view.meta.anonymous ? '' : name,
        authorId: userId,
        ...(byCategory ? { byCategory: { worksheetColumn: column, notes: view.notes } } : {}),
      });
      setSelection(new Set([id]));
      setEditingId(id);
    },
    [doc, privateNotes, canEdit, userId, color, view.sections, view.notes, view.meta.anonymous, name, group, byCategory],
  );
  const addInView = () => {
    const c = toBoard(viewportStore.get(), { x: size.width / 2, y: size.height / 2 });
    const column = byCategory ? null : ownColumnNear(view.sections, group, c);
    if (column && doc && canEdit && userId) {
      // In a group: the group's column nearest the middle of the screen, at a spot no note covers.
      const into = docForNewNote(doc, privateNotes);
      const id = addNoteCommand.perform(into, {
        x: c.x,
        y: c.y,
        color,
        sections: view.sections,
        author: view.meta.anonymous ? '' : name,
        authorId: userId,
        intoColumn: { column, notes: view.notes },
      });
      const added = readBoard(into).notes.find((n) => n.id === id);
      if (added) showOnScreen(added);
      setSelection(new Set([id]));
      setEditingId(id);
      return;
    }
    // Successive clicks fan out a little instead of stacking notes exactly on top of each other.
    const k = shown.notes.length % 6;
    addAt({ x: c.x + k * 18, y: c.y + k * 18 });
  };
  /** Brings a note into view (centred) when it is not on screen, so the person sees what they are typing into. */
  const showOnScreen = (n: { x: number; y: number; w: number; h: number }) => {
    const vp = viewportStore.get();
    const tl = toScreen(vp, n);
    const br = toScreen(vp, { x: n.x + n.w, y: n.y + n.h });
    if (tl.x >= 0 && tl.y >= 0 && br.x <= size.width && br.y <= size.height - TOOLBAR_SPACE) return;
    const mid = toScreen(vp, { x: n.x + n.w / 2, y: n.y + n.h / 2 });
    setViewport(panBy(vp, size.width / 2 - mid.x, (size.height - TOOLBAR_SPACE) / 2 - mid.y));
  };
  const deleteSelected = () => {
    // Only the notes this person may delete; others' notes in the selection stay (and stay selected).
    if (doc) for (const [d, ids] of byDoc(doc, privateNotes, editableSelection)) deleteNotesCommand.perform(d, { ids });
    setSelection(new Set([...liveSelection].filter((id) => !editableSelection.includes(id))));
  };
  const pickColor = (c: string) => {
    setColor(c);
    saveLastColor(c);
    if (doc) for (const [d, ids] of byDoc(doc, privateNotes, editableSelection)) colorNotesCommand.perform(d, { ids, color: c });
  };

  // Canvas shortcuts stand down in the list view, which has its own controls for all of them.
  const onCanvas = !listView;
  const movable = canEdit && !projector.on;
  useBoardShortcuts(!!doc, {
    onDelete: () => onCanvas && deleteSelected(),
    onEscape: () => setSelection(new Set()),
    onUndo: () => canEdit && undo.undo(),
    onRedo: () => canEdit && undo.redo(),
    onSelectAll: () => onCanvas && setSelection(new Set(noteIds)),
    onEditSelected: () => {
      if (onCanvas && liveSelection.size === 1) editIfAllowed([...liveSelection][0]!);
    },
    onNewNote: () => onCanvas && movable && addInView(),
    onHelp: () => setHelpOpen((open) => !open),
    onZoomFit: () => onCanvas && zoomToFit(),
    onZoom: (f) => onCanvas && follow.userSetViewport((vp) => zoomAt(vp, { x: size.width / 2, y: size.height / 2 }, f)),
    onArrow: (dx, dy, big) => {
      if (!onCanvas || !doc) return;
      if (movable && liveSelection.size > 0) {
        // One write per key press, filed like a drop (section, and the facilitator's category regions).
        const moves = nudgeMoves(selectedPositions(doc, liveSelection, byCategory ? shown.notes : null), liveSelection, dx, dy, big);
        dropInto(moves);
      } else {
        const step = big ? PAN_STEP_BIG : PAN_STEP;
        follow.userSetViewport((vp) => panBy(vp, -dx * step, -dy * step));
      }
    },
  });

  const sizes = useMemo(() => new Map(view.notes.map((n) => [n.id, { w: n.w, h: n.h }])), [view.notes]);
  // A drop files a note in a worksheet column, or — arranged by category — places it there (the facilitator's drop also re-categorises).
  const drop = (moves: readonly { id: string; x: number; y: number }[]) => ({
    moves,
    sizes,
    sections: view.sections,
    regions: facilitator && byCategory ? byCategory.regions : [],
    mayMove,
    ...(byCategory ? { byCategory: { tray: byCategory.tray } } : {}),
  });
  // A private note's moves are written to the private notes; its drag is never shown to others (the server drops it too).
  const dropInto = (moves: readonly { id: string; x: number; y: number }[]) => {
    if (doc) for (const [d, ms] of byDoc(doc, privateNotes, moves)) dropNotesCommand.perform(d, drop(ms));
  };
  const dragLive = (d: Record<string, { x: number; y: number }> | null) =>
    presence.setDragging(d && Object.fromEntries(Object.entries(d).filter(([id]) => !privateNotes.ids.has(id))));
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
  const zoomBy = (f: number) => follow.userSetViewport((vp) => zoomAt(vp, { x: size.width / 2, y: size.height / 2 }, f));
  const title = view.meta.title || conn.info?.title || t('board.untitled');

  return (
    <div className={`board-page${projector.on ? ' ws-projector' : ''}`} data-testid="board-page" data-role={role ?? 'unknown'}>
      <a
        className="skip-link"
        href="#list-view"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          showList(true);
          setFocusList(true);
        }}
      >
        {listView ? t('list.skipToNotes') : t('list.skipToList')}
      </a>
      <header className="board-header">
        <a className="brand" href="/" aria-label={t('home.title')}>
          付箋
        </a>
        <h1 className="board-title" title={title}>
          {title}
        </h1>
        {role && <span className={`role-badge ${role}`}>{t(`role.${role}`)}</span>}
        <div className="header-spacer" />
        <Timer doc={doc} />
        {facilitator && (
          <button type="button" className="btn" data-testid="lock-toggle" onClick={() => token && void setBoardLocked(boardId, token, !view.meta.locked).catch(() => {})}>
            {view.meta.locked ? t('locked.unlock') : t('locked.lock')}
          </button>
        )}
        {links && (
          <button type="button" className="btn" onClick={() => setSharing(true)} data-testid="share-open">
            {t('share.open')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => showList(!listView)} data-testid="list-toggle">
          {listView ? t('list.hide') : t('list.show')}
        </button>
        <ExportMenu boardId={boardId} token={token} role={role} view={view} doc={doc} />
        {role && role !== 'viewer' && (
          <button type="button" className="btn subtle" onClick={() => (asksGroup ? join.change() : setAskName(true))} title={t(asksGroup ? 'ws.join.title' : 'name.title')} data-testid="identity-button">
            {name || t('presence.anonymous')}
            {group && <span data-testid="my-group"> · {t('list.group', { group })}</span>}
          </button>
        )}
        <LanguageSwitch />
        <ConnectionBadge status={conn.status} peers={peopleHere(presence.others, user)} unsent={conn.unsent} />
      </header>
      {view.meta.locked && role !== 'viewer' && <LockedBanner facilitator={facilitator} />}
      {view.meta.sessionEnded && !view.meta.locked && role !== 'viewer' && <LockedBanner facilitator={facilitator} ended />}
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
                      onSelect={setSelection}
                      canEdit={canEdit && !projector.on}
                      editingId={editing?.id ?? null}
                      others={presence.others}
                      labels={labels}
                      onAddAt={addAt}
                      onEdit={editIfAllowed}
                      onCursor={presence.setCursor}
                      onDragLive={dragLive}
                      onMoveEnd={dropInto}
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
                    setEditingId(null);
                  }}
                />
              )}
            </>
          )}
        </AtViewport>
        {canEdit && (
          <Toolbar
            color={color}
            onColor={pickColor}
            onAdd={addInView}
            onDelete={deleteSelected}
            selectionCount={editableSelection.length}
            canUndo={undo.canUndo}
            canRedo={undo.canRedo}
            onUndo={undo.undo}
            onRedo={undo.redo}
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
              <ViewControls scale={viewport.scale} onZoomIn={() => zoomBy(1.25)} onZoomOut={() => zoomBy(0.8)} onFit={zoomToFit} onHelp={() => setHelpOpen(true)} />
              <PrivateBadges notes={projected.notes} viewport={viewport} size={size} />
              {doc && <VoteBadges doc={doc} notes={projected.notes} viewport={viewport} size={size} voterId={userId} canVote={canEdit && !projector.on} />}
              <CategoryWhy why={grouping.why} notes={shown.notes} reasons={grouping.reasons} viewport={viewport} size={size} onClose={grouping.closeWhy} />
            </>
          )}
        </AtViewport>
        {canEdit && view.notes.length === 0 && <p className="empty-hint">{t('board.emptyHint')}</p>}
      </div>
      {listView && doc && <ListView doc={doc} view={view} perms={perms} userId={userId} authorName={view.meta.anonymous ? '' : name} color={color} />}
      {asksGroup && (join.changing || !join.joined) && (
        <JoinDialog
          groups={join.groups}
          anonymous={view.meta.anonymous}
          initial={{ name, group }}
          onJoin={(j) => {
            if (!view.meta.anonymous) {
              saveDisplayName(j.name);
              setName(j.name);
            }
            setAskName(false);
            join.join(j);
          }}
        />
      )}
      {askName && role && role !== 'viewer' && !asksGroup && boardKnown && (
        <NamePrompt
          initial={name}
          onDone={(n) => {
            saveDisplayName(n);
            setName(n);
            setAskName(false);
          }}
        />
      )}
      {sharing && links && <SharePanel links={links} onClose={() => setSharing(false)} />}
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
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
  );
}

/** The editor covers the note, but never smaller than is comfortable to type in, and stays on screen. */
function editorRect(vp: Viewport, note: { x: number; y: number; w: number; h: number }, size: { width: number; height: number }) {
  const tl = toScreen(vp, note);
  const width = Math.max(note.w * vp.scale, EDITOR_MIN.width);
  const height = Math.max(note.h * vp.scale, EDITOR_MIN.height);
  return {
    left: Math.max(8, Math.min(tl.x, size.width - width - 8)),
    top: Math.max(8, Math.min(tl.y, size.height - height - 8)),
    width,
    height,
  };
}

