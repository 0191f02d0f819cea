import i18n from '../i18n';

/** Strings of the facilitator's audit log, under `audit.`. */
const ja = {
  title: '操作の記録',
  show: '記録を表示',
  refresh: '更新',
  empty: 'まだ記録はありません',
  failed: '記録を読み込めませんでした：{{message}}',
  when: '日時',
  action: '操作',
  who: '誰が',
  detail: '内容',
  actions: {
    lock: 'ロック',
    unlock: 'ロック解除',
    rotate: 'リンクの再発行',
    settings: '設定の変更',
    approve: '付箋の承認',
    hide: '付箋の非表示',
    delete: 'ボードの削除',
    export: '書き出し',
    snapshot: 'スナップショット',
    restore: 'スナップショットから復元',
    group: '自動分類',
    extend: '保存期間の延長',
  },
  roles: { facilitator: '進行役', participant: '参加者', viewer: '閲覧者', server: 'サーバー（自動）' },
  session: {
    passcode: '参加コードあり（参加者は入力して参加します）',
    endsAt: '参加者の受付は {{time}} に終了します',
    ended: '参加者の受付は終了しました（{{time}}）',
    end: '参加者の受付を終了する',
    confirm: '参加者の受付を今すぐ終了しますか？参加者は閲覧のみになります。',
    failed: '受付を終了できませんでした：{{message}}',
  },
  retention: {
    until: '変更がないまま {{date}} を過ぎると、このボードは削除されます',
    extend: '保存期間を延長',
    extended: '{{date}} まで延長しました',
    failed: '延長できませんでした：{{message}}',
    once: '延長は保存期間ごとに1回までです。すでに延長されています。',
  },
};

const en: typeof ja = {
  title: 'Activity log',
  show: 'Show the log',
  refresh: 'Refresh',
  empty: 'Nothing recorded yet',
  failed: 'Could not load the log: {{message}}',
  when: 'When',
  action: 'Action',
  who: 'Who',
  detail: 'Detail',
  actions: {
    lock: 'Lock',
    unlock: 'Unlock',
    rotate: 'New links',
    settings: 'Settings changed',
    approve: 'Note approved',
    hide: 'Note hidden',
    delete: 'Board deleted',
    export: 'Export',
    snapshot: 'Snapshot',
    restore: 'Restored from snapshot',
    group: 'Auto-group',
    extend: 'Kept longer',
  },
  roles: { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer', server: 'Server (automatic)' },
  session: {
    passcode: 'Passcode set (participants type it to join)',
    endsAt: 'The session ends for participants at {{time}}',
    ended: 'The session has ended for participants ({{time}})',
    end: 'End the session for participants',
    confirm: 'End the session for participants now? They will only be able to read.',
    failed: 'Could not end the session: {{message}}',
  },
  retention: {
    until: 'Left unchanged past {{date}}, this board is deleted',
    extend: 'Keep it longer',
    extended: 'Kept until {{date}}',
    failed: 'Could not extend: {{message}}',
    once: 'It can be extended once per period, and already was.',
  },
};

i18n.addResourceBundle('ja', 'translation', { audit: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { audit: en }, true, false);
