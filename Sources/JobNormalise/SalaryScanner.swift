import JobModel

/// Turns text into salary tokens in one pass over its Unicode scalars, without regular expressions.
struct SalaryScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private(set) var tokens: [SalaryToken] = []

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func tokenize(_ text: String) -> [SalaryToken] {
        var scanner = SalaryScanner(text)
        scanner.run()
        return Self.joinPhrases(scanner.tokens)
    }

    private mutating func run() {
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                scanNumber()
            } else if let code = Self.symbolCurrencies[scalar] {
                index += 1
                tokens.append(.currency(code))
            } else if scalar == "$" {
                index += 1
                tokens.append(.currency(nil))
            } else if Self.isIdeograph(scalar) {
                tokens.append(.word(String(scalar)))
                index += 1
            } else if scalar.properties.isAlphabetic {
                scanWord()
            } else {
                scanPunctuation(scalar)
            }
        }
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    private static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
            || (0xFF00...0xFF0F).contains(scalar.value)
    }

    /// Reads digits with thousands separators and a decimal part, then a k/M/L suffix.
    private mutating func scanNumber() {
        var digitGroups: [String] = []  // digits between separators
        var separators: [Unicode.Scalar] = []
        var current = ""
        while let scalar = peek() {
            if isDigit(scalar) {
                current.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let isSeparator = scalar == "," || scalar == "." || scalar == "'" || scalar == "’" || Self.isSpace(scalar)
            guard isSeparator, let next = peek(1), isDigit(next) else { break }
            if Self.isSpace(scalar) {
                // A space groups thousands only before exactly three digits: "150 000", not "5 10".
                let run = (1...4).map { peek($0) }
                let threeDigits = run[0...2].allSatisfy { $0.map(isDigit) ?? false }
                let thenStop = run[3].map { !isDigit($0) } ?? true
                guard threeDigits && thenStop && separators.allSatisfy(Self.isSpace) else { break }
            }
            digitGroups.append(current)
            separators.append(scalar)
            current = ""
            index += 1
        }
        digitGroups.append(current)
        var value = Self.interpret(groups: digitGroups, separators: separators)
        let multiplier = scanMultiplier()
        switch multiplier {
        case .none: break
        case .thousand: value *= 1_000
        case .million: value *= 1_000_000
        case .lakh: value *= 100_000
        case .crore: value *= 10_000_000
        case .tenThousand: value *= 10_000
        }
        tokens.append(.number(value, multiplier))
        if peek() == "+" {
            index += 1
            tokens.append(.plus)
        }
    }

    /// Decides which separators group thousands and which one marks decimals.
    static func interpret(groups: [String], separators: [Unicode.Scalar]) -> Double {
        guard !separators.isEmpty else { return Double(groups[0]) ?? 0 }
        var decimalIndex: Int?
        let last = separators[separators.count - 1]
        let lastGroup = groups[groups.count - 1]
        let distinct = Set(separators.map { $0 })
        if distinct.count > 1 {
            // "1,234.56" or "1.234,56": the last, different separator is the decimal mark.
            if last == "," || last == "." { decimalIndex = separators.count - 1 }
        } else if (last == "." || last == ",") && lastGroup.count != 3 {
            // "48.50", "4,5": not a thousands group.
            decimalIndex = separators.count - 1
        } else if (last == "." || last == ",") && separators.count == 1 && groups[0] == "0" {
            decimalIndex = 0
        }
        var integer = ""
        var fraction = ""
        for (position, group) in groups.enumerated() {
            if let decimalIndex, position > decimalIndex {
                fraction += group
            } else {
                integer += group
            }
        }
        return Double(fraction.isEmpty ? integer : "\(integer).\(fraction)") ?? 0
    }

    private mutating func scanMultiplier() -> SalaryToken.Multiplier {
        var offset = 0
        if let scalar = peek(), Self.isSpace(scalar) { offset = 1 }
        guard let first = peek(offset) else { return .none }
        // Reads an ASCII word starting at `offset`, to check suffix words like "lakh" or "mn".
        var word = ""
        var end = offset
        while let scalar = peek(end), scalar.isASCII, scalar.properties.isAlphabetic {
            word.unicodeScalars.append(scalar)
            end += 1
        }
        let lower = word.lowercased()
        func take(_ multiplier: SalaryToken.Multiplier, length: Int) -> SalaryToken.Multiplier {
            index += offset + length
            return multiplier
        }
        switch lower {
        case "k", "tsd": return take(.thousand, length: word.count)
        case "m", "mn", "mm", "million", "millions": return take(.million, length: word.count)
        case "l", "lakh", "lakhs", "lac", "lacs": return take(.lakh, length: word.count)
        case "lpa":
            // "12 LPA": lakhs per annum; the "PA" is read as the period by `scanWord`.
            index += offset + 1
            pendingLPA = true
            return .lakh
        case "cr", "crore", "crores": return take(.crore, length: word.count)
        default: break
        }
        if first == "万" { return take(.tenThousand, length: 1) }
        if first == "千" { return take(.thousand, length: 1) }
        return .none
    }

    private var pendingLPA = false

    private mutating func scanWord() {
        if pendingLPA {
            // The "PA" of "LPA" reads as "per annum".
            pendingLPA = false
            var consumed = 0
            while let scalar = peek(), scalar.properties.isAlphabetic, consumed < 2 {
                index += 1
                consumed += 1
            }
            tokens.append(.period(.year))
            return
        }
        var word = ""
        while let scalar = peek(), scalar.properties.isAlphabetic || scalar == "'" || scalar == "’" {
            if Self.isIdeograph(scalar) { break }
            word.unicodeScalars.append(scalar)
            index += 1
            // Keeps one-letter abbreviations whole: "p.a.", "p.h.".
            if word.unicodeScalars.count == 1 || word.hasSuffix("."), peek() == ".",
                let next = peek(1), next.properties.isAlphabetic, !Self.isIdeograph(next)
            {
                word.unicodeScalars.append(".")
                index += 1
            }
        }
        // "US$", "CA$", "A$", "R$": letters glued to a dollar sign.
        if peek() == "$", let code = Self.dollarPrefixes[word.uppercased()] {
            index += 1
            tokens.append(.currency(code))
            return
        }
        let lower = word.lowercased()
        if let code = Self.currencyWords[lower] ?? (word == word.uppercased() ? Self.isoCodes[word] : nil) {
            tokens.append(.currency(code))
            if peek() == "." { index += 1 }  // "руб." "Rs."
            return
        }
        tokens.append(.word(lower))
    }

    private mutating func scanPunctuation(_ scalar: Unicode.Scalar) {
        index += 1
        switch scalar {
        case "-", "–", "—", "~", "〜", "～", "‒", "−":
            tokens.append(.rangeSeparator)
        case "/":
            tokens.append(.word("/"))
        case "(" where peek() == "k" || peek() == "K":
            // 401(k) is a retirement plan, never pay.
            tokens.append(.word("401k"))
            index += 1
            if peek() == ")" { index += 1 }
        case "+":
            tokens.append(.word("+"))
        case ".", ";", "|", "\n", "!", "?", "•", "·":
            if scalar == ".", let next = peek(), !(Self.isSpace(next) || next == "\n") {
                tokens.append(.other)
            } else {
                tokens.append(.boundary)
            }
        case "@":
            tokens.append(.word("@"))
        default:
            if Self.isSpace(scalar) || scalar == "\t" || scalar == "\r" { return }
            tokens.append(.other)
        }
    }

    static let symbolCurrencies: [Unicode.Scalar: String] = [
        "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₴": "UAH", "₩": "KRW", "₪": "ILS", "円": "JPY",
        "元": "CNY", "¥": "JPY", "￥": "JPY", "₺": "TRY", "₱": "PHP", "₫": "VND", "₦": "NGN", "฿": "THB",
    ]

    static let dollarPrefixes: [String: String] = [
        "US": "USD", "CA": "CAD", "C": "CAD", "CAN": "CAD", "A": "AUD", "AU": "AUD", "AUD": "AUD", "NZ": "NZD",
        "S": "SGD", "SG": "SGD", "HK": "HKD", "R": "BRL", "MX": "MXN", "USD": "USD", "CAD": "CAD",
    ]

    static let isoCodes: [String: String] = Dictionary(
        uniqueKeysWithValues: [
            "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "RMB", "INR", "RUB", "UAH", "PLN", "SEK",
            "NOK", "DKK", "CZK", "HUF", "SGD", "HKD", "BRL", "MXN", "ZAR", "KRW", "ILS", "AED", "TRY",
        ].map { ($0, $0 == "RMB" ? "CNY" : $0) })

    static let currencyWords: [String: String] = [
        "руб": "RUB", "рублей": "RUB", "рубля": "RUB", "р": "RUB", "грн": "UAH", "rs": "INR", "zł": "PLN",
        "zl": "PLN", "euro": "EUR", "euros": "EUR", "dollars": "USD", "chf": "CHF", "usd": "USD", "eur": "EUR",
        "gbp": "GBP", "inr": "INR", "lakh": "INR",
    ]
}

extension SalaryScanner {
    /// Folds multi-word phrases ("per hour", "up to", "月給") into single tokens.
    static func joinPhrases(_ tokens: [SalaryToken]) -> [SalaryToken] {
        var output: [SalaryToken] = []
        var position = 0
        func words(_ count: Int) -> [String]? {
            guard position + count <= tokens.count else { return nil }
            var result: [String] = []
            for token in tokens[position..<(position + count)] {
                guard case let .word(word) = token else { return nil }
                result.append(word)
            }
            return result
        }
        outer: while position < tokens.count {
            for length in (1...4).reversed() {
                guard let phrase = words(length)?.joined(separator: " ") else { continue }
                if let token = phrases[phrase] {
                    output.append(token)
                    position += length
                    continue outer
                }
            }
            output.append(tokens[position])
            position += 1
        }
        return output
    }

    static let phrases: [String: SalaryToken] = {
        var table: [String: SalaryToken] = [:]
        let periods: [PayPeriod: [String]] = [
            .hour: [
                "per hour", "an hour", "a hour", "/ hr", "/ hour", "/ h", "hourly", "per hr", "p / h", "p.h", "ph",
                "時 給", "时 薪", "в час", "/ час", "pro stunde", "/ std", "de l'heure", "par heure", "/ heure",
                "all'ora", "l'ora", "/ ora", "per uur", "/ hora", "por hora", "/ 小 时", "/ 时",
            ],
            .day: [
                "per day", "a day", "/ day", "daily", "日 給", "日 薪", "в день", "/ день", "par jour", "pro tag",
                "/ jour", "per diem", "al giorno", "day rate", "/ 天", "/ 日", "每 天",
            ],
            .week: ["per week", "a week", "/ week", "/ wk", "weekly", "в неделю", "par semaine", "pro woche", "/ week"],
            .month: [
                "per month", "a month", "/ month", "/ mo", "/ mon", "monthly", "月 給", "月 薪", "月 收", "в месяц",
                "/ мес", "/ месяц", "месяц", "per mese", "al mese", "/ mese", "mensili", "mensuel", "mensuels",
                "par mois", "/ mois", "pro monat", "/ monat", "monatlich", "brutto / monat", "per maand", "/ maand",
                "p m", "pcm", "mensual", "/ mes", "al mes", "/ 月", "每 月",
            ],
            .year: [
                "per year", "a year", "/ year", "/ yr", "yearly", "annually", "annual", "per annum", "/ annum",
                "p a", "p.a", "pa", "年 収", "年 薪", "年 俸", "в год", "/ год", "/ jahr", "pro jahr", "jährlich", "brutto / jahr",
                "brutto jahr", "par an", "/ an", "annuel", "annuels", "all'anno", "l'anno", "/ anno", "annui", "lordi",
                "ral", "per jaar", "/ jaar", "per jaar bruto", "/ año", "al año", "anual", "/ 年", "每 年",
            ],
        ]
        for (period, list) in periods {
            for phrase in list { table[phrase] = .period(period) }
        }
        for phrase in [
            "from", "starting at", "starting from", "starts at", "at least", "minimum", "min", "от", "ab", "à partir de",
            "a partir de", "from only", "a partire da", "vanaf", "desde", "以上", "від", "od",
        ] {
            table[phrase] = .lowerBoundOnly
        }
        for phrase in [
            "up to", "upto", "maximum", "max", "до", "bis zu", "bis", "jusqu'à", "jusqu'a", "fino a", "tot", "hasta", "以下",
            "まで",
        ] {
            table[phrase] = .upperBoundOnly
        }
        for phrase in ["to", "à", "bis", "и", "до", "tot"] where table[phrase] == nil {
            table[phrase] = .rangeSeparator
        }
        table["to"] = .rangeSeparator
        table["between"] = .between
        table["entre"] = .between
        table["zwischen"] = .between
        table["tra"] = .between
        table["от"] = .lowerBoundOnly
        table["and"] = .and
        table["et"] = .and
        table["und"] = .and
        table["万"] = .other
        return table
    }()
}
