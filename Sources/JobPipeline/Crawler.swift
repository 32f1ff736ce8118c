import Foundation
import JobFetch
import JobHTML
import JobStore
import Logging

/// A page that could not be used, with a short reason (`http_404`, `timeout`, `no_posting`, …).
public struct PageFailure: Error, Sendable, Equatable {
    public var url: String
    public var reason: String
    public var detail: String

    public init(url: String, reason: String, detail: String) {
        self.url = url
        self.reason = reason
        self.detail = detail
    }
}

/// Walks a source's listing pages: start URLs → posting links → next page, up to `max_pages`.
struct Crawler {
    let fetcher: PoliteFetcher
    let logger: Logger

    struct Listing {
        var postingURLs: [String] = []
        var pagesFetched = 0
        var failures: [PageFailure] = []
        var skippedByRobots: [String] = []
        var fetches: [FetchRecord] = []
    }

    func crawl(_ source: Config.Source, startURLs: [String]) async -> Listing {
        var listing = Listing()
        var seenPages = Set<String>()
        var seenPostings = Set<String>()
        let allowedHosts = ListingPage.allowedHosts(source, startURLs: startURLs)
        let pageLimit = source.maxPages * max(1, startURLs.count)
        var queue = startURLs
        while !queue.isEmpty && seenPages.count < pageLimit {
            let url = queue.removeFirst()
            guard seenPages.insert(url).inserted else { continue }
            let fetched: FetchOutcome
            switch await fetcher.get(url) {
            case .disallowed:
                listing.skippedByRobots.append(url)
                listing.fetches.append(
                    FetchRecord(kind: "listing", url: url, status: nil, bytes: 0, milliseconds: 0, retries: 0, outcome: "skipped:robots"))
                continue
            case let .fetched(outcome):
                fetched = outcome
            }
            let response: FetchResponse
            switch fetched.usable() {
            case let .success(usable):
                response = usable
            case let .failure(problem):
                listing.failures.append(PageFailure(url: url, reason: problem.reason, detail: "listing page: " + problem.detail))
                listing.fetches.append(fetched.record(kind: "listing", url: url, outcome: "failed:" + problem.reason))
                continue
            }
            listing.pagesFetched += 1
            listing.fetches.append(fetched.record(kind: "listing", url: url, outcome: "listing"))
            let links: ListingPage
            switch ListingPage.read(response, source: source, allowedHosts: allowedHosts, logger: logger) {
            case let .success(page): links = page
            case let .failure(failure):
                listing.failures.append(failure)
                continue
            }
            for link in links.postings where seenPostings.insert(link).inserted { listing.postingURLs.append(link) }
            if let next = links.next, !seenPages.contains(next) { queue.append(next) }
            logger.debug(
                "listing page", metadata: ["url": "\(url)", "links.count": "\(links.postings.count)", "source": "\(source.name)"])
        }
        return listing
    }
}

/// What a listing page links to: postings, and the next page of the listing.
struct ListingPage: Sendable {
    var postings: [String] = []
    var next: String?

    /// Reads the links of a fetched listing page that stay on the source's hosts.
    static func read(
        _ response: FetchResponse, source: Config.Source, allowedHosts: Set<String>, logger: Logger
    ) -> Result<ListingPage, PageFailure> {
        let url = response.url
        let document: HTMLDocument
        do {
            document = try HTMLDocument(bytes: response.body, url: response.finalURL, contentType: response.contentType)
        } catch {
            return .failure(PageFailure(url: url, reason: "unparsable", detail: error.description))
        }
        let base = (try? document.firstText("//base/@href")).flatMap { $0 }
            .flatMap { LinkResolver.resolve($0, against: response.finalURL) } ?? response.finalURL
        let links: [String]
        do {
            links = try document.strings(source.postingLinks)
        } catch {
            return .failure(PageFailure(url: url, reason: "bad_xpath", detail: error.description))
        }
        var page = ListingPage()
        var seen = Set<String>()
        for link in links {
            guard let resolved = LinkResolver.resolve(link, against: base) else { continue }
            guard allowedHosts.contains(LinkResolver.host(of: resolved)) else {
                logger.debug("link leaves the source's hosts", metadata: ["url": "\(resolved)"])
                continue
            }
            if seen.insert(resolved).inserted { page.postings.append(resolved) }
        }
        if let next = source.nextPage, let link = (try? document.strings(next))?.first,
            let resolved = LinkResolver.resolve(link, against: base), allowedHosts.contains(LinkResolver.host(of: resolved))
        {
            page.next = resolved
        }
        return .success(page)
    }

    /// The hosts a source's links may lead to: its start URLs' and the configured ones.
    static func allowedHosts(_ source: Config.Source, startURLs: [String]) -> Set<String> {
        Set(startURLs.map(LinkResolver.host(of:)) + source.allowedHosts.map { $0.lowercased() })
    }
}
