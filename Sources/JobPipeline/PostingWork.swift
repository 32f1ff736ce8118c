import Foundation
import JobExtract
import JobFetch
import JobModel
import JobNormalise
import JobStore
import Logging

/// Fetches, extracts and normalises one posting page; skips the work when the page is unchanged.
struct PostingWork: Sendable {
    let fetcher: PoliteFetcher
    let store: any PostingStorage
    let extractor: PostingExtractor
    let normaliser: Normaliser
    let defaults: PostingDefaults
    let logger: Logger

    enum Outcome: Sendable {
        case stored(Posting, PageRecord, FetchRecord)
        case unchanged(fingerprint: String, PageRecord, FetchRecord)
        case skipped(url: String)
        /// `known` is the posting the page held last time, if any.
        case failed(PageFailure, FetchRecord, known: String?)
    }

    func process(_ url: String) async -> Outcome {
        // The validators of the last fetch make a conditional request: a 304 needs no extraction.
        let known = try? store.page(url)
        var headers: [String: String] = [:]
        if let known, known.fingerprint != nil {
            if let etag = known.etag { headers["If-None-Match"] = etag }
            if let lastModified = known.lastModified { headers["If-Modified-Since"] = lastModified }
        }
        let fetched: FetchOutcome
        switch await fetcher.get(url, headers: headers) {
        case .disallowed: return .skipped(url: url)
        case let .fetched(outcome): fetched = outcome
        }
        let response: FetchResponse
        switch fetched.usable(notModifiedIsFine: known?.fingerprint != nil) {
        case let .success(usable):
            response = usable
        case let .failure(problem):
            return .failed(
                PageFailure(url: url, reason: problem.reason, detail: problem.detail),
                fetched.record(kind: "posting", url: url, outcome: "failed:" + problem.reason), known: known?.fingerprint)
        }
        if response.status == 304, let fingerprint = known?.fingerprint {
            let page = PageRecord(url: url, status: 304, fingerprint: fingerprint)
            return .unchanged(fingerprint: fingerprint, page, fetched.record(kind: "posting", url: url, outcome: "unchanged"))
        }
        let bodyHash = Fingerprint.of(bytes: response.body)
        var page = PageRecord(
            url: url, status: response.status, etag: response.headers["etag"],
            lastModified: response.headers["last-modified"], bodyHash: bodyHash)
        if let known, known.bodyHash == bodyHash, let fingerprint = known.fingerprint {
            page.fingerprint = fingerprint
            return .unchanged(fingerprint: fingerprint, page, fetched.record(kind: "posting", url: url, outcome: "unchanged"))
        }
        do {
            let (raw, skipped) = try extractor.extract(bytes: response.body, url: response.finalURL, contentType: response.contentType)
            for reason in skipped {
                logger.info("JSON-LD block skipped", metadata: ["url": "\(url)", "reason": "\(reason)"])
            }
            let posting = normaliser.normalise(raw, url: url, defaults: defaults)
            page.fingerprint = posting.fingerprint
            return .stored(posting, page, fetched.record(kind: "posting", url: url, outcome: "stored"))
        } catch {
            let reason = error == .noPosting ? "no_posting" : "unparsable"
            return .failed(
                PageFailure(url: url, reason: reason, detail: error.description),
                fetched.record(kind: "posting", url: url, outcome: "failed:" + reason), known: known?.fingerprint)
        }
    }
}
