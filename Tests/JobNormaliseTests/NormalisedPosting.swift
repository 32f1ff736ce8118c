import JobModel
import JobNormalise

/// A raw posting as the extractor would give it from JSON-LD (structured pay) or the text (a pay
/// phrase); with `marked` false no field says where it came from, as the text rules of a page
/// leave them.
func rawPosting(
    title: String? = "Data Scientist", description: String? = nil, pay: StructuredPay? = nil,
    salaryText: String? = nil, country: String? = nil, company: String? = nil, identifier: String? = nil,
    location: String? = nil, marked: Bool = true
) -> RawPosting {
    var raw = RawPosting()
    raw.title = title
    raw.description = description
    raw.structuredPay = pay
    raw.salaryText = salaryText
    raw.country = country
    raw.company = company
    raw.identifier = identifier
    raw.location = location
    guard marked else { return raw }
    if title != nil { raw.origins["title"] = .jsonld }
    if company != nil { raw.origins["company"] = .jsonld }
    if pay != nil { raw.origins["salary"] = .jsonld } else if salaryText != nil { raw.origins["salary"] = .text }
    return raw
}

/// A posting normalised from a raw one that holds only these fields, none marked as structured.
func normalisedPosting(
    title: String, company: String? = nil, location: String? = nil, salary: String? = nil,
    pay: StructuredPay? = nil, description: String = ""
) -> Posting {
    let raw = rawPosting(
        title: title, description: description, pay: pay, salaryText: salary, company: company, location: location,
        marked: false)
    return Normaliser().normalise(raw, url: nil)
}
