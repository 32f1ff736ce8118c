import JobModel

/// Pay read from a phrase: amounts as written, with how sure the period is.
public struct ParsedSalary: Sendable, Equatable {
    public var stated: StatedPay
    /// True when the phrase named no period and it was inferred from the amount.
    public var periodInferred: Bool
}

/// Reads pay out of text: "$120K–$150K", "£45,000 per annum", "月給 283,333円", "от 150 000 руб.".
///
/// Refuses figures that are not pay (401(k), funding rounds, revenue, bonuses on their own),
/// orders a reversed range, and rejects amounts that are implausible for their period.
public enum SalaryParser {
    /// What the surrounding page tells about a phrase.
    public struct Context: Sendable, Equatable {
        /// The currency a bare "$" means: USD unless the posting's country says CAD, AUD, ….
        public var dollarCurrency: String
        /// The currency a bare "¥" means: JPY, or CNY on a Chinese page.
        public var yenCurrency: String
        /// When false, a figure with a period but no currency counts ("55 per hour"), in `dollarCurrency`.
        public var requireCurrency: Bool
        /// The currency of a range in thousands written with no currency ("25-40k", "2-3万"): CNY on a
        /// Chinese page, nil elsewhere.
        public var thousandsCurrency: String?

        public init(dollarCurrency: String = "USD", yenCurrency: String = "JPY", requireCurrency: Bool = true) {
            self.dollarCurrency = dollarCurrency
            self.yenCurrency = yenCurrency
            self.requireCurrency = requireCurrency
        }

        /// The context for a posting in a country (ISO 3166 alpha-2 or a common name).
        public static func forCountry(_ country: String?) -> Context {
            var context = Context()
            switch country?.uppercased() {
            case "CA", "CAN", "CANADA": context.dollarCurrency = "CAD"
            case "AU", "AUS", "AUSTRALIA": context.dollarCurrency = "AUD"
            case "NZ", "NZL", "NEW ZEALAND": context.dollarCurrency = "NZD"
            case "SG", "SGP", "SINGAPORE": context.dollarCurrency = "SGD"
            case "HK", "HKG", "HONG KONG": context.dollarCurrency = "HKD"
            case "MX", "MEX", "MEXICO": context.dollarCurrency = "MXN"
            case "CN", "CHN", "CHINA":
                context.yenCurrency = "CNY"
                context.thousandsCurrency = "CNY"
            default: break
            }
            return context
        }
    }

    /// The first pay figure in the text, or nil when it states none.
    public static func parse(_ text: String, context: Context = Context()) -> ParsedSalary? {
        let tokens = SalaryScanner.tokenize(text)
        var position = 0
        while position < tokens.count {
            if case .number = tokens[position], let (salary, end) = candidate(at: position, in: tokens, context: context) {
                if let salary { return salary }
                position = end
            }
            position += 1
        }
        return nil
    }

    /// Reads a candidate figure starting at the number at `start`.
    /// - Returns: the salary (nil when the candidate is refused) and the index of its last token.
    private static func candidate(
        at start: Int, in tokens: [SalaryToken], context: Context
    ) -> (ParsedSalary?, Int)? {
        guard case let .number(first, firstMultiplier) = tokens[start] else { return nil }
        var currency: String?? = nil  // .some(nil) is a bare "$"
        var lowerOnly = false
        var upperOnly = false
        var between = false
        var period: PayPeriod?
        var yenSeen = false

        // Look back: currency, qualifiers, a period word before the figure ("月給 283,333円").
        var back = start - 1
        var steps = 0
        while back >= 0 && steps < 4 {
            switch tokens[back] {
            case let .currency(code):
                if currency == nil { currency = .some(code) }
                if code == "JPY" { yenSeen = true }
            case .lowerBoundOnly: lowerOnly = true
            case .upperBoundOnly: upperOnly = true
            case .between: between = true
            case let .period(found): if period == nil { period = found }
            case .word(let word) where skippable.contains(word): break
            case .other: break
            default: steps = 4
            }
            back -= 1
            steps += 1
        }

        var end = start
        var second: Double?
        var secondMultiplier = SalaryToken.Multiplier.none
        var plus = false
        func currencyAt(_ index: Int) -> Bool {
            guard index < tokens.count, case let .currency(code) = tokens[index] else { return false }
            if currency == nil { currency = .some(code) }
            if code == "JPY" { yenSeen = true }
            return true
        }
        if currencyAt(end + 1) { end += 1 }
        if end + 1 < tokens.count, tokens[end + 1] == .plus {
            plus = true
            end += 1
            if currencyAt(end + 1) { end += 1 }
        }
        // A period on each bound: "$118,000.00/yr - $142,000.00/yr".
        if !plus, period == nil {
            var next = end + 1
            if next < tokens.count, tokens[next] == .word("/") || tokens[next] == .other { next += 1 }
            if next + 1 < tokens.count, case let .period(found) = tokens[next], tokens[next + 1] == .rangeSeparator {
                period = found
                end = next
            }
        }
        // A second bound: "- $150K", "to 150,000", "and €6,000", "до 200 000".
        if !plus, end + 1 < tokens.count {
            let joiner = tokens[end + 1]
            let joins = joiner == .rangeSeparator || joiner == .upperBoundOnly || (between && joiner == .and)
            if joins {
                var next = end + 2
                if currencyAt(next) { next += 1 }
                if next < tokens.count, case let .number(value, multiplier) = tokens[next] {
                    second = value
                    secondMultiplier = multiplier
                    end = next
                    if currencyAt(end + 1) { end += 1 }
                    if joiner == .upperBoundOnly { lowerOnly = false }
                }
            }
        }
        // "$120-150K": the second bound's multiplier applies to a bare first bound.
        var low = first
        if let second, firstMultiplier == .none, secondMultiplier != .none, first < 1000, second >= 1000 {
            low = first * (second / unscaled(second, secondMultiplier))
        }

        // A period after the figure: "per hour", "/yr", "brutto/Jahr".
        var ahead = end + 1
        steps = 0
        while ahead < tokens.count && steps < 4 && period == nil {
            switch tokens[ahead] {
            case let .period(found): period = found
            case .word(let word) where skippable.contains(word): break
            case .other, .word("/"): break
            default: steps = 4
            }
            ahead += 1
            steps += 1
        }

        // The nearer of a pay word ("salary") and a not-pay word ("bonus", "budget") decides.
        let window = contextWords(around: start, to: end, in: tokens)
        let payDistance = window.filter { payWords.contains($0.word) }.map(\.distance).min()
        let notPayDistance = window.filter { notPayWords.contains($0.word) }.map(\.distance).min()
        let hasPayWord = payDistance != nil
        if let notPayDistance, notPayDistance < (payDistance ?? .max) { return (nil, end) }
        if window.contains(where: { $0.word == "401k" }) { return (nil, end) }

        let lakhs = firstMultiplier == .lakh || secondMultiplier == .lakh || firstMultiplier == .crore
        // Lakhs and crores are counted in rupees: "12 LPA" names no currency but means INR.
        if currency == nil && lakhs { currency = .some("INR") }
        let resolvedCurrency: String
        switch currency {
        case .some(.some(let code)): resolvedCurrency = code == "JPY" && yenSeen ? context.yenCurrency : code
        case .some(.none): resolvedCurrency = context.dollarCurrency
        case .none:
            if let implied = impliedCurrency(firstMultiplier, secondMultiplier, second: second, context: context) {
                resolvedCurrency = implied
                break
            }
            guard !context.requireCurrency, period != nil || hasPayWord else { return (nil, end) }
            resolvedCurrency = context.dollarCurrency
        }

        var minimum: Double? = low
        var maximum: Double? = second ?? low
        if plus || (lowerOnly && second == nil) { maximum = nil }
        if upperOnly && second == nil { minimum = nil }
        if let lo = minimum, let hi = maximum, lo > hi { (minimum, maximum) = (hi, lo) }
        let amounts = [minimum, maximum].compactMap { $0 }
        guard !amounts.isEmpty, amounts.allSatisfy({ $0 > 0 }) else { return (nil, end) }

        let inferred = period == nil
        let resolvedPeriod = period ?? inferPeriod(amounts.max()!, currency: resolvedCurrency, lakhs: lakhs)
        let stated = StatedPay(min: minimum, max: maximum, currency: resolvedCurrency, period: resolvedPeriod)
        guard isPlausible(stated) else { return (nil, end) }
        return (ParsedSalary(stated: stated, periodInferred: inferred), end)
    }

    private static func unscaled(_ value: Double, _ multiplier: SalaryToken.Multiplier) -> Double {
        switch multiplier {
        case .none: value
        case .thousand: value / 1_000
        case .million: value / 1_000_000
        case .lakh: value / 100_000
        case .crore: value / 10_000_000
        case .tenThousand: value / 10_000
        }
    }

    /// Words up to six tokens before and four after the figure, within its sentence, with their
    /// distance in tokens from it.
    private static func contextWords(
        around start: Int, to end: Int, in tokens: [SalaryToken]
    ) -> [(word: String, distance: Int)] {
        var words: [(word: String, distance: Int)] = []
        var index = start - 1
        while index >= max(0, start - 6) {
            if tokens[index] == .boundary { break }
            if case let .word(word) = tokens[index] { words.append((word, start - index)) }
            index -= 1
        }
        index = end + 1
        while index < min(tokens.count, end + 5) {
            // "…per year, plus equity": what follows "plus" is on top of the pay, not the pay.
            if tokens[index] == .boundary || tokens[index] == .word("plus") || tokens[index] == .plus { break }
            if case let .word(word) = tokens[index] { words.append((word, index - end)) }
            index += 1
        }
        return words
    }

    /// The period a figure with none most likely has, judged by its size in US dollars.
    static func inferPeriod(_ amount: Double, currency: String, lakhs: Bool) -> PayPeriod {
        if lakhs { return .year }
        let usd = amount * (ApproximateRates.usdPerUnit[currency] ?? 1)
        if usd < 250 { return .hour }
        if usd < 15_000 { return .month }
        return .year
    }

    /// Annual pay between $1,500 and $3,000,000 (roughly, in USD); hourly rates below $1,500.
    static func isPlausible(_ pay: StatedPay) -> Bool {
        let rate = ApproximateRates.usdPerUnit[pay.currency] ?? 1
        let figures = [pay.min, pay.max].compactMap { $0 }
        for figure in figures {
            let usd = figure * rate
            if pay.period == .hour && usd > 1_500 { return false }
            let annual = usd * pay.period.perYear
            if annual < 1_500 || annual > 3_000_000 { return false }
        }
        return true
    }

    private static let skippable: Set<String> = [
        "gross", "brutto", "net", "netto", "base", "salary", "pay", "usd", "before", "tax", "taxes", "approx",
        "approximately", "about", "around", "ca", "c", "roughly", "total", "plus", "benefits", "avg", "average", "est",
        "estimated", "range", "rate", "the", "of", "is", "per", "une", "de", "la", "le", "zł", "lordo", "lordi",
        "brut", "bruts", "raw", "ctc", "fixed", "from", "you", "will", "earn", "salaire", "gehalt", "vergütung",
        "зарплата", "оплата", "annual", "hourly", "monthly", "yearly", "an", "a", "es", "der", "die", "het",
    ]

    static let payWords: Set<String> = [
        "salary", "salaries", "pay", "compensation", "wage", "wages", "rate", "remuneration", "earn",
        "earning", "ote", "gehalt", "salaire", "rémunération", "stipendio", "retribuzione", "зарплата", "оплата",
        "зп", "зарплата", "заробітна", "給", "薪", "收", "salario", "sueldo", "salaris", "loon", "range", "base",
        "hourly", "ctc",
    ]

    static let notPayWords: Set<String> = [
        "series", "funding", "raised", "raise", "revenue", "revenues", "valuation", "bonus", "bonuses", "equity",
        "stock", "rsu", "rsus", "fee", "fees", "tuition", "reimbursement", "relocation", "budget", "arr", "sales",
        "assets", "aum", "customers", "users", "investment", "invested", "grant", "grants", "award", "prize",
        "referral", "signing", "allowance", "stipend", "credit", "discount", "profit", "funded", "round", "donation",
        "contract", "loan", "cost", "costs", "spend", "market", "cap", "capital", "million", "billion",
        "bn", "mln", "mrd", "млн", "млрд",
    ]
}
