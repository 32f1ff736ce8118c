#ifndef CJOBXML2_SHIM_H
#define CJOBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system
// <unicode/ucnv.h>, whose types clash with Foundation's own ICU module
// ("'UErrorCode' has different definitions in different modules"). We never
// touch libxml2's ICU converter fields, so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// `xmlFree` is a global function-pointer variable, which Swift 6 refuses to
// read ("not concurrency-safe"). Call it through a plain function.
static inline void cjobxml2_free(void *ptr) { xmlFree(ptr); }

// Silences libxml2's generic error printer for the calling thread.
static inline void cjobxml2_ignore_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cjobxml2_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, cjobxml2_ignore_error);
}

#endif
