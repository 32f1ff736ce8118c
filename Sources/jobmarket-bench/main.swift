import Foundation
import JobModel
import JobPipeline
import JobStore

/// Measurements for `Scripts/bench`; each prints one JSON line.
///
///     jobmarket-bench store COUNT DB     upsert COUNT synthetic postings into a new SQLite file,
///                                        then upsert them all again (the nightly re-run)
///     jobmarket-bench fill COUNT DB      upsert COUNT synthetic postings once
///     jobmarket-bench report DB DIR      write every report from DB into DIR; prints seconds and
///                                        the process's peak resident memory
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
    let store = try PostingStore(path: path)
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
