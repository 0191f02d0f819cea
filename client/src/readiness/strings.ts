import i18n from '../i18n';

/** Strings of readiness (書き終わった), the facilitator's nudge and "move only their own notes" (issue 24), under `readiness.`. */
const ja = {
  done: '書き終わった',
  doneOn: '✓ 書き終わった',
  doneHint: 'もう一度押すと「記入中」に戻ります',
  doneSaid: '進行役に「書き終わった」と伝えました',
  title: '記入の状況',
  summary: '書き終わった {{done}} / {{total}}人 ・ 付箋 {{notes}}枚',
  group: 'グループ{{group}}',
  noGroup: 'グループなし',
  groupSummary: '{{done}} / {{total}}人 ・ {{notes}}枚',
  anonymousPerson: '参加者 {{n}}',
  unnamed: '名前なし',
  notes: '{{count}}枚',
  stateDone: '書き終わった',
  stateWriting: '記入中',
  away: '（接続なし）',
  nobody: 'まだ参加者はいません',
  nudge: '「あと1分です」を送る',
  nudgeSent: '全員の画面に表示しました',
  nudgeDefault: 'あと1分です',
  nudgeClose: '閉じる',
  clear: '全員を「記入中」に戻す',
  failed: '送れませんでした：{{message}}',
  ownNotesOnly: '参加者は自分の付箋だけ動かせる',
  ownNotesOnlyHint: 'オンの間、参加者は他の人の付箋を動かせません（書記役は自分のグループの付箋を動かせます）。',
};

const en: typeof ja = {
  done: 'Done',
  doneOn: '✓ Done',
  doneHint: 'Tap again to go back to writing',
  doneSaid: 'The facilitator sees that you are done',
  title: 'Who is done',
  summary: '{{done}} of {{total}} done · {{notes}} notes',
  group: 'Group {{group}}',
  noGroup: 'No group',
  groupSummary: '{{done}} of {{total}} · {{notes}} notes',
  anonymousPerson: 'Participant {{n}}',
  unnamed: 'No name',
  notes: '{{count}} notes',
  stateDone: 'Done',
  stateWriting: 'Writing',
  away: '(not connected)',
  nobody: 'No participants yet',
  nudge: 'Send “One more minute”',
  nudgeSent: 'Shown on every screen',
  nudgeDefault: 'One more minute',
  nudgeClose: 'Close',
  clear: 'Set everyone back to writing',
  failed: 'Could not send: {{message}}',
  ownNotesOnly: 'Participants move only their own notes',
  ownNotesOnlyHint: "While this is on, participants cannot move other people's notes (a scribe still moves their group's).",
};

i18n.addResourceBundle('ja', 'translation', { readiness: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { readiness: en }, true, false);
