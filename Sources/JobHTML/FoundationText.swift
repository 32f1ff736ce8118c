import Foundation

/// Foundation's `contains`, which the heuristics' text tests have always used (canonical
/// equivalence, as NSString searches), for the few places here that cannot answer from bytes.
func foundationContains(_ haystack: String, _ needle: String) -> Bool {
    haystack.contains(needle)
}
