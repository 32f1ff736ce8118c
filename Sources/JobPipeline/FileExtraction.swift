import Foundation
import JobExtract
import JobModel
import JobNormalise
import Synchronization

/// Extracts postings from files on disk on all cores; results keep the order of the input.
public struct FileExtraction: Sendable {
    public let extractor: PostingExtractor
    public let normaliser: Normaliser

    public init(extractor: PostingExtractor = PostingExtractor(), normaliser: Normaliser = Normaliser()) {
        self.extractor = extractor
        self.normaliser = normaliser
    }

    /// One JSON line per file; `failed` is true when the file could not be read or held no posting.
    public func lines(for files: [String], url: String?) -> [(line: String, failed: Bool)] {
        let results = Mutex([(line: String, failed: Bool)?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = line(for: files[index], url: url)
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    func line(for file: String, url: String?) -> (line: String, failed: Bool) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return (JSONValue.object(PostingJSON.failure(file: file, url: url, error: "cannot read file")).rendered(), true)
        }
        do {
            let (raw, _) = try extractor.extract(bytes: Array(data), url: url)
            let posting = normaliser.normalise(raw, url: url)
            return (JSONValue.object(PostingJSON.object(file: file, posting: posting)).rendered(), false)
        } catch {
            return (JSONValue.object(PostingJSON.failure(file: file, url: url, error: error.description)).rendered(), true)
        }
    }
}
