/// Foundation's `haystack.contains(needle)` and `haystack.range(of: needle)` without options
/// (NSString's non-literal search), answered from the UTF-8 bytes where they settle it; `nil` or
/// ``Match/unknown`` where Foundation must be asked.
///
/// Foundation finds the needle where a run of the haystack that starts and ends on composed
/// character sequence boundaries is canonically equivalent to it (the same canonical
/// decomposition, NFD). The answers here rest on three classes of scalars (``Kind``):
/// - *wide* scalars (ASCII, Latin-1, Latin Extended-A, Cyrillic, general punctuation, currency
///   signs, CJK punctuation and ideographs, kana, fullwidth forms) are starters whose NFD is the
///   scalar itself or itself followed by combining marks, and each is its own composed character
///   sequence next to any other wide scalar (no Hangul, no marks, no joiners, no selectors, no
///   regional indicators); only a CR LF pair may be one sequence of two.
/// - *plain* scalars are the wide ones with no decomposition at all.
/// - *singleton sources* are the scalars outside the plain ones whose NFD may still be all plain
///   (U+037E → ";", U+212A → "K", U+F900 → U+8C48, …). Every other scalar's NFD holds a scalar that
///   is not plain.
///
/// In wide text every scalar boundary is a sequence boundary, and the NFD of a run splits into
/// one part per scalar at its starters; no two wide scalars share an NFD. So:
/// 1. Haystack and needle all wide: a run is equivalent to the needle only if it is the needle's
///    bytes. The answer is a byte search, and its first hit is Foundation's range.
/// 2. Haystack all plain, needle with a scalar neither plain nor a singleton source: the needle's
///    NFD holds a scalar that is not plain, the haystack's does not. Not found.
/// 3. A run of the needle's bytes whose first and last scalars are wide, between wide scalars or
///    the text's ends, starts and ends on sequence boundaries: found (for `contains` only, as an
///    earlier equivalent run may not be byte for byte the same).
/// 4. Needle all plain and no run of its bytes: an equivalent run would have an all-plain NFD,
///    so be made of plain scalars and singleton sources; without singleton sources in the
///    haystack it would be the needle's bytes. Not found.
/// A needle that starts with a line feed or ends with a carriage return, or is empty, goes to
/// Foundation, as does everything the rules leave open.
public enum CanonicalSearch {
    /// Where Foundation's search finds a needle, as UTF-8 offsets into the haystack.
    public enum Match: Equatable, Sendable {
        case found(Range<Int>)
        case absent
        /// The bytes do not settle it: ask Foundation.
        case unknown
    }

    /// A needle searched for many times, with its bytes and profile worked out once.
    public struct Needle: Sendable {
        public let text: String
        let bytes: [UInt8]
        let profile: Profile

        public init(_ text: String) {
            self.text = text
            bytes = Array(text.utf8)
            profile = bytes.withUnsafeBufferPointer(Profile.init)
        }
    }

    /// `haystack.contains(needle)` as Foundation answers it, or nil.
    public static func contains(_ haystack: String, _ needle: String) -> Bool? {
        var haystack = haystack
        var needle = needle
        return needle.withUTF8 { needle in
            haystack.withUTF8 { haystack in contains(haystack, nil, needle, Profile(needle)) }
        }
    }

    /// `haystack.contains(needle)` as Foundation answers it, or nil, for UTF-8 and its profile.
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ profile: Profile, _ needle: Needle) -> Bool? {
        let needleProfile = needle.profile
        return needle.bytes.withUnsafeBufferPointer { contains(haystack, profile, $0, needleProfile) }
    }

    /// The range of `haystack.range(of: needle)` as Foundation finds it, in UTF-8 offsets: rules 1,
    /// 2 and 4.
    public static func firstMatch(of needle: String, in haystack: String) -> Match {
        var haystack = haystack
        var needle = needle
        return needle.withUTF8 { needle in
            haystack.withUTF8 { haystack in
                let needleProfile = Profile(needle)
                if needle.isEmpty || needleProfile.touchesLineBreakPair { return .unknown }
                let haystackProfile = Profile(haystack)
                let start = ByteSearch.firstIndex(of: needle, in: haystack, from: 0)
                if haystackProfile.allWide && needleProfile.allWide {
                    return start.map { .found($0..<$0 + needle.count) } ?? .absent
                }
                if haystackProfile.allPlain && !needleProfile.allPlainOrSource { return .absent }
                return start == nil && needleProfile.allPlain && !haystackProfile.hasSingletonSource ? .absent : .unknown
            }
        }
    }

    /// The rules in the order that reads least: the needle's runs first, as a clean one settles it
    /// and text holds few; the haystack's profile (worked out here when not given) only without one.
    static func contains(
        _ haystack: UnsafeBufferPointer<UInt8>, _ haystackProfile: Profile?, _ needle: UnsafeBufferPointer<UInt8>,
        _ needleProfile: Profile
    ) -> Bool? {
        if needle.isEmpty || needleProfile.touchesLineBreakPair { return nil }
        // Rule 3, and rule 1 where a run is found: every run in wide text is clean.
        var from = 0
        var runs = false
        while let start = ByteSearch.firstIndex(of: needle, in: haystack, from: from) {
            if needleProfile.edgesWide && wideBefore(start, in: haystack) && wideAt(start + needle.count, in: haystack) {
                return true
            }
            runs = true
            from = start + 1
        }
        let haystackProfile = haystackProfile ?? Profile(haystack)
        // Rule 1 without a run, rule 2, rule 4.
        if haystackProfile.allWide && needleProfile.allWide { return false }
        if haystackProfile.allPlain && !needleProfile.allPlainOrSource { return false }
        return !runs && needleProfile.allPlain && !haystackProfile.hasSingletonSource ? false : nil
    }
}
