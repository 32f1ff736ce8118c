import Foundation
import JobHTML
import JobModel

/// Reads the fields of a schema.org JobPosting given as microdata.
enum MicrodataFields {
    static func apply(_ item: MicrodataItem, to raw: inout RawPosting) {
        func set(_ key: String, _ value: String?, _ assign: (inout RawPosting, String) -> Void) {
            guard let value, !value.isEmpty, raw.origins[key] == nil else { return }
            assign(&raw, value)
            raw.origins[key] = .microdata
        }
        set("title", item.text("title")) { $0.title = $1 }
        set("company", item.item("hiringOrganization")?.text("name") ?? item.text("hiringOrganization")) { $0.company = $1 }
        set("industry", item.text("industry")) { $0.industry = $1 }
        set("employmentType", item.text("employmentType")) { $0.employmentType = $1 }
        set("datePosted", item.text("datePosted")) { $0.datePosted = $1 }
        set("identifier", item.item("identifier")?.text("value") ?? item.text("identifier")) { $0.identifier = $1 }
        set("description", item.text("description")) { $0.description = $1 }
        if let place = item.item("jobLocation") {
            let address = place.item("address") ?? place
            let country = address.item("addressCountry")?.text("name") ?? address.text("addressCountry")
            let parts = [address.text("addressLocality"), address.text("addressRegion"), country].compactMap { $0 }
                .filter { !$0.isEmpty }
            set("location", parts.isEmpty ? place.text("name") : parts.joined(separator: ", ")) { $0.location = $1 }
            set("country", country) { $0.country = $1 }
        } else {
            set("location", item.text("jobLocation")) { $0.location = $1 }
        }
        if raw.structuredPay == nil, let salary = item.item("baseSalary") {
            let quantity = salary.item("value")
            var pay = StructuredPay(currency: salary.text("currency"))
            pay.min = (quantity?.text("minValue") ?? salary.text("minValue")).flatMap(JobPostingFields.number)
            pay.max = (quantity?.text("maxValue") ?? salary.text("maxValue")).flatMap(JobPostingFields.number)
            pay.value = (quantity?.text("value") ?? (quantity == nil ? salary.text("value") : nil)).flatMap(JobPostingFields.number)
            pay.unitText = quantity?.text("unitText") ?? salary.text("unitText")
            if pay.min != nil || pay.max != nil || pay.value != nil {
                raw.structuredPay = pay
                raw.origins["salary"] = .microdata
            }
        }
    }
}
