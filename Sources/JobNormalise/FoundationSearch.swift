import Foundation
import JobModel

/// Foundation's `contains` (NSString's non-literal search), answered from the bytes where
/// ``CanonicalSearch`` can tell, else by Foundation.
enum FoundationSearch {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        CanonicalSearch.contains(haystack, needle) ?? haystack.contains(needle)
    }
}
