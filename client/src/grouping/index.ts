export { GroupingCanvasContext, useGroupingCanvas, type GroupingCanvasApi } from './context';
export { GroupingRegions } from './GroupingRegions';
export { GroupingTools } from './GroupingTools';
export { CategoryWhy } from './CategoryWhy';
export { CategoryBadge } from './CategoryBadge';
export { useGrouping, useCategoryView, GLIDE_MAX_NOTES } from './useGrouping';
export { useGlide } from './useGlide';
