import i18n from 'i18next';

/** The export menu's words, added to the app's i18next resources without touching the shared files. */
const ja = {
  open: '書き出し',
  title: '書き出し・スナップショット',
  pictures: '画像（PNG・印刷用の解像度）',
  wholeBoard: 'ボード全体',
  group: 'グループ',
  section: '欄',
  report: '報告書',
  pdf: 'PDF（A3横・表紙つき）',
  docx: 'Word（編集できる報告書）',
  tables: '表・データ（付箋記入記録）',
  mask: '個人情報を伏せる（電話番号・メール・住所・「〇〇さん」などの氏名。PDFと表に適用し、記入者名は出しません）',
  csv: 'CSV',
  xlsx: 'Excel',
  md: 'Markdown',
  json: 'JSON',
  busy: '作成中…',
  done: '{{file}} を保存しました',
  empty: '描くものがありません',
  failed: '書き出せませんでした：{{message}}',
  close: '閉じる',
  snapshots: 'スナップショット',
  snapshotName: 'スナップショット名',
  snapshotPlaceholder: '例：討議①のあと',
  save: '保存',
  saved: '「{{name}}」を保存しました',
  noSnapshots: 'まだありません。議題の終了時にも自動で保存されます。',
  view: '表示',
  restore: '新しいボードに復元',
  restored: '復元したボードができました',
  openRestored: '新しいボードを開く（進行役）',
  readOnly: '閲覧のみ（スナップショット）',
  downloadPng: 'PNGで保存',
};

const en: typeof ja = {
  open: 'Export',
  title: 'Export and snapshots',
  pictures: 'Pictures (PNG, print resolution)',
  wholeBoard: 'Whole board',
  group: 'Group',
  section: 'Column',
  report: 'Report',
  pdf: 'PDF (A3 landscape, with cover)',
  docx: 'Word (an editable report)',
  tables: 'Tables and data (note record)',
  mask: 'Mask personal information (phone numbers, e-mail, addresses, names like “Tanaka-san”; in the PDF and tables, with no author names)',
  csv: 'CSV',
  xlsx: 'Excel',
  md: 'Markdown',
  json: 'JSON',
  busy: 'Working…',
  done: 'Saved {{file}}',
  empty: 'Nothing to draw here',
  failed: 'Could not export: {{message}}',
  close: 'Close',
  snapshots: 'Snapshots',
  snapshotName: 'Snapshot name',
  snapshotPlaceholder: 'e.g. after discussion ①',
  save: 'Save',
  saved: 'Saved "{{name}}"',
  noSnapshots: 'None yet. One is also saved when an agenda phase ends.',
  view: 'View',
  restore: 'Restore as a new board',
  restored: 'The restored board is ready',
  openRestored: 'Open the new board (facilitator)',
  readOnly: 'Read-only (snapshot)',
  downloadPng: 'Save as PNG',
};

let added = false;

/** Idempotent; called before the menu first renders. */
export function addExportTexts(): void {
  if (added) return;
  added = true;
  i18n.addResourceBundle('ja', 'translation', { export: ja }, true, false);
  i18n.addResourceBundle('en', 'translation', { export: en }, true, false);
}
