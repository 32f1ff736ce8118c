extension SalaryParser {
    /// The currency of a range in thousands that names none ("25-40k", "2-3万") where the page's
    /// country writes pay that way; a single figure or a bare number stays refused.
    static func impliedCurrency(
        _ first: SalaryToken.Multiplier, _ secondMultiplier: SalaryToken.Multiplier, second: Double?, context: Context
    ) -> String? {
        guard let currency = context.thousandsCurrency, second != nil else { return nil }
        let inThousands: (SalaryToken.Multiplier) -> Bool = { $0 == .thousand || $0 == .tenThousand }
        return inThousands(secondMultiplier) || inThousands(first) ? currency : nil
    }
}
