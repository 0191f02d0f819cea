import i18n from '../i18n';

/** Strings of bringing notes in (issue 25: paper notes typed up, a sheet from an earlier session), under `import.`. */
const ja = {
  title: '付箋の取り込み',
  paste: '貼り付け（1行に1枚）',
  pastePlaceholder: '例：\n断らない相談支援が印象に残った\n参加支援の範囲がわからなかった',
  group: 'グループ',
  column: '欄',
  noGroup: 'グループなし（ボードの右側）',
  firstColumn: 'グループの最初の欄',
  preview: 'プレビュー：{{count}}枚',
  tooLong: '{{count}}文字（500文字まで）',
  importPasted: '{{count}}枚を取り込む',
  importNothing: '取り込む',
  file: 'CSV・Excelファイルから取り込む',
  fileHint: '1行目に見出し：本文（必須）、グループ、欄、記入者、色。CSVはUTF-8・Shift_JISどちらでも読めます。',
  done: '{{count}}枚取り込みました',
  failed: '取り込めませんでした（何も追加していません）：{{message}}',
  notCsv: 'CSV（.csv）かExcel（.xlsx）のファイルを選んでください',
};

const en: typeof ja = {
  title: 'Bring notes in',
  paste: 'Paste (one note per line)',
  pastePlaceholder: 'e.g.\nThe idea of consultation that turns nobody away\nWhat participation support covers was unclear',
  group: 'Group',
  column: 'Column',
  noGroup: 'No group (right of the board)',
  firstColumn: "The group's first column",
  preview: 'Preview: {{count}} notes',
  tooLong: '{{count}} characters (500 at most)',
  importPasted: 'Add {{count}} notes',
  importNothing: 'Add',
  file: 'From a CSV or Excel file',
  fileHint: 'Headings in the first row: text (required), group, column, author, color. CSV may be UTF-8 or Shift_JIS.',
  done: '{{count}} notes added',
  failed: 'Nothing was added: {{message}}',
  notCsv: 'Choose a CSV (.csv) or Excel (.xlsx) file',
};

i18n.addResourceBundle('ja', 'translation', { import: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { import: en }, true, false);
