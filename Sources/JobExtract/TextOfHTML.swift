import Foundation
import JobHTML

/// Text from HTML given as a string, as JSON-LD descriptions are.
enum TextOfHTML {
    /// The visible text of an HTML fragment; plain text comes back as it was.
    static func text(_ html: String) -> String {
        let decoded = TextHeuristics.contains(html, "&lt;") && !TextHeuristics.contains(html, "<") ? decodeEntities(html) : html
        guard TextHeuristics.contains(decoded, "<"), let page = try? StreamedPage(bytes: Array(("<html><body>" + decoded + "</body></html>").utf8), contentType: "text/html; charset=utf-8")
        else { return decodeEntities(decoded) }
        return page.visibleText()
    }

    /// Decodes the entities that appear in JSON-LD strings.
    static func decodeEntities(_ text: String) -> String {
        guard TextHeuristics.contains(text, "&") else { return text }
        var output = text
        for (entity, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", " "),
            ("&#x27;", "'"), ("&ndash;", "–"), ("&mdash;", "—"), ("&euro;", "€"), ("&pound;", "£"), ("&amp;", "&"),
        ] {
            output = output.replacingOccurrences(of: entity, with: character)
        }
        return output
    }
}
