import { describe, expect, it } from 'vitest';
import { findPii, maskPii } from './pii';

describe('maskPii', () => {
  it('masks names with an honorific and keeps the honorific and the rest of the sentence', () => {
    expect(maskPii('田中さん宅の8050の相談')).toBe('〇〇さん宅の8050の相談');
    expect(maskPii('近所の佐藤様が見守っている')).toBe('近所の〇〇様が見守っている');
    expect(maskPii('ユウキくんが不登校')).toBe('〇〇くんが不登校');
    expect(maskPii('山田氏と鈴木ちゃん')).toBe('〇〇氏と〇〇ちゃん');
  });

  it('leaves roles, relations and groups with an honorific as they are', () => {
    for (const t of ['多様な生き方', '同様の意見', 'スタッフさんのほうが話しやすい', '学生さんたちが来る', '現場の主任さんやパートさん', '皆さん、ありがとうございました', '利用者さんの声', 'お母さんが介護している', '民生委員さんに相談', 'ご家族様の負担', '地域の皆様', '娘さんが同居']) {
      expect(maskPii(t)).toBe(t);
    }
  });

  it('masks phone numbers, e-mail addresses and postal codes, in half and full width', () => {
    expect(maskPii('連絡先 090-1234-5678 まで')).toBe('連絡先 〔電話番号〕 まで');
    expect(maskPii('０１４４－３２－５６７８に電話')).toBe('〔電話番号〕に電話');
    expect(maskPii('(0133)23-4567')).toBe('〔電話番号〕');
    expect(maskPii('メール taro.sato@example.jp へ')).toBe('メール 〔メール〕 へ');
    expect(maskPii('〒061-0234 当別町')).toBe('〔郵便番号〕 当別町');
  });

  it('masks street numbers and keeps the town', () => {
    expect(maskPii('当別町白樺3丁目4番5号の高齢者')).toBe('当別町白樺〔番地〕の高齢者');
    expect(maskPii('北1条西2丁目に住む')).toBe('〔番地〕に住む');
    expect(maskPii('末広町12-3の空き家')).toBe('末広町〔番地〕の空き家');
  });

  it('leaves a note with nothing personal unchanged, numbers and years included', () => {
    for (const t of ['2025年度の計画について', '8050問題が増えている', '参加者は15人中12人', '1人暮らしの高齢者が3割']) expect(maskPii(t)).toBe(t);
    expect(findPii('相談窓口がどこか分からない')).toEqual([]);
  });
});
