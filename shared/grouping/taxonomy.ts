import type { Taxonomy } from './types';

/**
 * The default taxonomy: the three supports of the 2020 Social Welfare Act amendment (重層的支援体制整備事業),
 * plus the fallback `unsorted` for notes about the law, the policy or the seminar's wording.
 * Seed terms were written from the labelling guide and the field's vocabulary (community welfare plans,
 * residents' meetings, case conferences), not from the dev notes; the synonym dictionary adds variants
 * (see build-lexicon.ts and data/synonyms.json).
 */
export const DEFAULT_TAXONOMY: Taxonomy = {
  fallback: 'unsorted',
  categories: [
    {
      id: 'consultation',
      label: { ja: '相談支援', en: 'Consultation' },
      description:
        'Consultation that turns no one away; finding people who cannot ask for help (outreach); accompanying support over time; coordinating a household among agencies; multi-agency collaboration and information sharing.',
      seedTerms: [
        // consultation itself
        '相談', '相談窓口', '総合相談', '包括的相談', '断らない', '断らない相談', 'たらい回し', 'ワンストップ',
        '相談先', '相談員', '相談支援', '相談できる', '相談しやすい', '窓口', '受け止め', '傾聴', '話を聴', '話を聞',
        '困りごと', '困り事', '困り感', '悩み', '生活課題', '心配ごと', '心配事', '抱え込', '一人で抱え', 'たらいまわし',
        '相談相手', '支援員', '生活保護', '成年後見', '権利擁護', '医療機関', 'サービスにつな', '支援につなが',
        // finding people (outreach)
        'アウトリーチ', '訪問', '家庭訪問', '戸別訪問', '出向', '掘り起こし', '早期発見', '早期対応', '早期支援',
        '発見', 'sos', '助けを求め', '声をあげられない', '声を上げられない', 'ニーズの把握', '実態把握', '潜在的',
        '支援が届かない', '支援につながらない', 'つながっていない', '繋がっていない', 'つながらない', '届いていない', '制度の狭間', '狭間', '8050', '7040', '9060', 'ひきこもり', 'ひきこも', '引きこもり', '引きこも',
        '引き籠もり', '引き籠', 'ヒキコモリ', 'ゴミ屋敷', 'ごみ屋敷', 'セルフネグレクト', '虐待', 'ネグレクト', 'dv', '生活困窮',
        '困窮', '貧困', '多重債務', '借金', 'ヤングケアラー', 'ダブルケア', '老老介護', '介護離職', '不登校', '自殺',
        '母子家庭', '父子家庭', 'ひとり親', '単独世帯', '孤独死', '障害', '障がい', '精神疾患', '認知症',
        '発達障害', '依存症',
        // accompanying over time
        '伴走', '伴走型', '伴走支援', '寄り添', 'つながり続け', '繋がり続け', 'つながりつづけ', '関わり続け',
        '継続的な支援', '継続支援', '長期的な支援', '見立て', 'アセスメント', '支援計画', '支援プラン',
        '本人の意思', '自己決定',
        // coordinating a household among agencies
        '多機関', '多機関協働', '協働', '連携', '関係機関', '他機関', '専門機関', '専門職', '専門家', '支援機関',
        '情報共有', '情報交換', '個人情報', 'コーディネート', 'コーディネーター', '調整', '役割分担',
        'チームアプローチ', 'チーム支援', 'ケース会議', '支援会議', '事例検討', '個別ケース', 'ケース',
        '世帯', '家族全体', '家庭全体', '複合的', '複合課題', '複合化', '多問題', '困難事例', '支援困難',
        '処遇困難', '介入', 'つなぐ', 'つなぎ', '繋ぐ', '橋渡し', '引き継ぎ', '包括支援センター',
        '地域包括', 'ケアマネ', '相談支援専門員', '社会福祉士', 'ソーシャルワーカー', 'ソーシャルワーク', '保健師',
        'スクールソーシャルワーカー', '支援者', '支援の手', '多職種',
        '機関同士', '横のつながり', '縦割りを超え', '顔の見える関係',
        // English
        'consultation', 'consult', 'advice', 'advise', 'someone to talk to', 'where to ask', 'one place', 'counselling', 'counseling', 'help desk', 'helpdesk', 'one-stop', 'outreach',
        'home visit', 'case', 'case conference', 'case management', 'case manager', 'caseworker', 'social worker',
        'social work', 'multi-agency', 'interagency', 'inter-agency', 'collaboration', 'coordination', 'coordinate',
        'referral', 'refer', 'accompany', 'accompanying support', 'information sharing', 'share information',
        'agency', 'agencies', 'professional', 'household', 'hikikomori', 'social withdrawal', 'abuse', 'neglect',
        'poverty', 'debt', 'young carer', 'dementia', 'disability', 'cannot ask for help', 'assessment',
        'turn no one away', 'turns no one away', 'early detection',
      ],
      weakTerms: [
        '支援体制', '介護', '子育て', '介護保険', '病院', '受診', 'つながり', '繋がり', '支える', '関わ', '関係機関', '行政', '家族', '家庭', '親子', '本人', '当事者', '個別',
        '困難', '限界', '手が足りな', '人手不足', '会議', '評価', '縦割り', '一人を', '1人の', 'support', 'family',
      ],
    },
    {
      id: 'participation',
      label: { ja: '参加支援', en: 'Participation' },
      description:
        "Restoring one person's connection to society: work experience and jobs, a place to belong and a role, housing, matching a person with local resources, opening existing services to people outside their category.",
      seedTerms: [
        '参加支援', '社会参加', '社会とのつながり', '社会との接点', '社会との関わり', '社会とのかかわり', '社会復帰', '復帰',
        // work
        '就労', '就労支援', '就労体験', '就労準備', '中間的就労', '就労継続', '就職', '就活', '仕事', '働く', '働ける',
        '働き', '働い', '雇用', '障害者雇用', '職場', '職場体験', '職業訓練', '職業', '求人', 'ハローワーク',
        'シルバー人材', 'アルバイト', 'パート', '働く場', '働き口', '職業体験', '資格', '手に職', '生活訓練', '作業所', '農福連携', '農作業', '実習', 'インターン', '収入', '工賃',
        // place to belong, role
        '居場所', '居場所づくり', '活躍', '活躍の場', '役割', '出番', '生きがい', '生き甲斐', 'やりがい', '得意',
        '特技', '自分らしく', '自信', '自己肯定', '日中活動', '日中の居場所', '過ごせる', '安心して過ごせ', 'フリースペース', '学習支援',
        '学び直し', '通える場',
        // housing
        '住まい', '住宅', '住居', '居住支援', '入居', '賃貸', 'アパート', '家探し', '保証人', 'シェアハウス',
        'グループホーム', '転居',
        // matching and opening services
        'マッチング', '受け入れ先', '受け皿', '受入れ', '受け入れ', '繋ぐ先', 'つなぐ先', 'つなげる先', '行き場',
        '行く場所', '行き先', '対象外', '制度の対象', '既存のサービス', '既存の資源', '柔軟に使', '柔軟な利用',
        '自立', '自立支援', '体験',
        // English
        'participation', 'employment', 'job', 'jobs', 'work experience', 'workplace', 'vocational', 'training for work',
        'housing', 'home', 'place to belong', 'a role', 'role', 'roles', 'belonging', 'matching', 'match',
        'social participation', 'reintegration', 'hire', 'hiring', 'employer', 'internship', 'sheltered work',
      ],
      weakTerms: ['外出', 'お手伝い', '場', '場所', '役目', '若者', '高齢者の', '障がい者の', '障害者の', '参加', 'place'],
    },
    {
      id: 'community',
      label: { ja: '地域づくり', en: 'Community building' },
      description:
        'Building the community as a whole: places where residents meet, residents watching over and supporting each other, volunteers and residents\u2019 own activities, finding and making visible local resources, platforms where diverse actors meet.',
      seedTerms: [
        '地域づくり', 'まちづくり', '町づくり', '街づくり', '地域住民', '住民', '住民参加', '住民主体', '住民同士',
        '住民活動', '地域活動', '自主活動', '近所', 'ご近所', '隣近所', '近隣', '隣人', 'お隣', '町内会', '自治会',
        '町内', '回覧板', '民生委員', '児童委員', '福祉委員', '見守り', '見守る', '見守', '声かけ', '声掛け',
        '声をかけ', '声を掛け', 'あいさつ', '挨拶', '気にかけ', '気に掛け', 'お互い', 'お互い様', '支え合い',
        '支えあい', '支え合う', '支えあう', '助け合い', '助けあい', '助け合う', '互助', '共助', '顔見知り',
        '顔なじみ', '交流', '世代間交流', '多世代', '異世代', '集い', '集いの場', '集まる', '集まり', '集える',
        'サロン', 'ふれあいサロン', 'カフェ', '認知症カフェ', 'オレンジカフェ', 'コミュニティカフェ', '子ども食堂',
        'こども食堂', '子供食堂', '食堂', '祭り', 'まつり', 'お祭り', 'イベント', '行事', '運動会', '広場',
        'ふれあい', '公民館', '集会所', '集会場', 'コミュニティ', 'ボランティア', '有償ボランティア', '担い手',
        '後継者', '支え手', '地域資源', '資源の発掘', '資源を発掘', '見える化', '情報発信', '広報', '周知',
        'つたえ', '伝え', 'プラットフォーム', '拠点', '地域の拠点', '学生', '大学生', '若い世代', 'なり手', '役員',
        '企業', '商店', '商店街', 'お店', '地元', '防災', '避難', '災害', '防犯', '雪かき', '除雪', 'ゴミ出し',
        'ごみ出し', '買い物支援', '移動支援', '配食', '食事', 'インフォーマル', '関係性', '距離感',
        '地域のつながり', '地域との繋がり', '地域とのつながり', '孤立', '孤独', '居心地',
        '参加しやすい', '気軽に', 'なじめ', 'なじむ', '馴染', '溶け込', '誰でも', '立ち寄れる', '老人クラブ', '高齢者クラブ', '子ども会', 'pta', '体操',
        '百歳体操', '介護予防', '健康づくり', '清掃活動', '花壇', '趣味', 'サークル', '活動を', '福祉まつり',
        '住民の', '地域の人', '地域の方', '近所の人', '地域で支え', '地域で見守', '隣同士', '助けてもら',
        '人と人', '関係づくり', 'お茶会', '茶話会', '会食', 'ランチ会',
        '希薄', '疎遠', '付き合い', 'つきあい', '近所付き合い', '顔を合わせ', '清掃', '草刈り', '花植え', '見回り',
        'パトロール', '通学路', '登下校', '集落', '地域福祉', 'お茶飲み', 'お茶のみ', '茶の間', '寄り合い', 'たまり場',
        '溜まり場', '協力し合', '地域ぐるみ', '地域全体で', '子育てサロン', '育児サークル',
        // English
        'community', 'neighbour', 'neighbor', 'neighbours', 'neighbors', 'neighbourhood', 'neighborhood', 'resident',
        'residents', 'volunteer', 'volunteers', 'volunteering', 'salon', 'cafe', 'café', 'festival', 'gathering',
        'get-together', 'mutual aid', 'mutual support', 'watch over', 'watching over', 'look out for', 'greet',
        'local resources', 'community centre', 'community center', 'civic', 'club', 'event', 'events',
        'community building', 'informal', 'town association', 'local shop', 'disaster', 'snow',
      ],
      weakTerms: ['高齢化', '過疎', '空き家', '買い物', '移動手段', '交通', 'みんなで', '世代', '地区', '一緒に', '地域', 'つながり', '繋がり', '関係', '参加', '場所', '活動', '社会資源', '社協', '社会福祉協議会', 'local'],
    },
    {
      id: 'unsorted',
      label: { ja: '未分類', en: 'Unsorted' },
      description: 'The law, the policy, the system design in general, or the seminar\u2019s wording: none of the three supports.',
      seedTerms: [
        '社会福祉法', '法改正', '法律', '改正', '重層的支援体制整備事業', '重層的支援体制', '重層的支援',
        '重層的な支援', '包括的な支援体制', '体制整備', '整備事業', '枠組み', '補助金', '交付金', '補助対象', '予算', '財源',
        '国の', '厚生労働省', '厚労省', '市町村', '自治体', '手挙げ', '地域共生社会', '人口減少',
        '理念', '概念', '定義', '用語', '言葉の意味', 'モデル事業', '政策', '施策', '計画',
        'セミナー', '講演', '講義', '資料', 'スライド',
        // English
        'law', 'act', 'amendment', 'policy', 'subsidy', 'budget', 'framework', 'ministry', 'seminar', 'lecture',
        'slides', 'definition',
      ],
      weakTerms: ['研修会', '説明会', '進め方', '全国', '先進地', '全体像', '仕組み', '制度', '事業', '体制', '考え方', 'イメージ', '具体的', '国', '町で', '新しい', 'system'],
    },
  ],
};
