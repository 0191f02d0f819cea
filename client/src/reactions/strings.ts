import i18n from '../i18n';

/** Strings of the stamps on notes (issue 24), under `reactions.`. */
const ja = {
  agree: '同感',
  insight: 'なるほど',
  question: '質問',
  group: 'スタンプ',
  give: '「{{stamp}}」を押す（{{count}}）',
  takeBack: '「{{stamp}}」を取り消す（{{count}}）',
  count: '{{stamp}} {{count}}',
};

const en: typeof ja = {
  agree: 'Agree',
  insight: 'Insight',
  question: 'Question',
  group: 'Stamps',
  give: 'Give “{{stamp}}” ({{count}})',
  takeBack: 'Take back “{{stamp}}” ({{count}})',
  count: '{{stamp}} {{count}}',
};

i18n.addResourceBundle('ja', 'translation', { reactions: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { reactions: en }, true, false);
