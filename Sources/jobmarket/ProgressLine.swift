import Foundation
import JobPipeline
import Synchronization

/// A one-line progress display on stderr when it is a terminal: pages done of found, and the rate.
final class ProgressLine: Sendable {
    let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastDraw = Mutex<Double>(-1)

    func show(_ progress: RunProgress) {
        let due = lastDraw.withLock { last in
            guard progress.seconds - last >= 0.2 || progress.done == progress.found else { return false }
            last = progress.seconds
            return true
        }
        guard due else { return }
        let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
        let line = "\r\u{1B}[K\(progress.source): \(progress.done)/\(progress.found) pages, "
            + String(format: "%.0f pages/s", rate) + (progress.failed > 0 ? ", \(progress.failed) failed" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if isTerminal && lastDraw.withLock({ $0 >= 0 }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
