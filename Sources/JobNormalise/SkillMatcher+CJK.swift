extension SkillMatcher {
    /// The text with each Chinese, Japanese and Korean character blanked to spaces, byte for byte:
    /// those scripts write no space between words, so "TerraformによるIaC化" or "熟悉Kafka等" must
    /// end a word at each such character for the Latin names between them to match.
    static func separatingCJK(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBufferPointer(UTF8Scan.hasScalarFromU3000) else { return bytes }
        var output = bytes
        output.withUnsafeMutableBufferPointer { output in
            let count = output.count
            // Only lead bytes of E0 and up can start a blanked character; in UTF-8 (the bytes of a
            // String) every byte of E0 and up is a lead byte, so the scan jumps from one to the next.
            var index = UTF8Scan.firstLeadOfThreeOrMore(UnsafeBufferPointer(output), from: 0)
            while index < count {
                let lead = output[index]
                // Three-byte UTF-8 sequences for U+3000–U+9FFF and U+AC00–U+D7FF (lead bytes E3–E9,
                // EA–ED), and the full-width forms U+FF00–U+FFEF (EF BC–BF).
                let isCJK = (0xE3...0xED).contains(lead) || (lead == 0xEF && index + 1 < count && output[index + 1] >= 0xBC)
                if isCJK && index + 2 < count {
                    output[index] = 0x20
                    output[index + 1] = 0x20
                    output[index + 2] = 0x20
                    index += 3
                } else {
                    index += lead >= 0xF0 ? 4 : 3
                }
                index = UTF8Scan.firstLeadOfThreeOrMore(UnsafeBufferPointer(output), from: index)
            }
        }
        return output
    }
}
