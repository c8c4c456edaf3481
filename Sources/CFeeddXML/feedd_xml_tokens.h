#ifndef FEEDD_XML_TOKENS_H
#define FEEDD_XML_TOKENS_H
// feedd's own tokenizer for the repaired feed bytes (see feedd_xml_tokens.c). Internal to CFeeddXML.

#include <stddef.h>
#include "feedd_xml_feed.h"

/// Text the repair pass decoded itself (CDATA, text with references), stood for in the repaired bytes by
/// `<?feedd-cdata N?>`: its bytes are at `source` (or, while the table is built, at `offset` in the side buffer).
typedef struct feedd_text_run {
    const unsigned char *source;
    size_t offset;
    size_t length;
} feedd_text_run;

typedef struct feedd_tokens feedd_tokens;

/// A tokenizer's reusable state (names, events and buffers kept between documents); NULL when out of memory.
feedd_tokens *feedd_tokens_new(void);
void feedd_tokens_free(feedd_tokens *tokens);

/// Reads the repaired document `p[0..<n)` into a list of events. Returns 1 when the document is well-formed
/// in every way it checks, so that libxml2 would report exactly these events and no error or warning; 0 when
/// anything is outside what it can prove (then nothing is delivered and libxml2 parses the document).
int feedd_tokens_read(feedd_tokens *tokens, const unsigned char *p, size_t n, const feedd_text_run *runs,
                      size_t runCount, int maxDepth);

/// Reads the decoded document `p[0..<n)` itself, from `start` (where the repair pass would start), into a list
/// of events: the events feedd_tokens_read would make of what the repair pass makes of it, when the document
/// needs nothing of that pass but references decoded (no control character, no DOCTYPE, no stray '<', ...).
/// Returns 0 otherwise, or when feedd_tokens_read would; then the document goes through the repair pass.
int feedd_tokens_read_source(feedd_tokens *tokens, const unsigned char *p, size_t n, size_t start, int maxDepth);

/// Delivers the events of the last successful read, in order.
void feedd_tokens_replay(feedd_tokens *tokens, const CFeeddXML_FeedCallbacks *callbacks, void *context);

/// Frees what one large document made the buffers grow to (its events are gone after this).
void feedd_tokens_trim(feedd_tokens *tokens);

/// The namespace id (CFeeddXML_NS_*) of a namespace URI (in feedd_xml_feed.c).
int feedd_namespace_id(const char *uri);

#endif
