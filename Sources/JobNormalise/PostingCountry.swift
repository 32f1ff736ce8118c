import Foundation

/// The country a posting's own words imply when no structured data names one.
enum PostingCountry {
    /// "Mississauga, ON", "Montréal (Québec)", "Parramatta, NSW": a Canadian province or an
    /// Australian state closing the location names the country; a description written in Chinese
    /// characters with no kana is a Chinese posting. Nil when nothing says.
    static func of(location: String?, description: String) -> String? {
        // "Brisbane QLD 4000" names its state once the location is cleaned: "Brisbane, QLD".
        if let location, let country = fromRegion(location) ?? fromRegion(Normaliser.cleanLocation(location)) {
            return country
        }
        return isChinese(description) ? "CN" : nil
    }

    static func fromRegion(_ location: String) -> String? {
        let parts = location.split(whereSeparator: { $0 == "," || $0 == "(" || $0 == ")" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count >= 2, let last = parts.last else { return nil }
        if canadianRegions.contains(last) || last.lowercased() == "canada" { return "CA" }
        if australianRegions.contains(last) || last.lowercased() == "australia" { return "AU" }
        return nil
    }

    /// Codes that no US state uses, and the names.
    static let canadianRegions: Set<String> = [
        "AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK", "YT", "NU", "Alberta", "British Columbia",
        "Manitoba", "New Brunswick", "Newfoundland and Labrador", "Nova Scotia", "Ontario", "Prince Edward Island",
        "Quebec", "Québec", "Saskatchewan", "Yukon", "Nunavut", "Northwest Territories",
    ]
    /// WA, SA and NT are left out: Washington, and Canada's Northwest Territories.
    static let australianRegions: Set<String> = [
        "NSW", "VIC", "QLD", "TAS", "ACT", "New South Wales", "Queensland", "Tasmania", "Western Australia",
        "South Australia", "Northern Territory", "Australian Capital Territory",
    ]

    /// Han characters and no kana among the first few hundred letters.
    static func isChinese(_ text: String) -> Bool {
        // The scalars decoded from the UTF-8 directly: only three-byte ones can be kana or Han.
        var text = text
        return text.withUTF8 { bytes in
            var han = 0
            var scalars = 0
            var index = 0
            while index < bytes.count && scalars < 2000 {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                } else if lead < 0xE0 {
                    index += 2
                } else if lead < 0xF0 {
                    let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    switch value {
                    case 0x3040...0x30FF: return false
                    case 0x4E00...0x9FFF: han += 1
                    default: break
                    }
                    index += 3
                } else {
                    index += 4
                }
                scalars += 1
            }
            return han >= 10
        }
    }

    /// A pay phrase that says its dollars are American ("The US base salary range", "U.S. pay")
    /// means USD whatever the posting's country.
    static func context(_ context: SalaryParser.Context, forPayText text: String) -> SalaryParser.Context {
        var context = context
        if context.dollarCurrency != "USD",
            usDollarPhrases.contains(where: { text.range(of: $0) != nil })
        {
            context.dollarCurrency = "USD"
        }
        return context
    }

    static let usDollarPhrases = ["US base", "U.S. base", "US salary", "U.S. salary", "US pay", "U.S. pay", "US dollars"]
}
