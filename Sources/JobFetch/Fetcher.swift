internal import CJobCurl
import Foundation
import Synchronization

/// libcurl's global state is set up once per process, before the first handle.
private let curlInitialized: Void = {
    curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    cjobcurl_keep_freed_memory()
}()

/// Downloads http://, https:// and file:// URLs on libcurl's multi interface.
///
/// One dedicated thread runs the multi handle's event loop; callers `await` their result
/// and never block the cooperative pool. At most `concurrency` transfers run at once, at most
/// `perHostConcurrency` to one host, and two starts to one host are at least `perHostDelayMs` apart.
public final class Fetcher: Sendable {
    private let loop: FetchLoop
    public let options: FetchOptions

    public init(options: FetchOptions = FetchOptions()) {
        _ = curlInitialized
        self.options = options
        loop = FetchLoop(options: options)
        let loop = loop
        let thread = Thread { loop.run() }
        thread.name = "jobmarket.fetch"
        thread.start()
    }

    deinit {
        loop.stop()
    }

    /// Raises the least gap between request starts to `host`, e.g. to a robots.txt Crawl-delay.
    public func setMinimumDelay(forHost host: String, milliseconds: Int) {
        loop.setHostDelay(host.lowercased(), milliseconds: milliseconds)
    }

    /// Fetches one URL.
    ///
    /// - Parameters:
    ///   - url: an absolute http, https or file URL.
    ///   - headers: extra request headers, e.g. `If-None-Match`.
    /// - Returns: the response whatever its status, or why there is none.
    public func fetch(_ url: String, headers: [String: String] = [:]) async -> Result<FetchResponse, FetchError> {
        guard let request = FetchRequest(url: url, headers: headers) else { return .failure(.unsupportedURL(url)) }
        return await withCheckedContinuation { continuation in
            loop.enqueue(request, continuation)
        }
    }
}

typealias FetchContinuation = CheckedContinuation<Result<FetchResponse, FetchError>, Never>

/// The event loop behind a `Fetcher`.
///
/// Invariant for `@unchecked Sendable`: `multi` and every `loop*` property are used only on the
/// loop thread, except `curl_multi_wakeup`, which libcurl allows from any thread and which is
/// called only while holding `shared` and before `stopped` is seen by the loop.
final class FetchLoop: @unchecked Sendable {
    private struct Shared {
        var incoming: [(FetchRequest, FetchContinuation)] = []
        var hostDelays: [String: Int] = [:]
        var stopped = false
    }

    private let options: FetchOptions
    private let multi: UnsafeMutableRawPointer
    private let shared = Mutex(Shared())

    private var loopWaiting: [(FetchRequest, FetchContinuation)] = []
    private var loopActive: [UnsafeMutableRawPointer: Transfer] = [:]
    private var loopHostInFlight: [String: Int] = [:]
    private var loopHostLastStart: [String: UInt64] = [:]
    private var loopHostDelays: [String: Int] = [:]
    /// Easy handles of finished transfers, reset and kept for the next ones (as many as may run at once).
    private var loopIdleHandles: [UnsafeMutableRawPointer] = []

    init(options: FetchOptions) {
        self.options = options
        multi = curl_multi_init()
        cjobcurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(options.concurrency, 4))
    }

    func enqueue(_ request: FetchRequest, _ continuation: FetchContinuation) {
        let accepted = shared.withLock { state in
            guard !state.stopped else { return false }
            state.incoming.append((request, continuation))
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { continuation.resume(returning: .failure(.shutDown)) }
    }

    func setHostDelay(_ host: String, milliseconds: Int) {
        shared.withLock { state in
            state.hostDelays[host] = max(state.hostDelays[host] ?? 0, milliseconds)
        }
    }

    func stop() {
        shared.withLock { state in
            state.stopped = true
            curl_multi_wakeup(multi)
        }
    }

    func run() {
        while true {
            let (incoming, stopping, hostDelays) = shared.withLock { state in
                defer { state.incoming.removeAll() }
                return (state.incoming, state.stopped, state.hostDelays)
            }
            loopWaiting.append(contentsOf: incoming)
            loopHostDelays = hostDelays
            if stopping { break }
            let nextStart = startEligible()
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            // A finished transfer frees a slot: start what waits for it before sleeping.
            if finishCompleted() > 0 { continue }
            // Sleep until a socket is ready, a wake-up, or a host's delay has passed.
            var timeoutMs: Int32 = 1000
            if let nextStart { timeoutMs = Int32(clamping: max(1, min(1000, nextStart / 1_000_000))) }
            // libcurl's own timers (file:// reads, retries of a connect) may want it sooner.
            var curlTimeout = -1
            curl_multi_timeout(multi, &curlTimeout)
            if curlTimeout >= 0 { timeoutMs = min(timeoutMs, Int32(clamping: curlTimeout)) }
            if running > 0 || !loopWaiting.isEmpty || timeoutMs > 0 {
                curl_multi_poll(multi, nil, 0, timeoutMs, nil)
            }
        }
        for (_, continuation) in loopWaiting { continuation.resume(returning: .failure(.shutDown)) }
        for (handle, transfer) in loopActive {
            curl_multi_remove_handle(multi, handle)
            transfer.continuation.resume(returning: .failure(.shutDown))
            curl_easy_cleanup(handle)
        }
        loopActive.removeAll()
        for handle in loopIdleHandles { curl_easy_cleanup(handle) }
        loopIdleHandles.removeAll()
        curl_multi_cleanup(multi)
    }

    /// Starts every waiting request the limits allow.
    /// - Returns: nanoseconds until a request held back by a host delay may start, if any.
    private func startEligible() -> UInt64? {
        guard !loopWaiting.isEmpty else { return nil }
        let now = DispatchTime.now().uptimeNanoseconds
        var nextStart: UInt64?
        var index = 0
        while index < loopWaiting.count && loopActive.count < options.concurrency {
            let (request, continuation) = loopWaiting[index]
            let host = request.host
            if loopHostInFlight[host, default: 0] >= options.perHostConcurrency {
                index += 1
                continue
            }
            let delay = UInt64(max(0, options.perHostDelayMs, loopHostDelays[host] ?? 0)) * 1_000_000
            if let last = loopHostLastStart[host], !host.isEmpty, now - last < delay {
                let wait = delay - (now - last)
                nextStart = min(nextStart ?? wait, wait)
                index += 1
                continue
            }
            loopWaiting.remove(at: index)
            guard let handle = loopIdleHandles.popLast() ?? curl_easy_init() else {
                continuation.resume(returning: .failure(.transport(code: -1, message: "curl_easy_init failed")))
                continue
            }
            let transfer = Transfer(handle: handle, request: request, options: options, continuation: continuation)
            loopActive[transfer.handle] = transfer
            loopHostInFlight[host, default: 0] += 1
            loopHostLastStart[host] = now
            curl_multi_add_handle(multi, transfer.handle)
        }
        return nextStart
    }

    /// Keeps a finished transfer's easy handle for the next one, reset to defaults; frees it when
    /// enough are kept already.
    private func recycle(_ handle: UnsafeMutableRawPointer) {
        if loopIdleHandles.count < options.concurrency {
            curl_easy_reset(handle)
            loopIdleHandles.append(handle)
        } else {
            curl_easy_cleanup(handle)
        }
    }

    /// Hands every finished transfer's result to its caller.
    /// - Returns: how many finished.
    @discardableResult
    private func finishCompleted() -> Int {
        var finished = 0
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, handle)
            guard let transfer = loopActive.removeValue(forKey: handle) else { continue }
            loopHostInFlight[transfer.host, default: 1] -= 1
            transfer.continuation.resume(returning: transfer.result(code: code))
            recycle(handle)
            finished += 1
        }
        return finished
    }
}
