import { describe, expect, it } from 'vitest';
import { findPersonalInfo, personalInfoWarnings, type PiiKind } from './pii';

/**
 * The approval queue's warnings on notes as they are written in the hall (phones, IME, half and full
 * width): each row is a note and the kinds it must raise; an empty list means no warning at all.
 */
const TABLE: [string, PiiKind[]][] = [
  // A person described by age and family.
  ['80代の母と50代の息子の二人暮らし', ['family']],
  ['７０歳の父が認知症で徘徊がある', ['family']],
  ['90歳になる祖母を孫が介護している', ['family']],
  ['中学2年の娘が不登校', ['family']],
  ['80代の夫婦のみの世帯で買い物に困っている', ['family']],
  ['母（82歳）の通院の付き添いが大変', ['family']],
  ['40代前半の長男がひきこもり', ['family']],
  ['義母85歳、デイサービスを嫌がる', ['family']],
  // Names with an honorific, alone and with the rest.
  ['田中さん宅の8050の相談', ['name']],
  ['佐藤様から電話があった', ['name']],
  ['ユウキくんが学校に来ない', ['name']],
  ['山本氏の紹介で知った', ['name']],
  ['ミナちゃんのお母さんが悩んでいる', ['name']],
  ['鈴木さんの80代の母が入院', ['name', 'family']],
  // Phone numbers, e-mail, postal codes, addresses.
  ['連絡先 090-1234-5678', ['phone']],
  ['０１３３－２３－４５６７に電話ください', ['phone']],
  ['taro.sato@example.jp に資料を', ['email']],
  ['〒061-0234 当別町の空き家', ['postal']],
  ['当別町白樺3丁目4番5号の高齢者', ['address']],
  ['末広町12-3のお宅、080-9876-5432', ['phone', 'address']],
  // Roles, relations and groups the detector must leave alone.
  ['80代の方が多い地区', []],
  ['30代の職員が担当している', []],
  ['70代の民生委員さんが見守り', []],
  ['20代から80代の住民が参加', []],
  ['母子家庭への支援が足りない', []],
  ['5歳児健診で気づくことがある', []],
  ['8050問題が増えている', []],
  ['お母さんが介護している', []],
  ['利用者さんの声を聞く', []],
  ['ご家族様の負担が大きい', []],
  ['娘さんが同居している', []],
  ['地域の皆様のおかげ', []],
  ['民生委員さんに相談した', []],
  ['子育て世代の親の居場所', []],
  ['高齢者世帯の見守り', []],
  ['2025年度の計画について', []],
  ['参加者は15人中12人', []],
  ['10代の若者の居場所づくり', []],
  ['同様の意見が多かった', []],
];

describe('personal-information warnings for the approval queue', () => {
  it.each(TABLE)('%s → %j', (text, kinds) => {
    expect(personalInfoWarnings(text)).toEqual(kinds);
  });

  it('marks where the age and family sit, so the queue can highlight them', () => {
    const text = '80代の母と50代の息子の二人暮らし';
    const spans = findPersonalInfo(text).map((m) => text.slice(m.start, m.end));
    expect(spans).toEqual(['80代の母', '50代の息子']);
  });
});
