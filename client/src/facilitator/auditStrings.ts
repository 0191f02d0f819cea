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
    delete: 'ボードの削除',
    export: '書き出し',
    snapshot: 'スナップショット',
    restore: 'スナップショットから復元',
    group: '自動分類',
  },
  roles: { facilitator: '進行役', participant: '参加者', viewer: '閲覧者', server: 'サーバー（自動）' },
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
    delete: 'Board deleted',
    export: 'Export',
    snapshot: 'Snapshot',
    restore: 'Restored from snapshot',
    group: 'Auto-group',
  },
  roles: { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer', server: 'Server (automatic)' },
};

i18n.addResourceBundle('ja', 'translation', { audit: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { audit: en }, true, false);
