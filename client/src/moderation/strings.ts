import i18n from '../i18n';

/** Strings of approval before the projector (issue 24), under `moderation.`. */
const ja = {
  title: '投影前の承認',
  toggle: '承認してから投影する',
  hint: 'オンの間、参加者の新しい付箋は承認するまで投影画面（閲覧用リンク）に出ません。参加者には今まで通り見えます。',
  queue: '承認待ち（古い順）',
  queueCount: '承認待ち {{count}}件',
  empty: '承認待ちの付箋はありません',
  approve: '承認',
  hide: '非表示',
  edit: '編集',
  save: '保存',
  cancel: 'やめる',
  show: '表示する',
  hidden: '非表示にした付箋（{{count}}件）',
  group: 'グループ{{group}}',
  noGroup: 'グループなし',
  warning: '個人情報の可能性：{{kinds}}',
  kinds: {
    name: '氏名',
    family: '年代と続柄',
    phone: '電話番号',
    email: 'メールアドレス',
    postal: '郵便番号',
    address: '住所',
  },
  listSeparator: '・',
  failed: '操作できませんでした：{{message}}',
  pendingMine: '投影前の承認待ち',
};

const en: typeof ja = {
  title: 'Approval before the projector',
  toggle: 'Approve notes before they are projected',
  hint: "While this is on, participants' new notes appear on the projector (the viewer link) only once you approve them. Participants still see them as before.",
  queue: 'Waiting for approval (oldest first)',
  queueCount: '{{count}} waiting',
  empty: 'No notes are waiting for approval',
  approve: 'Approve',
  hide: 'Hide',
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  show: 'Show',
  hidden: 'Hidden notes ({{count}})',
  group: 'Group {{group}}',
  noGroup: 'No group',
  warning: 'May contain personal information: {{kinds}}',
  kinds: {
    name: 'a name',
    family: 'age and family',
    phone: 'a phone number',
    email: 'an e-mail address',
    postal: 'a postal code',
    address: 'an address',
  },
  listSeparator: ', ',
  failed: 'Could not do that: {{message}}',
  pendingMine: 'Awaiting approval to project',
};

i18n.addResourceBundle('ja', 'translation', { moderation: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { moderation: en }, true, false);
