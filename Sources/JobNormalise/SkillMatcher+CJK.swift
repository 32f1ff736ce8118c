extension SkillMatcher {
    /// The text with each Chinese, Japanese and Korean character blanked to spaces, byte for byte:
    /// those scripts write no space between words, so "TerraformによるIaC化" or "熟悉Kafka等" must
    /// end a word at each such character for the Latin names between them to match.
    static func separatingCJK(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBufferPointer(UTF8Scan.hasScalarFromU3000) else { return bytes }
        var output = bytes
        var index = 0
        while index < output.count {
            let lead = output[index]
            // Three-byte UTF-8 sequences for U+3000–U+9FFF and U+AC00–U+D7FF (lead bytes E3–E9,
            // EA–ED), and the full-width forms U+FF00–U+FFEF (EF BC–BF).
            let isCJK = (0xE3...0xED).contains(lead) || (lead == 0xEF && index + 1 < output.count && output[index + 1] >= 0xBC)
            if isCJK && index + 2 < output.count {
                output[index] = 0x20
                output[index + 1] = 0x20
                output[index + 2] = 0x20
                index += 3
            } else {
                index += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            }
        }
        return output
    }
}
