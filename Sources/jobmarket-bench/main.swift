import Foundation
import Synchronization
import JobExtract
import JobHTML
import JobModel
import JobNormalise
import JobPipeline
import JobStore

/// Measurements for `Scripts/bench`; each prints one JSON line.
///
///     jobmarket-bench store COUNT DB     upsert COUNT synthetic postings into a new SQLite file,
///                                        then upsert them all again (the nightly re-run)
///     jobmarket-bench fill COUNT DB      upsert COUNT synthetic postings once
///     jobmarket-bench report DB DIR      write every report from DB into DIR; prints seconds and
///                                        the process's peak resident memory
///     jobmarket-bench parse DIR THREADS    libxml2 tree parse (htmlReadMemory + xmlFreeDoc) of every page
///     jobmarket-bench extract DIR THREADS  extraction and normalisation of every page
///     jobmarket-bench raw FILE|DIR...      each page's raw extraction (RawPosting) as one JSON line,
///                                          to compare two extraction methods page by page
// As the jobmarket command does; the same for every measurement here.
BatchMemory.keepFreedMemory()
let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else {
    FileHandle.standardError.write(Data("usage: jobmarket-bench store COUNT DB\n".utf8))
    exit(2)
}

/// A deterministic synthetic posting: every tenth has no salary, skills from a fixed list.
func syntheticPosting(_ index: Int) -> Posting {
    let levels = Level.allCases
    let industries: [Industry] = [.technology, .finance, .healthcare, .retail, .manufacturing]
    let skills = ["Python", "SQL", "PyTorch", "Kubernetes", "Spark", "AWS", "Airflow", "Docker"]
    let low = Double(60_000 + (index * 7919) % 140_000)
    return Posting(
        url: "https://jobs.example/p/\(index)", title: "Data Scientist \(index % 50)",
        canonicalTitle: "Data Scientist", role: "data-scientist", level: levels[index % levels.count],
        company: "Company \(index % 400)", industry: industries[index % industries.count], location: "Austin, TX",
        remote: index % 3 == 0, employmentType: "full_time", datePosted: "2026-11-01",
        salary: index % 10 == 0
            ? nil
            : Salary(
                stated: StatedPay(min: low, max: low + 30_000, currency: "USD", period: .year), annualMinUSD: low,
                annualMaxUSD: low + 30_000, source: .jsonld),
        skills: (0..<(index % 4 + 1)).map { skills[(index + $0) % skills.count] }, education: ["bachelor"],
        certifications: [], extractedFrom: "jsonld", fingerprint: String(format: "%032x", index))
}

switch command {
case "store":
    let count = Int(arguments.dropFirst().first ?? "") ?? 100_000
    let path = arguments.dropFirst(2).first ?? "bench.sqlite"
    // A file path or a postgres:// URL.
    let store = try Storage.open(path)
    let postings = (0..<count).map(syntheticPosting)
    var timings: [Double] = []
    for pass in 0..<2 {
        let run = try store.beginRun(at: "2026-11-0\(pass + 1)T00:00:00Z", configHash: nil)
        let started = Date()
        var index = 0
        while index < postings.count {
            var batch = RunBatch()
            batch.postings = postings[index..<min(index + 1000, postings.count)].map { ($0, "bench") }
            try store.commit(batch, run: run, at: "2026-11-0\(pass + 1)T00:00:00Z")
            index += 1000
        }
        timings.append(Date().timeIntervalSince(started))
        try store.finishRun(run, at: "2026-11-0\(pass + 1)T01:00:00Z", status: "ok", counts: RunCounts())
    }
    print(#"{"postings":\#(count),"insert_seconds":\#(String(format: "%.3f", timings[0])),"update_seconds":\#(String(format: "%.3f", timings[1])),"stored":\#(try store.postingCount())}"#)
case "fill":
    let count = Int(arguments.dropFirst().first ?? "") ?? 100_000
    let store = try PostingStore(path: arguments.dropFirst(2).first ?? "bench.sqlite")
    let run = try store.beginRun(at: "2026-11-01T00:00:00Z", configHash: nil)
    var index = 0
    while index < count {
        var batch = RunBatch()
        batch.postings = (index..<min(index + 1000, count)).map { (syntheticPosting($0), "bench") }
        try store.commit(batch, run: run, at: "2026-11-01T00:00:00Z")
        index += 1000
    }
    try store.finishRun(run, at: "2026-11-01T01:00:00Z", status: "ok", counts: RunCounts())
    print(#"{"postings":\#(try store.postingCount())}"#)
case "report":
    let store = try PostingStore(path: arguments.dropFirst().first ?? "bench.sqlite")
    let directory = URL(fileURLWithPath: arguments.dropFirst(2).first ?? "bench-reports")
    let started = Date()
    let written = try Reporting.write(store: store, config: Config(), to: directory)
    let seconds = Date().timeIntervalSince(started)
    print(#"{"postings":\#(try store.postingCount()),"files":\#(written.count),"seconds":\#(String(format: "%.2f", seconds)),"peak_rss_mb":\#(String(format: "%.1f", peakResidentMegabytes()))}"#)
case "parse", "extract":
    let directory = URL(fileURLWithPath: arguments.dropFirst().first ?? "pages")
    let threads = Int(arguments.dropFirst(2).first ?? "1") ?? 1
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }.sorted()
    let extractor = PostingExtractor()
    let normaliser = Normaliser()
    let work = files.map { directory.appendingPathComponent($0).path }
    let next = Mutex(0)
    let totals = Mutex((bytes: 0, postings: 0))
    let started = Date()
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        while true {
            let index = next.withLock { value in
                defer { value += 1 }
                return value
            }
            guard index < work.count, let data = FileManager.default.contents(atPath: work[index]) else { break }
            let bytes = Array(data)
            var found = 0
            if command == "parse" {
                found = (try? HTMLDocument(bytes: bytes)) == nil ? 0 : 1
            } else if let (raw, _) = try? extractor.extract(bytes: bytes) {
                found = normaliser.normalise(raw, url: nil).title == nil ? 0 : 1
            }
            totals.withLock { $0.bytes += bytes.count; $0.postings += found }
        }
    }
    let seconds = Date().timeIntervalSince(started)
    let (bytes, postings) = totals.withLock { ($0.bytes, $0.postings) }
    print(#"{"mode":"\#(command)","threads":\#(threads),"pages":\#(work.count),"ok":\#(postings),"seconds":\#(String(format: "%.3f", seconds)),"pages_per_second":\#(String(format: "%.1f", Double(work.count) / seconds)),"mb_per_second":\#(String(format: "%.1f", Double(bytes) / 1_048_576 / seconds)),"peak_rss_mb":\#(String(format: "%.1f", peakResidentMegabytes()))}"#)
case "raw":
    var paths: [String] = []
    for argument in arguments.dropFirst() {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: argument).filter { $0.hasSuffix(".html") }.sorted()
            paths += names.map { argument + "/" + $0 }
        } else {
            paths.append(argument)
        }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let extractor = PostingExtractor()
    for path in paths {
        let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())
        let line: String
        do {
            let (raw, skipped) = try extractor.extract(bytes: bytes)
            line = String(decoding: try encoder.encode(raw), as: UTF8.self) + " skipped=\(skipped)"
        } catch {
            line = "error: \(error)"
        }
        print(path + "\t" + line)
    }
default:
    FileHandle.standardError.write(Data("jobmarket-bench: unknown command \(command)\n".utf8))
    exit(2)
}

/// The process's peak resident set size (VmHWM), in megabytes.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}
