import Foundation
import JobHTML

extension TextHeuristics {
    /// True for a search page that names no h1 at all and shows the open posting in a detail pane
    /// with a heading of its own (Indeed titles its result cards and the open posting with h2s).
    static func hasOpenPostingPane(_ page: StreamedPage) -> Bool {
        !paneHeadings(page).isEmpty
    }
}
