import Foundation
import JobModel

/// The tests ``TextHeuristics/payLines(in:title:)`` puts to each line: does it head a block of
/// other postings, does it name or state pay. ASCII lines are read byte by byte; other lines of
/// wide text (``CanonicalSearch``) from their bytes lowercased; the rest as `String`s.
extension TextHeuristics.Lines {
    /// A short line that names a block of other postings ("Similar jobs").
    func isOtherJobsHeading(_ line: Int) -> Bool {
        if isASCII(line) {
            return ranges[line].count < 60 && containsAny(line, TextHeuristics.asciiOtherJobsHeadings, ignoringCase: true)
        }
        guard let lower = lowercased(line) else { return isOtherJobsHeadingOfString(line) }
        return lower.withUnsafeBufferPointer { lower in
            let profile = CanonicalSearch.Profile(lower)
            // Wide text without a line feed: each scalar is one `Character`.
            return profile.scalars < 60
                && TextHeuristics.otherJobsNeedles.contains { TextHeuristics.contains(lower, profile, $0) }
        }
    }

    /// ``isOtherJobsHeading(_:)`` of a line that is not ASCII, through `String`.
    func isOtherJobsHeadingOfString(_ line: Int) -> Bool {
        let line = substring(line)
        guard line.index(line.startIndex, offsetBy: 60, limitedBy: line.endIndex) == nil else { return false }
        return TextHeuristics.containsAny(line.lowercased(), TextHeuristics.otherJobsNeedles)
    }

    /// Of a line that is not ASCII: whether it names pay (a pay word, ignoring case), and whether it
    /// may state pay (that, a currency sign or code, or a range in thousands).
    func payCues(_ line: Int) -> (hasPayWord: Bool, mayStatePay: Bool) {
        guard let lower = lowercased(line) else { return payCuesOfString(line) }
        let hasPayWord = lower.withUnsafeBufferPointer { lower in
            let profile = CanonicalSearch.Profile(lower)
            return TextHeuristics.payNeedles.contains { TextHeuristics.contains(lower, profile, $0) }
        }
        if hasPayWord { return (true, true) }
        let range = ranges[line]
        let mayStatePay = bytes.withUnsafeBufferPointer { bytes in
            let text = UnsafeBufferPointer(rebasing: bytes[range])
            let profile = CanonicalSearch.Profile(text)
            // Wide text: each scalar is one `Character`, so a sign is where its bytes are.
            return TextHeuristics.currencySymbolBytes.contains { symbol in
                symbol.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: text, from: 0) != nil }
            }
                || TextHeuristics.isoNeedles.contains { TextHeuristics.contains(text, profile, $0) }
        }
        return (false, mayStatePay || TextHeuristics.hasThousandsRange(substring(line)))
    }

    /// ``payCues(_:)`` through `String`.
    func payCuesOfString(_ line: Int) -> (hasPayWord: Bool, mayStatePay: Bool) {
        let line = substring(line)
        let hasPayWord = TextHeuristics.containsAny(line.lowercased(), TextHeuristics.payNeedles)
        let mayStatePay = hasPayWord || line.contains(where: TextHeuristics.currencySymbols.contains)
            || TextHeuristics.containsAny(String(line), TextHeuristics.isoNeedles)
            || TextHeuristics.hasThousandsRange(line)
        return (hasPayWord, mayStatePay)
    }

    /// The line as `lowercased()` gives it, when it is wide text (``CanonicalSearch``).
    func lowercased(_ line: Int) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { CanonicalSearch.lowercased(UnsafeBufferPointer(rebasing: $0[ranges[line]])) }
    }
}

extension TextHeuristics {
    static let otherJobsNeedles = otherJobsHeadings.map(CanonicalSearch.Needle.init)
    static let payNeedles = payWords.map(CanonicalSearch.Needle.init)
    static let isoNeedles = isoCodes.map(CanonicalSearch.Needle.init)
    static let currencySymbolBytes = currencySymbols.map { Array(String($0).utf8) }
}

extension TextHeuristics.Lines {
    /// The line, and the next one after a space when that is a board's note that the figure is
    /// its own estimate ("/yr (Glassdoor est.)", "Estimated by Indeed"), so the pay is read as one.
    func withEstimateNote(_ line: Int) -> String {
        let text = String(substring(line))
        guard line + 1 < count, ranges[line + 1].count < 60, !hasDigit(line + 1) else { return text }
        let next = String(substring(line + 1))
        return TextHeuristics.isEstimateNote(next) ? text + " " + next : text
    }

    /// An ASCII line that names pay and says the posting states no figure: "Salary: Competitive",
    /// "Compensation: DOE", "Pay: not specified".
    func statesNoFigure(_ line: Int) -> Bool {
        guard isASCII(line), ranges[line].count < 120, containsAny(line, TextHeuristics.asciiPayWords, ignoringCase: true)
        else { return false }
        let words = String(substring(line)).lowercased().split { !$0.isLetter }.map(String.init)
        if words.contains(where: TextHeuristics.noFigureWords.contains) { return true }
        let joined = " " + words.joined(separator: " ") + " "
        return TextHeuristics.noFigurePhrases.contains { joined.contains($0) }
    }
}

extension TextHeuristics {
    /// True for a board's note under a figure that says the figure is its own estimate ("/yr
    /// (Glassdoor est.)", "Estimated by Indeed"; an "Estimated start date" is no such note). Each
    /// note word holds an estimate word, so a note is an ``isEstimate(_:)`` line.
    static func isEstimateNote(_ line: String) -> Bool {
        let lower = line.lowercased()
        return !containsAny(lower, employerEstimateWords) && containsAny(lower, estimateNoteWords)
    }

    static let estimateNoteWords = [" est.", "(est", "estimated by", "estimated from", "geschätzt", "estimé"]
        .map(CanonicalSearch.Needle.init)

    /// Words and phrases that say a posting gives no pay figure.
    static let noFigureWords: Set<String> = ["competitive", "doe", "negotiable", "tbd", "undisclosed"]
    /// The phrases with a space either side, as they stand among a line's words.
    static let noFigurePhrases = [
        "depending on experience", "dependent on experience", "not specified", "not disclosed", "not provided",
        "commensurate with experience",
    ].map { " \($0) " }
}

