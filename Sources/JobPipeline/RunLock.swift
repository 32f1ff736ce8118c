import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run at a time per database: an exclusive `flock` on `<database>.lock`, released by the
/// kernel when the holder exits, so a lock left by a killed process never blocks the next run.
public final class RunLock {
    private let descriptor: Int32
    public let path: String

    /// Why the lock could not be taken.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case held(path: String, holder: String)
        case cannotOpen(path: String, reason: String)

        public var description: String {
            switch self {
            case let .held(path, holder): "another run holds the database (\(holder); lock file \(path))"
            case let .cannotOpen(path, reason): "cannot open lock file \(path): \(reason)"
            }
        }
    }

    public init(databasePath: String) throws(Failure) {
        path = databasePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw .held(path: path, holder: holder.isEmpty ? "unknown process" : holder)
        }
        let note = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(Timestamp.now())\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// UTC timestamps as the database and reports write them.
public enum Timestamp {
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
