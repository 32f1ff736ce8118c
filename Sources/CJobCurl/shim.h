#ifndef CJOBCURL_SHIM_H
#define CJOBCURL_SHIM_H
#include <curl/curl.h>
#include <malloc.h>

// Page bodies are allocated and freed by the thousand. glibc gives freed heap memory back to the
// kernel as soon as 128 KB lie unused at the top of the heap, so every new body is faulted in
// afresh (measured: 6 page faults per 50 KB page). Keeping up to 64 MB lets freed bodies be reused.
static inline void cjobcurl_keep_freed_memory(void) {
#ifdef M_TRIM_THRESHOLD
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
#endif
}

// curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are variadic, which
// Swift cannot call: one typed wrapper per argument kind.
static inline CURLcode cjobcurl_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
// libcurl copies string options (except CURLOPT_POSTFIELDS, which we never use).
static inline CURLcode cjobcurl_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cjobcurl_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cjobcurl_setopt_offt(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cjobcurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
typedef size_t (*cjobcurl_data_callback)(char *, size_t, size_t, void *);
static inline CURLcode cjobcurl_setopt_data_callback(CURL *h, CURLoption o, cjobcurl_data_callback f) {
    return curl_easy_setopt(h, o, f);
}
static inline CURLcode cjobcurl_getinfo_long(CURL *h, CURLINFO i, long *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode cjobcurl_getinfo_double(CURL *h, CURLINFO i, double *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode cjobcurl_getinfo_string(CURL *h, CURLINFO i, char **out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode cjobcurl_getinfo_pointer(CURL *h, CURLINFO i, void **out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLMcode cjobcurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
#endif
