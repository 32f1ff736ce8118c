import JobModel
import JobNormalise
import Testing

/// One row of the title table: a title as posted and what a careful recruiter reads from it.
struct TitleCase: Sendable, CustomTestStringConvertible {
    let title: String
    let canonical: String
    let role: String?
    let level: Level?

    var testDescription: String { title }
}

private func title(_ title: String, _ canonical: String, _ role: String?, _ level: Level?) -> TitleCase {
    TitleCase(title: title, canonical: canonical, role: role, level: level)
}

struct TitleNormaliserTests {
    static let titles: [TitleCase] = [
        title("Sr. Machine Learning Engineer II", "Machine Learning Engineer", "machine-learning-engineer", .senior),
        title("Junior ML Engineer", "Machine Learning Engineer", "machine-learning-engineer", .entry),
        title("Machine Learning Engineer", "Machine Learning Engineer", "machine-learning-engineer", nil),
        title("Staff Machine Learning Engineer", "Machine Learning Engineer", "machine-learning-engineer", .lead),
        title("Senior Staff Machine Learning Engineer", "Machine Learning Engineer", "machine-learning-engineer", .lead),
        title("Lead Machine Learning Engineer – Remote", "Machine Learning Engineer", "machine-learning-engineer", .lead),
        title("Machine Learning Engineer – Req #48213", "Machine Learning Engineer", "machine-learning-engineer", nil),
        title("Machine Learning Engineer, Personalization", "Machine Learning Engineer", "machine-learning-engineer", nil),
        title("Machine Learning Intern", "Machine Learning Intern", "machine-learning-engineer", .intern),
        title("MLOps Engineer", "MLOps Engineer", "machine-learning-engineer", nil),
        title("AI Engineer", "AI Engineer", "machine-learning-engineer", nil),
        title("Data Scientist", "Data Scientist", "data-scientist", nil),
        title("Principal Data Scientist", "Data Scientist", "data-scientist", .lead),
        title("Senior Data Scientist (Remote)", "Data Scientist", "data-scientist", .senior),
        title("Senior Data Scientist | London", "Data Scientist", "data-scientist", .senior),
        title("Data Scientist - Fraud Detection", "Data Scientist", "data-scientist", nil),
        title("Associate Data Scientist", "Data Scientist", "data-scientist", .entry),
        title("Graduate Data Scientist", "Data Scientist", "data-scientist", .entry),
        title("Data Science Intern", "Data Science Intern", "data-scientist", .intern),
        title("Senior NLP Scientist", "NLP Scientist", "data-scientist", .senior),
        title("Senior Research Scientist", "Research Scientist", "research-scientist", .senior),
        title("Data Engineer - New York, NY", "Data Engineer", "data-engineer", nil),
        title("Data Engineer (m/w/d)", "Data Engineer", "data-engineer", nil),
        title("Jr. Data Engineer", "Data Engineer", "data-engineer", .entry),
        title("Data Engineer II", "Data Engineer", "data-engineer", .mid),
        title("Lead Data Engineer", "Data Engineer", "data-engineer", .lead),
        title("Analytics Engineer", "Analytics Engineer", "data-engineer", nil),
        title("Data Analyst I", "Data Analyst", "data-analyst", .entry),
        title("Data Analyst III", "Data Analyst", "data-analyst", .senior),
        title("Entry Level Data Analyst", "Data Analyst", "data-analyst", .entry),
        title("Business Intelligence Analyst", "Business Intelligence Analyst", "data-analyst", nil),
        title("Quantitative Analyst I", "Quantitative Analyst", "analyst", .entry),
        title("Sr Quantitative Developer", "Quantitative Developer", "software-engineer", .senior),
        title("Senior Backend Developer", "Backend Developer", "software-engineer", .senior),
        title("Principal Software Engineer", "Software Engineer", "software-engineer", .lead),
        title("Site Reliability Engineer", "Site Reliability Engineer", "systems-engineer", nil),
        title("Technical Architect", "Technical Architect", "architect", .lead),
        title("Machine Learning Engineering Manager", "Machine Learning Engineering Manager", "engineering-manager",
              .lead),
        title("Data Engineering Team Lead", "Data Engineering Team Lead", "engineering-manager", .lead),
        title("Senior Product Manager", "Product Manager", "product-manager", .senior),
        title("Director of Engineering", "Director of Engineering", "director", .executive),
        title("Director of Analytics", "Director of Analytics", "director", .executive),
        title("Head of Data Science", "Head of Data Science", "director", .executive),
        title("VP of Engineering", "VP of Engineering", "director", .executive),
        title("Chief Technology Officer (CTO)", "Chief Technology Officer", "chief-officer", .executive),
        title("Chief Data Officer", "Chief Data Officer", "chief-officer", .executive),
        title("CTO", "CTO", "chief-officer", .executive),
        title("Lead Generation Specialist", "Lead Generation Specialist", nil, nil),
    ]

    @Test(arguments: titles)
    func readsCanonicalTitleRoleAndLevel(_ row: TitleCase) {
        let normalised = TitleNormaliser.normalise(row.title)
        #expect(normalised.canonical == row.canonical)
        #expect(normalised.role == row.role)
        #expect(normalised.level == row.level)
    }

    @Test(arguments: [
        ("Senior Data Scientist (Remote)", "Senior Data Scientist"),
        ("Data Engineer - New York, NY", "Data Engineer"),
        ("Machine Learning Engineer – Req #48213", "Machine Learning Engineer"),
        ("Data Analyst (m/w/d) 🚀", "Data Analyst"),
        ("Chief Technology Officer (CTO)", "Chief Technology Officer"),
        ("Data Scientist | Hybrid | Full-time", "Data Scientist"),
    ])
    func cleansNoiseButKeepsSeniority(_ title: String, _ expected: String) {
        #expect(TitleNormaliser.clean(title) == expected)
    }
}
