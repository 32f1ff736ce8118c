import JobModel

extension IndustryClassifier {
    /// The industry a Japanese or Chinese description gives its employer in a sentence about itself
    /// ("当社は…通信事業者です", "我们是一家物流公司"): words run together there, so sector words are
    /// found anywhere in the sentence. Only the first three such sentences count.
    public static func industry(fromCJKAbout text: String) -> Industry? {
        var checked = 0
        for sentence in text.split(whereSeparator: { $0 == "。" || $0 == "\n" || $0 == "！" }) {
            guard selfWords.contains(where: sentence.contains) else { continue }
            for (industry, words) in cjkSectorWords where words.contains(where: sentence.contains) { return industry }
            checked += 1
            if checked == 3 { break }
        }
        return nil
    }

    /// "We", "our company" in Japanese and Chinese.
    static let selfWords = ["当社", "弊社", "私たち", "我们", "本公司", "我司"]

    static let cjkSectorWords: [(Industry, [String])] = [
        (.telecommunications, ["通信事業", "通信サービス", "携帯電話", "光回線", "电信", "通信运营"]),
        (.realEstate, ["不動産", "房地产"]),
        (.transportation, ["物流", "運輸", "运输", "航空会社", "鉄道"]),
        (.finance, ["銀行", "保険", "証券", "银行", "保险", "证券"]),
        (.healthcare, ["病院", "医療", "医院", "医疗"]),
        (.retail, ["小売", "スーパー", "零售", "超市", "百貨店"]),
        (.manufacturing, ["メーカー", "製造", "制造"]),
        (.energy, ["電力", "エネルギー", "电力", "能源"]),
        (.education, ["教育", "学校"]),
        (.technology, ["ソフトウェア", "SaaS", "软件", "互联网"]),
    ]
}
