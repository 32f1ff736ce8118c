extension Normaliser {
    /// The current ISO 4217 code for a withdrawn one that sites still send: hh.ru's JSON-LD says
    /// "RUR" (the rouble before 1998) for roubles.
    static func currentCode(_ code: String) -> String {
        withdrawnCodes[code] ?? code
    }

    static let withdrawnCodes = ["RUR": "RUB", "BYR": "BYN"]
}
