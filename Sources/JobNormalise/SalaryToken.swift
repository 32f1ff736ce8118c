import JobModel

/// A piece of a pay phrase, as the salary scanner sees it.
enum SalaryToken: Equatable {
    /// An amount with any k/M/lakh/万 multiplier applied.
    case number(Double, Multiplier)
    /// A currency marker; `nil` code is a bare dollar sign whose country decides.
    case currency(String?)
    case period(PayPeriod)
    /// "-", "–", "—", "to", "~", "〜".
    case rangeSeparator
    /// "from", "starting at", "от", "ab": only a lower bound follows.
    case lowerBoundOnly
    /// "up to", "до", "bis zu", "jusqu'à": only an upper bound follows.
    case upperBoundOnly
    case between
    case and
    /// "+" right after a number: "90K+".
    case plus
    /// A lowercased word kept for context checks.
    case word(String)
    /// A sentence or list boundary: a candidate never spans one.
    case boundary
    case other

    enum Multiplier: Equatable {
        case none
        case thousand
        case million
        case lakh
        case crore
        case tenThousand
    }
}
