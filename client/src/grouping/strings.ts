import i18n from '../i18n';

/**
 * Strings of the auto-grouping screens, under `grouping.` in their own bundle so these screens do not
 * edit the shared language files. Region titles always show Japanese with an English subtitle (the
 * projected board is read by advisers of both languages); these are the labels around them.
 */
const ja = {
  autoGroup: '自動分類',
  autoGroupHint: '付箋を3つの支援（相談・参加・地域づくり）に分けて並べます。全員の画面に反映され、「元に戻す」1回で戻せます。',
  grouping: '分類中…',
  grouped: '{{count}}枚の付箋を分類しました',
  restore: '元の配置に戻す',
  restoreHint: '全員の画面をワークシートの配置に戻します（分類はそのまま残ります）',
  restored: '元の配置に戻しました',
  showCategories: '分類の配置を表示',
  showCategoriesHint: '最後の自動分類の配置を全員の画面にもう一度表示します',
  shownCategories: '分類の配置を表示しました',
  groupedReview: '{{count}}枚の付箋を分類しました（{{review}}枚は要確認）',
  tray: { title: '要確認', hint: '分類を確かめて、領域へ動かしてください' },
  category: '分類',
  categoryHint: '選んだ付箋の分類を手で決めます。手で決めた分類は自動分類で上書きされません。',
  categoryMixed: '（いろいろ）',
  categorySet: '{{count}}枚を「{{category}}」にしました',
  failed: '分類できませんでした：{{message}}',
  groupedHere: 'サーバーに届かないため、この端末で分類しました',
  reviewOpen: '要確認 {{count}}',
  reviewOpenHint: '要確認の付箋を一覧で確かめ、キー1つで分類します',
  review: {
    keys: '付箋を選んで 1 相談支援・2 参加支援・3 地域づくり・0 未分類、Enter で提案どおり。次の付箋へ進みます。',
    item: '{{text}}。提案：{{category}}（確信度 {{percent}}%）',
    proposal: '提案：{{category}} {{percent}}%',
    done: '要確認の付箋はありません',
    corrections: '手で決めた分類をダウンロード（学習用 .jsonl）',
  },
  short: { consultation: '相談支援', participation: '参加支援', community: '地域づくり', unsorted: '未分類' },
  why: {
    title: '分類の理由',
    auto: '自動分類',
    manual: '進行役が手で分類しました',
    confidence: '確信度 {{percent}}%',
    reasons: '決め手',
    topic: '話題',
    none: '理由の記録はありません',
    close: '閉じる',
  },
};

const en: typeof ja = {
  autoGroup: 'Auto-group',
  autoGroupHint: 'Sorts the notes into the three supports (consultation, participation, community) and lays them out. Everyone sees it; one Undo takes it back.',
  grouping: 'Grouping…',
  grouped: 'Grouped {{count}} notes',
  restore: 'Back to original layout',
  restoreHint: 'Shows everyone the worksheet layout again (categories stay)',
  restored: 'Back to the original layout',
  showCategories: 'Show the category layout',
  showCategoriesHint: 'Shows the last auto-group layout on everyone’s screen again',
  shownCategories: 'Showing the category layout',
  groupedReview: 'Grouped {{count}} notes ({{review}} to review)',
  tray: { title: 'To review', hint: 'Check the category and drag the note into a region' },
  category: 'Category',
  categoryHint: 'Set the category of the selected notes by hand. Auto-group never overwrites a category set by hand.',
  categoryMixed: '(mixed)',
  categorySet: 'Set {{count}} notes to "{{category}}"',
  failed: 'Could not group: {{message}}',
  groupedHere: 'The server could not be reached, so the notes were grouped on this device',
  reviewOpen: 'To review {{count}}',
  reviewOpenHint: 'Check the notes to review in a list and sort each with one key',
  review: {
    keys: 'On a note press 1 Consultation, 2 Participation, 3 Community, 0 Unsorted, or Enter for the proposal; the next note follows.',
    item: '{{text}}. Proposed: {{category}} ({{percent}}% confident)',
    proposal: 'Proposed: {{category}} {{percent}}%',
    done: 'No notes to review',
    corrections: 'Download the categories set by hand (.jsonl for training)',
  },
  short: { consultation: 'Consultation', participation: 'Participation', community: 'Community', unsorted: 'Unsorted' },
  why: {
    title: 'Why this category',
    auto: 'Auto-grouped',
    manual: 'Set by the facilitator',
    confidence: 'Confidence {{percent}}%',
    reasons: 'Because of',
    topic: 'Topic',
    none: 'No reasons recorded',
    close: 'Close',
  },
};

i18n.addResourceBundle('ja', 'translation', { grouping: ja }, true, false);
i18n.addResourceBundle('en', 'translation', { grouping: en }, true, false);
