import i18n from '../i18n';

/** Strings of private writing (issue 24, 個人ワーク), under `private.`. */
const ja = {
  mark: '自分だけに表示',
  markHint: 'この付箋はまだあなたにしか見えません。公開すると全員に見えます。',
  share: '公開する',
  shared: '{{count}}枚を公開しました',
  failed: '公開できませんでした：{{message}}',
  writing: '個人ワーク中：新しい付箋はあなたにだけ見えます。',
  title: '個人ワーク（自分だけに表示）',
  toggle: '新しい付箋を本人にだけ表示する',
  hint: 'オンの間、参加者の新しい付箋は本人の端末にだけ届きます（サーバーが他の人・投影画面・書き出しに出しません）。オフにしても公開はされません。',
  total: '非公開の付箋 {{count}}枚',
  none: '非公開の付箋はありません',
  person: '{{name}}：{{count}}枚',
  anonymousPerson: '参加者{{n}}：{{count}}枚',
  group: 'グループ{{group}}：{{count}}枚',
  noGroup: 'グループなし：{{count}}枚',
  revealAll: 'すべて公開する',
  revealGroup: 'グループ{{group}}を公開',
  revealed: '{{count}}枚を公開しました',
  refresh: '更新',
};

const en: typeof ja = {
  mark: 'Only visible to you',
  markHint: 'Only you can see this note so far. Share it to show it to everyone.',
  share: 'Share',
  shared: 'Shared {{count}} notes',
  failed: 'Could not share: {{message}}',
  writing: 'Private writing: your new notes are visible only to you.',
  title: 'Private writing',
  toggle: "Show participants' new notes only to their authors",
  hint: "While this is on, a participant's new notes reach only their own devices (the server keeps them from everyone else, the projector and exports). Turning it off shares nothing.",
  total: '{{count}} private notes',
  none: 'No private notes',
  person: '{{name}}: {{count}}',
  anonymousPerson: 'Participant {{n}}: {{count}}',
  group: 'Group {{group}}: {{count}}',
  noGroup: 'No group: {{count}}',
  revealAll: 'Reveal all',
  revealGroup: 'Reveal group {{group}}',
  revealed: 'Revealed {{count}} notes',
  refresh: 'Refresh',
};

i18n.addResourceBundle('ja', 'translation', { private: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { private: en }, true, false);
