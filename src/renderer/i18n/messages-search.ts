/**
 * UI text of how results show what matched (issue 21): title-only hits,
 * text a series repeats in most issues, and items folded from other weeks.
 * English here is the source of the keys; the Chinese table is typed by it.
 */
export const searchEn = {
  titleOnlyHit: 'The title matches; preview',
  boilerplateHit: 'Repeated in most issues',
  alsoInWeeks: 'also in {count} more weeks',
  alsoInWeeks_one: 'also in 1 more week',
  alsoInList: 'The same item in other weeks',
  openRepeat: 'Open {title} at this item',
  boilerplateHidden: 'Text this series repeats in most issues is dimmed',
  boilerplateShow: 'Show it',
  boilerplateHide: 'Hide it',
  exportFoldRepeats: 'Keep one of each item repeated over several weeks',
};

export type SearchMessages = typeof searchEn;

export const searchZhCN: SearchMessages = {
  titleOnlyHit: '标题匹配；预览',
  boilerplateHit: '多数期都重复的内容',
  alsoInWeeks: '另见于 {count} 期',
  alsoInWeeks_one: '另见于 1 期',
  alsoInList: '其他各期中的同一条目',
  openRepeat: '打开 {title} 中的这一条',
  boilerplateHidden: '本系列多数期都重复的内容已变淡',
  boilerplateShow: '显示',
  boilerplateHide: '隐藏',
  exportFoldRepeats: '多期重复出现的条目只保留一处',
};
