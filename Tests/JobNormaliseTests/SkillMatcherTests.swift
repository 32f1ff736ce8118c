import JobNormalise
import Testing

struct SkillMatcherTests {
    let matcher = SkillMatcher(taxonomy: .bundled)

    @Test(arguments: [
        ("Experience with sklearn pipelines", ["scikit-learn"]),
        ("Deploy on k8s", ["Kubernetes"]),
        ("Postgres and MySQL", ["PostgreSQL", "MySQL"]),
        ("Our stack runs on GCP", ["Google Cloud"]),
        ("Strong golang skills", ["Go"]),
    ])
    func mapsAliasesToCanonicalNames(_ text: String, _ expected: [String]) {
        #expect(matcher.skills(in: text) == expected)
    }

    @Test
    func matchesNamesWithSymbols() {
        #expect(matcher.skills(in: "You know C++, C#, .NET and Node.js.") == ["C++", "C#", ".NET", "Node.js"])
    }

    @Test
    func countsOneLetterLanguagesInAList() {
        #expect(matcher.skills(in: "Python, R and SQL") == ["Python", "R", "SQL"])
    }

    @Test
    func countsGoAmongOtherLanguages() {
        #expect(matcher.skills(in: "Python, Go and Rust") == ["Python", "Go", "Rust"])
    }

    @Test(arguments: [
        "Own the go to market plan.",
        "Always have a Plan B.",
        "We go to market with a Plan B in mind.",
        "Go to the office twice a week.",
        "Pythonic thinking and Javanese food.",
    ])
    func findsNothingInOrdinaryEnglish(_ text: String) {
        #expect(matcher.skills(in: text) == [])
    }

    @Test
    func prefersTheLongestMatch() {
        #expect(matcher.skills(in: "ASP.NET Core services") == ["ASP.NET"])
        #expect(matcher.skills(in: "Built with ASP.NET") == ["ASP.NET"])
        #expect(matcher.skills(in: "JavaScript and TypeScript") == ["JavaScript", "TypeScript"])
        #expect(matcher.skills(in: "Files in Google Cloud Storage") == ["Google Cloud Storage"])
    }

    /// A safe alias names the skill outright, wherever it stands: no other technology need be near.
    @Test(arguments: [
        ("Apache Spark jobs", "Spark"),
        ("Golang services at scale", "Go"),
        ("R programming skills", "R"),
        ("Strong golang skills", "Go"),
    ])
    func countsSafeAliasesOnTheirOwn(_ text: String, _ skill: String) {
        #expect(matcher.skills(in: text) == [skill])
    }

    @Test
    func ignoresCaseOfUnambiguousNames() {
        #expect(matcher.skills(in: "PYTHON, kubernetes and postgresql") == ["Python", "Kubernetes", "PostgreSQL"])
    }

    @Test
    func listsEachSkillOnceInOrderOfFirstMention() {
        #expect(matcher.skills(in: "SQL, then Python, then sql again and python3") == ["SQL", "Python"])
    }

    @Test
    func usesSkillsAddedToTheTaxonomy() {
        let taxonomy = SkillTaxonomy.bundled.adding([Skill(name: "Hamilton", category: "data", aliases: ["sf-hamilton"])])
        #expect(SkillMatcher(taxonomy: taxonomy).skills(in: "sf-hamilton and pandas") == ["Hamilton", "Pandas"])
    }
}
