extension Normaliser {
    /// "東京都 港区" → "東京都港区": Japanese and Chinese addresses run their parts together, so a
    /// space a board puts between two of their characters goes; "Tokyo, 港区" keeps its spaces.
    static func joiningCJKParts(_ text: String) -> String {
        guard text.contains(" "), text.unicodeScalars.contains(where: isCJK) else { return text }
        let characters = Array(text)
        var output = ""
        for (index, character) in characters.enumerated() {
            if character == " ", index > 0, index + 1 < characters.count,
                characters[index - 1].unicodeScalars.allSatisfy(isCJK), characters[index + 1].unicodeScalars.allSatisfy(isCJK)
            {
                continue
            }
            output.append(character)
        }
        return output
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x3040...0x30FF).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
    }
}
