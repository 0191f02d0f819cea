/** One word as a morphological analyser gives it: the form in the note, its dictionary form and its part of speech. */
export interface Morpheme {
  surface: string;
  base: string;
  /** Part of speech, e.g. 名詞, 動詞, 助動詞 (IPA dictionary names). */
  pos: string;
  /** First sub-category, e.g. 自立, 非自立, 接尾, サ変接続. */
  pos1: string;
}

/** The analyser the classifier is given; the shared code never loads one itself. */
export type Analyse = (text: string) => Morpheme[];
