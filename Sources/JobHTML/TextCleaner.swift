/// Small string helpers shared by the HTML queries.
public enum TextCleaner {
    /// Turns every run of whitespace (including non-breaking spaces) into one space and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(character)
            }
        }
        return output
    }
}
