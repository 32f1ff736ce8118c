/// How libxml2's HTML parser (2.9) repairs markup, as tables over element names, so that
/// ``PageReader`` builds the elements libxml2's tree would have: which open element a start tag
/// closes first, which elements are void, how far up an end tag may close, and where `html`,
/// `head` and `body` are implied.
///
/// The tables were read off the library's behaviour (a start tag after each open element, for
/// every pair of HTML names) and are checked against it by `PageReaderTests`.
enum HTMLRecoveryRules {
    /// A lowercase element name: an index into ``known`` for the names the rules mention, or a
    /// number from ``NameInterner`` for any other name seen on a page.
    typealias Name = Int32

    /// Names with a rule, and the extraction names of ``StreamedPage/Tag``.
    static let known: [String] = {
        var names = [
            "html", "head", "body", "p", "script", "style", "meta", "link", "title", "base", "noframes", "frame",
            "frameset", "div", "td", "th", "tr", "thead", "tbody", "tfoot", "table", "a", "address", "b", "big",
            "caption", "col", "colgroup", "dd", "dir", "dl", "dt", "font", "form", "h1", "h2", "h3", "h4", "h5", "h6",
            "i", "legend", "li", "menu", "ol", "option", "optgroup", "pre", "s", "small", "span", "strike", "tt", "u",
            "ul", "xmp", "listing", "fieldset", "center", "hr", "blockquote", "area", "basefont", "br", "img",
            "input", "isindex", "param", "abbr", "acronym", "bdo", "cite", "code", "dfn", "em", "iframe", "kbd", "map",
            "q", "samp", "strong", "sub", "sup", "var",
        ]
        for tag in StreamedPage.Tag.allCases.dropFirst() where !names.contains("\(tag)") { names.append("\(tag)") }
        return names
    }()

    static let html = id("html")
    static let head = id("head")
    static let body = id("body")
    static let p = id("p")
    static let script = id("script")
    static let style = id("style")

    static func id(_ name: String) -> Name {
        Name(known.firstIndex(of: name)!)
    }

    /// Elements with no content: closed as soon as they open.
    static let void: [Bool] = known.map {
        ["area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param"]
            .contains($0)
    }

    static func isVoid(_ name: Name) -> Bool { name >= 0 && Int(name) < void.count && void[Int(name)] }

    /// For each open element, the start tags that close it before they open.
    private static let closedBy: [String: [String]] = {
        let headings = ["fieldset", "form", "li", "p", "table"]
        let preformatted = ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]
        let lists = ["dd", "dl", "dt", "form", "ul"]
        let cells = ["tbody", "td", "tfoot", "th", "tr"]
        var rules: [String: [String]] = [
            "a": ["a", "fieldset", "table", "td", "th"],
            "address": ["dd", "dl", "dt", "form", "li", "ul"],
            "b": ["center", "p", "td", "th"], "i": ["center", "p", "td", "th"], "u": ["p", "td", "th"],
            "font": ["center", "td", "th"], "span": ["td", "th"],
            "big": ["p"], "s": ["p"], "small": ["p"], "strike": ["p"], "tt": ["p"],
            "caption": ["col", "colgroup", "tbody", "tfoot", "thead", "tr"],
            "colgroup": ["colgroup", "tbody", "tfoot", "thead", "tr"],
            "dd": ["dt"], "dt": ["dd", "dl"], "dl": ["form", "li"],
            "dir": lists, "menu": lists, "ol": ["form", "ul"], "ul": ["address", "form", "menu", "ol", "pre"],
            "form": ["form"], "legend": ["fieldset"], "li": ["li"], "option": ["optgroup", "option"],
            "pre": preformatted, "xmp": preformatted, "listing": preformatted,
            "td": cells, "th": cells, "tr": ["tbody", "tfoot", "tr"],
            "tbody": ["tbody", "tfoot"], "thead": ["tbody", "tfoot"], "tfoot": ["tbody"],
            "title": ["body", "frameset"],
            "p": [
                "address", "blockquote", "caption", "center", "col", "colgroup", "dd", "dir", "div", "dl", "dt",
                "fieldset", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "menu", "ol", "p",
                "pre", "table", "tbody", "td", "tfoot", "th", "title", "tr", "ul", "xmp", "listing", "head", "body",
            ],
            "head": [
                "a", "abbr", "acronym", "address", "b", "bdo", "big", "blockquote", "body", "br", "center", "cite",
                "code", "dd", "dfn", "dir", "div", "dl", "dt", "em", "fieldset", "font", "form", "frameset", "h1", "h2",
                "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "kbd", "li", "map", "menu", "ol", "p", "pre", "q",
                "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tt", "u", "ul", "var", "xmp",
                "listing",
            ],
        ]
        for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] { rules[heading] = headings }
        return rules
    }()

    /// `closes[old]` has bit `new` set when a start tag `new` closes an open `old`.
    private static let closes: [(UInt64, UInt64)] = {
        var table = Array(repeating: (UInt64(0), UInt64(0)), count: known.count)
        for (old, news) in closedBy {
            for new in news {
                let bit = Int(id(new))
                if bit < 64 { table[Int(id(old))].0 |= 1 << UInt64(bit) } else { table[Int(id(old))].1 |= 1 << UInt64(bit - 64) }
            }
        }
        return table
    }()

    /// True when a start tag `new` closes the open element `old`.
    @inline(__always)
    static func startTag(_ new: Name, closes old: Name) -> Bool {
        guard old >= 0 && Int(old) < closes.count && new >= 0 && new < 128 else { return false }
        let (low, high) = closes[Int(old)]
        return new < 64 ? low & (1 << UInt64(new)) != 0 : high & (1 << UInt64(new - 64)) != 0
    }

    /// How far up an end tag may close: it closes the elements above its own only when none of them
    /// ranks higher than it (a `</div>` does not close a table cell it is not in).
    static func endPriority(_ name: Name) -> Int {
        name >= 0 && Int(name) < priorities.count ? priorities[Int(name)] : 100
    }

    private static let priorities: [Int] = known.map { name in
        switch name {
        case "div": 150
        case "td", "th": 160
        case "tr": 170
        case "thead", "tbody", "tfoot": 180
        case "table": 190
        case "head", "body": 200
        case "html": 220
        default: 100
        }
    }

    /// Elements that belong in `head`: one of them at the top of the page implies `head`.
    static let headContent: Set<Name> = Set(["script", "style", "meta", "link", "title", "base"].map(id))
    /// Elements that imply neither `head` nor `body`.
    static let frames: Set<Name> = Set(["noframes", "frame", "frameset"].map(id))
    /// The extraction tag of each known name.
    static let tags: [StreamedPage.Tag] = known.map { StreamedPage.Tag(name: $0) ?? .other }
}

/// Gives each element name on a page a number: the known names their index in
/// ``HTMLRecoveryRules/known``, any other name the next free number.
struct NameInterner {
    private static let knownNames = KeyTable(
        HTMLRecoveryRules.known.enumerated().map { (NameKey($0.element), HTMLRecoveryRules.Name($0.offset)) })
    private var others: [NameKey] = []

    mutating func name(_ key: NameKey) -> HTMLRecoveryRules.Name {
        if let known = Self.knownNames[key] { return known }
        if let index = others.firstIndex(of: key) { return HTMLRecoveryRules.Name(1000 + index) }
        others.append(key)
        return HTMLRecoveryRules.Name(1000 + others.count - 1)
    }
}
