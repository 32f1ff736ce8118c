import Foundation
extension TextHeuristics {
    /// A place as a page's text gives it, without what surrounds it: "📍 Des Moines, Iowa" → "Des
    /// Moines, Iowa"; "Eindhoven · 32–40 uur per week · € 4.900 …" (a line of facts) → "Eindhoven".
    static func placeText(_ text: String) -> String {
        var place = Substring(text)
        if let separator = place.range(of: " · ") ?? place.range(of: " • ") { place = place[..<separator.lowerBound] }
        place = place.drop { !$0.isLetter && !$0.isNumber }
        let trimmed = place.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? text : trimmed
    }
}
