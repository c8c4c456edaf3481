#ifndef FEEDD_XML_FEED_H
#define FEEDD_XML_FEED_H
// Streaming (SAX2-style) XML parsing for feeds, libxml2-free on the outside. One call parses a whole
// in-memory document and reports elements and text through C callbacks. First the bytes are
// transcoded to UTF-8 and repaired (see feedd_xml_feed.c): invalid UTF-8 becomes U+FFFD, HTML named
// entities become character references, a stray `&` becomes `&#38;`, bytes before the root are
// skipped. Then feedd's own tokenizer reads a well-formed document (feedd_xml_tokens.c); anything it
// is not sure of goes, whole, to libxml2's SAX2 parser, and both report the same events. No entity is
// ever expanded from a DTD and nothing is loaded from the network.

#include <stddef.h>

/// Namespaces feeds use, recognized by URI (not prefix), including common misspellings.
enum {
    CFeeddXML_NS_NONE = 0,       // no namespace (plain RSS 0.9x/2.0 elements)
    CFeeddXML_NS_OTHER = 1,      // some namespace feedd does not interpret (URI is passed along)
    CFeeddXML_NS_ATOM10 = 2,     // http://www.w3.org/2005/Atom
    CFeeddXML_NS_ATOM03 = 3,     // http://purl.org/atom/ns#
    CFeeddXML_NS_RDF = 4,        // http://www.w3.org/1999/02/22-rdf-syntax-ns#
    CFeeddXML_NS_RSS10 = 5,      // http://purl.org/rss/1.0/
    CFeeddXML_NS_RSS090 = 6,     // http://my.netscape.com/rdf/simple/0.9/
    CFeeddXML_NS_DC = 7,         // http://purl.org/dc/elements/1.1/ and /dc/terms/
    CFeeddXML_NS_CONTENT = 8,    // http://purl.org/rss/1.0/modules/content/
    CFeeddXML_NS_SY = 9,         // http://purl.org/rss/1.0/modules/syndication/
    CFeeddXML_NS_MEDIA = 10,     // http://search.yahoo.com/mrss/
    CFeeddXML_NS_ITUNES = 11,    // http://www.itunes.com/dtds/podcast-1.0.dtd
    CFeeddXML_NS_SLASH = 12,     // http://purl.org/rss/1.0/modules/slash/
    CFeeddXML_NS_XHTML = 13,     // http://www.w3.org/1999/xhtml
    CFeeddXML_NS_XML = 14,       // http://www.w3.org/XML/1998/namespace (xml:base, xml:lang)
    CFeeddXML_NS_WFW = 15,       // http://wellformedweb.org/CommentAPI/
    CFeeddXML_NS_FEEDBURNER = 16 // http://rssnamespace.org/feedburner/ext/1.0
};

/// One attribute of a start tag. `value` is not NUL-terminated: use `length`.
typedef struct CFeeddXML_Attribute {
    int ns;
    const char *name;
    const char *value;
    size_t length;
} CFeeddXML_Attribute;

/// Element start: namespace id, local name, its feed element number (CFeeddXML_feedElement), attributes.
/// Element and attribute names are interned for the whole parse (by feedd's tokenizer or by libxml2): one
/// pointer is always the same name, and it stays valid until the parse returns.
typedef void (*CFeeddXML_StartFn)(void *context, int ns, const char *name, int element,
                                  const CFeeddXML_Attribute *attributes, int count);
/// Element end.
typedef void (*CFeeddXML_EndFn)(void *context, int ns, const char *name);
/// Character data (text and CDATA alike), UTF-8, not NUL-terminated.
typedef void (*CFeeddXML_TextFn)(void *context, const char *bytes, size_t length);

typedef struct CFeeddXML_FeedCallbacks {
    CFeeddXML_StartFn start;
    CFeeddXML_EndFn end;
    CFeeddXML_TextFn text;
} CFeeddXML_FeedCallbacks;

typedef struct CFeeddXML_FeedLimits {
    /// Deepest element nesting accepted; deeper input stops the parse with CFeeddXML_FEED_TOO_DEEP.
    int maxDepth;
    /// Charset from the HTTP Content-Type, or NULL.
    const char *charset;
    /// Which reader may read the document (CFeeddXML_READ_*): all but AUTO are for comparing them.
    int reader;
} CFeeddXML_FeedLimits;

enum {
    CFeeddXML_READ_AUTO = 0,     // feedd's tokenizer, on the decoded or the repaired bytes, else libxml2
    CFeeddXML_READ_LIBXML2 = 1,  // libxml2 alone
    CFeeddXML_READ_REPAIRED = 2  // feedd's tokenizer on the repaired bytes only, else libxml2
};

enum {
    CFeeddXML_FEED_OK = 0,        // parsed, possibly with recovered errors (see errorCount)
    CFeeddXML_FEED_TOO_DEEP = 1,  // stopped: nesting deeper than maxDepth
    CFeeddXML_FEED_NO_MEMORY = 2  // nothing parsed: allocation failed
};

typedef struct CFeeddXML_FeedResult {
    int status;
    /// Recovered well-formedness errors; the first one is described below.
    int errorCount;
    int errorLine;
    char message[256];
    /// The encoding the bytes were decoded from (lowercase label).
    char encoding[40];
    /// Who read the document: 0 libxml2, 1 feedd's tokenizer (repaired bytes), 2 feedd's tokenizer (decoded bytes).
    int tokenized;
} CFeeddXML_FeedResult;

/// Parses `bytes` as XML and reports events to `callbacks` with `context`. Returns result->status.
/// The caller keeps ownership of `bytes`; nothing reported outlives the callback it was passed to.
int CFeeddXML_feedParse(const unsigned char *bytes, size_t length, const CFeeddXML_FeedLimits *limits,
                        const CFeeddXML_FeedCallbacks *callbacks, void *context, CFeeddXML_FeedResult *result);

/// Decodes `bytes` in `charset` (NULL: sniff BOM, else UTF-8 with windows-1252 fallback) to valid
/// UTF-8. Returns a malloc'd buffer the caller frees with CFeeddXML_free, and its length in *outLength.
unsigned char *CFeeddXML_toUTF8(const unsigned char *bytes, size_t length, const char *charset, size_t *outLength);

/// Decodes `bytes` from exactly `charset` (an iconv name; windows-1252 and its Latin-1 aliases by feedd's table)
/// to UTF-8, undecodable bytes as U+FFFD: no sniffing, the caller chose the charset. Returns a malloc'd buffer
/// the caller frees with CFeeddXML_free, its length in *outLength; NULL when iconv does not know the charset
/// (or memory ran out).
unsigned char *CFeeddXML_decodeCharset(const unsigned char *bytes, size_t length, const char *charset,
                                       size_t *outLength);

/// The number of a local name in feedd's feed vocabulary (`FeedElement` in Swift, same order), 0 when it
/// is not one of them. Case-sensitive, as XML names are.
int CFeeddXML_feedElement(const char *name);

void CFeeddXML_free(void *pointer);

#endif
