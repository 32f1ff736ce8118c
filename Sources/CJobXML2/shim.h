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
#include <libxml/parserInternals.h>
#include <string.h>

// `xmlFree` is a global function-pointer variable, which Swift 6 refuses to
// read ("not concurrency-safe"). Call it through a plain function.
static inline void cjobxml2_free(void *ptr) { xmlFree(ptr); }

// Silences libxml2's generic error printer for the calling thread.
static inline void cjobxml2_ignore_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cjobxml2_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, cjobxml2_ignore_error);
}

// The callbacks of a streaming (SAX) read; `user` is the pointer given to cjobxml2_sax_read.
typedef void (*cjobxml2_start_element)(void *user, const xmlChar *name, const xmlChar **attributes);
typedef void (*cjobxml2_end_element)(void *user, const xmlChar *name);
typedef void (*cjobxml2_characters)(void *user, const xmlChar *text, int length);
typedef void (*cjobxml2_comment)(void *user, const xmlChar *text);
typedef void (*cjobxml2_instruction)(void *user, const xmlChar *target, const xmlChar *data);
typedef void (*cjobxml2_start_document)(void *user);

// Reads an HTML page through libxml2's SAX interface, building no tree: the same steps as
// htmlReadMemory (its context, options and encoding switch), with our callbacks in place of the
// tree builder's. Text arrives through `characters`, script and style content through `cdata`;
// comments and processing instructions only through `separator`, which the tree builder would
// have put between two text nodes. Returns -1 when no parser context could be made.
static inline int cjobxml2_sax_read(const char *buffer, int size, const char *encoding, int options, void *user,
                                    cjobxml2_start_document start_document, cjobxml2_start_element start_element,
                                    cjobxml2_end_element end_element, cjobxml2_characters characters,
                                    cjobxml2_characters cdata, cjobxml2_comment comment,
                                    cjobxml2_instruction instruction) {
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL || ctxt->sax == NULL) {
        if (ctxt != NULL) xmlFreeParserCtxt(ctxt);
        return -1;
    }
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof(handler));
    handler.startDocument = start_document;
    handler.startElement = start_element;
    handler.endElement = end_element;
    handler.characters = characters;
    handler.cdataBlock = cdata;
    handler.comment = comment;
    handler.processingInstruction = instruction;
    handler.initialized = 1;  // a SAX1-style handler, as htmlDefaultSAXHandler is
    memcpy(ctxt->sax, &handler, sizeof(xmlSAXHandlerV1));
    ctxt->userData = user;
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr encoder = xmlFindCharEncodingHandler(encoding);
        if (encoder != NULL) {
            xmlSwitchToEncoding(ctxt, encoder);
            if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    htmlParseDocument(ctxt);
    xmlFreeParserCtxt(ctxt);
    return 0;
}

#endif
