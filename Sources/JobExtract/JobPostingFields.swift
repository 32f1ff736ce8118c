import Foundation
import JobModel

/// Reads the fields of a schema.org JobPosting given as JSON-LD.
enum JobPostingFields {
    static func apply(_ object: [String: Any], to raw: inout RawPosting, origin: FieldOrigin) {
        func set(_ key: String, _ value: String?, _ assign: (inout RawPosting, String) -> Void) {
            guard let value = value.map(clean), !value.isEmpty, raw.origins[key] == nil else { return }
            assign(&raw, value)
            raw.origins[key] = origin
        }
        set("title", string(object["title"]) ?? string(object["name"])) { $0.title = $1 }
        set("company", name(object["hiringOrganization"])) { $0.company = $1 }
        set("industry", string(object["industry"]) ?? name(object["industry"])) { $0.industry = $1 }
        set("employmentType", string(object["employmentType"])) { $0.employmentType = $1 }
        set("datePosted", string(object["datePosted"])) { $0.datePosted = $1 }
        set("identifier", identifier(object["identifier"])) { $0.identifier = $1 }
        // The description keeps its line breaks: paragraphs and list items stay apart.
        if raw.origins["description"] == nil, let description = string(object["description"]) {
            let text = TextOfHTML.text(description).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty {
                raw.description = text
                raw.origins["description"] = origin
            }
        }
        let (location, country) = place(object["jobLocation"])
        set("location", location) { $0.location = $1 }
        set("country", country) { $0.country = $1 }
        if raw.remote == nil, let type = string(object["jobLocationType"]), type.uppercased().contains("TELECOMMUTE") {
            raw.remote = true
        }
        if raw.structuredPay == nil, let pay = monetaryAmount(object["baseSalary"]) {
            raw.structuredPay = pay
            raw.origins["salary"] = origin
        }
        if raw.estimatedPay == nil, let estimate = monetaryAmount(object["estimatedSalary"]) {
            raw.estimatedPay = estimate
        }
    }

    static func clean(_ text: String) -> String {
        TextOfHTML.decodeEntities(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A string, the first string of an array, or a number written out.
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let array as [Any]: return array.lazy.compactMap { string($0) }.first
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    static func name(_ value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["name"]) ?? string(object["legalName"]) }
        if let array = value as? [Any] { return array.lazy.compactMap { name($0) }.first }
        return value as? String
    }

    static func identifier(_ value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["value"]) ?? string(object["@id"]) }
        if let array = value as? [Any] { return array.lazy.compactMap { identifier($0) }.first }
        return string(value)
    }

    /// "Locality, Region, Country" and the country of the first place.
    static func place(_ value: Any?) -> (String?, String?) {
        let first = (value as? [Any])?.first ?? value
        if let text = first as? String { return (text, nil) }
        guard let object = first as? [String: Any] else { return (nil, nil) }
        let address = object["address"] ?? object
        if let text = address as? String { return (text, nil) }
        guard let fields = address as? [String: Any] else { return (nil, nil) }
        let country = string(fields["addressCountry"]) ?? name(fields["addressCountry"])
        var locality = string(fields["addressLocality"])
        var region = string(fields["addressRegion"])
        // A Japanese address is written prefecture first, without a comma: "東京都渋谷区".
        if let prefecture = region, let last = prefecture.last, "都道府県".contains(last), let city = locality,
            city.unicodeScalars.first.map({ $0.value >= 0x3040 }) == true, !city.hasPrefix(prefecture)
        {
            locality = prefecture + city
            region = nil
        }
        let parts = [locality, region, country]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (parts.isEmpty ? nil : parts.joined(separator: ", "), country)
    }

    /// schema.org MonetaryAmount: a `value` number or a QuantitativeValue with value/minValue/maxValue.
    static func monetaryAmount(_ value: Any?) -> StructuredPay? {
        guard let object = ((value as? [Any])?.first ?? value) as? [String: Any] else {
            return number(value).map { StructuredPay(value: $0) }
        }
        var pay = StructuredPay(currency: string(object["currency"]) ?? string(object["salaryCurrency"]))
        pay.unitText = string(object["unitText"])
        if let quantity = object["value"] as? [String: Any] {
            pay.value = number(quantity["value"])
            pay.min = number(quantity["minValue"])
            pay.max = number(quantity["maxValue"])
            pay.unitText = string(quantity["unitText"]) ?? pay.unitText
        } else {
            pay.value = number(object["value"])
            pay.min = number(object["minValue"])
            pay.max = number(object["maxValue"])
        }
        return pay.value == nil && pay.min == nil && pay.max == nil ? nil : pay
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: return number.doubleValue
        case let text as String:
            let digits = text.filter { $0.isNumber || $0 == "." }
            return Double(digits)
        default: return nil
        }
    }
}
