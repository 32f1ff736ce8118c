import ArgumentParser
import Foundation
import JobFetch

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download URLs (one per line of a file) with the nightly job's fetcher; prints a JSON summary.")

    @Option(name: .long, help: "File with one URL per line.")
    var urlFile: String

    @Option(name: .long, help: "Folder to save each body in (as 000001.html, …), in the order of the file.")
    var out: String?

    @Option(name: .long, help: "Transfers in flight overall.")
    var concurrency = 16

    @Option(name: .long, help: "Transfers in flight to one host.")
    var perHost = 16

    @Option(name: .long, help: "Least gap between request starts to one host, in milliseconds.")
    var delayMs = 0

    func run() async throws {
        await withExitStatus {
            guard let text = try? String(contentsOfFile: urlFile, encoding: .utf8) else {
                throw CommandFailure(message: "cannot read \(urlFile)", status: .usage)
            }
            let urls = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
            if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
            let fetcher = Fetcher(
                options: FetchOptions(concurrency: concurrency, perHostConcurrency: perHost, perHostDelayMs: delayMs))
            let started = Date()
            var bytes = 0
            var failed = 0
            try await withThrowingTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
                var next = 0
                func startNext() {
                    guard next < urls.count else { return }
                    let index = next
                    next += 1
                    group.addTask { (index, await fetcher.fetch(urls[index])) }
                }
                for _ in 0..<(concurrency * 2) { startNext() }
                while let (index, result) = try await group.next() {
                    startNext()
                    switch result {
                    case let .success(response) where response.isSuccess:
                        bytes += response.body.count
                        if let out {
                            let name = String(format: "%06d.html", index + 1)
                            try Data(response.body).write(to: URL(fileURLWithPath: out).appendingPathComponent(name))
                        }
                    default:
                        failed += 1
                    }
                }
            }
            let seconds = Date().timeIntervalSince(started)
            print(
                #"{"pages":\#(urls.count),"failed":\#(failed),"bytes":\#(bytes),"seconds":\#(String(format: "%.3f", seconds)),"pages_per_second":\#(String(format: "%.1f", Double(urls.count) / seconds))}"#)
            return failed == 0 ? .ok : .someFailed
        }
    }
}
