internal import CJobCurl
import Foundation

/// One request in flight: its easy handle, the bytes received so far and who waits for them.
///
/// Owned by the fetch loop's thread; libcurl's callbacks reach it through `Unmanaged` userdata
/// on that same thread. It is intentionally **not** thread safe.
final class Transfer {
    let url: String
    let host: String
    let handle: UnsafeMutableRawPointer
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    var exceededLimit = false
    let maxBytes: Int
    let timeoutMilliseconds: Int
    let started = DispatchTime.now()
    let continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>

    /// - Parameters:
    ///   - handle: an easy handle, fresh or reset, that this transfer uses until it is done; the
    ///     fetch loop owns it and reuses it for the next transfer.
    init(
        handle: UnsafeMutableRawPointer, request: FetchRequest, options: FetchOptions,
        continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    ) {
        self.handle = handle
        self.url = request.url
        self.host = request.host
        self.maxBytes = options.maxBytes
        self.timeoutMilliseconds = Int(options.timeoutSeconds * 1000)
        self.continuation = continuation
        configure(request: request, options: options)
    }

    deinit {
        curl_slist_free_all(requestHeaders)
    }

    private func configure(request: FetchRequest, options: FetchOptions) {
        cjobcurl_setopt_string(handle, CURLOPT_URL, request.url)
        cjobcurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        // file:// is allowed for the first request only; redirects may go to http(s) alone.
        cjobcurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https,file")
        cjobcurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        cjobcurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        cjobcurl_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects)
        cjobcurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(options.timeoutSeconds * 1000))
        cjobcurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeoutSeconds * 1000))
        // A server that drips bytes is cut off.
        cjobcurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond)
        cjobcurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        cjobcurl_setopt_offt(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBytes))
        cjobcurl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        // An empty string asks for every encoding this libcurl decodes (gzip, deflate, br, zstd).
        cjobcurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            requestHeaders = curl_slist_append(requestHeaders, "\(name): \(value)")
        }
        if let requestHeaders { cjobcurl_setopt_slist(handle, CURLOPT_HTTPHEADER, requestHeaders) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        cjobcurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        cjobcurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            let length = size * count
            guard transfer.body.count + length <= transfer.maxBytes else {
                transfer.exceededLimit = true
                return 0  // anything but `length` aborts the transfer
            }
            data?.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
            }
            return length
        }
        cjobcurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        cjobcurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            let length = size * count
            guard let data else { return length }
            data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                transfer.receivedHeaderLine(UnsafeBufferPointer(start: bytes, count: length))
            }
            return length
        }
    }

    /// Keeps the headers of the last response only: a redirect's headers are dropped.
    /// Parses the raw line without Foundation: this runs for every header of every page.
    private func receivedHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.starts(with: [0x48, 0x54, 0x54, 0x50, 0x2F]) {  // "HTTP/"
            headers = [:]
            return
        }
        guard let colon = bytes.firstIndex(of: 0x3A) else { return }
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
            while upper > lower && [0x20, 0x09, 0x0D, 0x0A].contains(bytes[upper - 1]) { upper -= 1 }
            return lower..<upper
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmed(0..<colon)]), as: UTF8.self).lowercased()
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmed((colon + 1)..<bytes.count)]), as: UTF8.self)
        headers[name] = value
        // Knowing the size ahead saves growing the body buffer while it arrives.
        if name == "content-length", let length = Int(value), length > 0, length <= maxBytes {
            body.reserveCapacity(length)
        }
    }

    /// The outcome, once libcurl reports the transfer done with `code`.
    func result(code: CURLcode) -> Result<FetchResponse, FetchError> {
        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
        if exceededLimit || code == CURLE_FILESIZE_EXCEEDED { return .failure(.tooLarge(limit: maxBytes)) }
        guard code == CURLE_OK else {
            if code == CURLE_OPERATION_TIMEDOUT {
                // libcurl reports a connect timeout and the low-speed cut-off as timeouts too: a
                // connected transfer that ended well before the total limit was cut for slowness.
                var connectSeconds = 0.0
                cjobcurl_getinfo_double(handle, CURLINFO_CONNECT_TIME, &connectSeconds)
                let early = Double(elapsed) < Double(timeoutMilliseconds) * 0.9
                return .failure(connectSeconds > 0 && early ? .slow : .timedOut)
            }
            let message = curl_easy_strerror(code).map { String(cString: $0) } ?? "unknown error"
            return .failure(.transport(code: Int(code.rawValue), message: message))
        }
        var status = 0
        cjobcurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>?
        cjobcurl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let finalURL = effective.map { String(cString: $0) } ?? url
        // libcurl reports no status for file://; a file that was read is a success.
        if status == 0 && finalURL.hasPrefix("file:") { status = 200 }
        return .success(
            FetchResponse(
                url: url, finalURL: finalURL, status: status, headers: headers, body: body, milliseconds: elapsed))
    }
}
