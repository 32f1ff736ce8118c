import JobModel

extension IndustryClassifier {
    /// The industry a Japanese or Chinese description gives its employer in a sentence about itself
    /// ("当社は…通信事業者です", "我们是一家物流公司"): words run together there, so sector words are
    /// found anywhere in the sentence. Only the first three such sentences count.
    public static func industry(fromCJKAbout text: String) -> Industry? {
        // Splitting a long description into sentences of Characters costs far more than the rest of
        // its normalising; a description that cannot hold a self word needs none of it.
        guard mayHoldSelfWord(text) else { return nil }
        var checked = 0
        for sentence in text.split(whereSeparator: { $0 == "。" || $0 == "\n" || $0 == "！" }) {
            guard selfWords.contains(where: sentence.contains) else { continue }
            for (industry, words) in cjkSectorWords where words.contains(where: sentence.contains) { return industry }
            checked += 1
            if checked == 3 { break }
        }
        return nil
    }

    /// False when no part of the text can equal one of `selfWords`, read from its UTF-8.
    ///
    /// A run of Characters equal to a self word is, Character for Character, one scalar canonically
    /// equivalent to the word's: the word's own scalar, or a CJK compatibility ideograph that
    /// decomposes to it (U+F900–U+FAFF, U+2F800–U+2FA1F). So a text with neither the bytes of a self
    /// word nor such an ideograph holds none; every other text goes through the sentences as before.
    static func mayHoldSelfWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            // Every self word's scalars, and the ideographs, are at U+3000 or above (lead byte E3 or more).
            var index = UTF8Scan.firstLeadOfThreeOrMore(bytes, from: 0)
            while index < count {
                let lead = bytes[index]
                if lead >= 0xE3 {
                    if index + 1 < count {
                        let second = bytes[index + 1]
                        if lead == 0xEF && (0xA4...0xAB).contains(second) { return true }
                        if lead == 0xF0 && second == 0xAF && index + 2 < count && (0xA0...0xA8).contains(bytes[index + 2]) {
                            return true
                        }
                    }
                    for word in selfWordBytes where word[0] == lead && index + word.count <= count {
                        var offset = 1
                        while offset < word.count && bytes[index + offset] == word[offset] { offset += 1 }
                        if offset == word.count { return true }
                    }
                }
                index = UTF8Scan.firstLeadOfThreeOrMore(bytes, from: index + 1)
            }
            return false
        }
    }

    /// "We", "our company" in Japanese and Chinese.
    static let selfWords = ["当社", "弊社", "私たち", "我们", "本公司", "我司"]

    private static let selfWordBytes: [[UInt8]] = selfWords.map { Array($0.utf8) }

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
