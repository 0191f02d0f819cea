/**
 * Auto-grouping of sticky notes into the three supports (相談支援 / 参加支援 / 地域づくり) or unsorted,
 * with KJ法-style topic clusters and a board layout. Pure TypeScript: runs in Node and in the browser.
 */
export type {
  GroupingNote,
  GroupingResult,
  LabelledExample,
  LocalisedLabel,
  NoteClassification,
  Taxonomy,
  TaxonomyCategory,
  TopicCluster,
} from './types';
export { DEFAULT_TAXONOMY } from './taxonomy';
export { parseLexiconFile, mergeLexicon, LexiconError, type LexiconFile, type LexiconCategoryEntry } from './lexicon-file';
export { createModel, defaultModel, DEFAULT_PARAMS, type Model, type ModelOptions, type ModelParams } from './model';
export { groupNotes, type GroupOptions } from './group';
export { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './cluster';
export { layoutGroups, type GroupLayout, type LayoutNote, type LayoutOptions, type RegionRect, type ClusterRect, type NotePosition } from './layout';
export {
  applyAutoGroup,
  planAutoGroup,
  restoreOriginalLayout,
  showCategoryArrangement,
  readGroupingRegions,
  readGroupingReasons,
  META_KEYS,
  type AutoGroupPlan,
  type GroupingReason,
  type OriginalLayout,
} from './apply';
export {
  arrangeByCategory,
  categoryViewOf,
  needsReview,
  readArrangedByCategory,
  readTrayOrigin,
  ARRANGEMENT_KEYS,
  BY_CATEGORY,
  REVIEW_BELOW,
  TRAY,
  TRAY_WIDTH,
  type CategoryView,
  type TrayRect,
} from './arrangement';
export { confirmCategory, reviewQueue, type ReviewItem } from './review';
