#ifndef FEEDD_HTML_BUILD_H
#define FEEDD_HTML_BUILD_H
// feedd's own HTML tree builder (feedd_html_build.c): the tree libxml2 2.9's HTML parser builds, made without it.

#include <stddef.h>
#include <libxml/HTMLparser.h>

/// Builds the libxml2 document that htmlReadMemory(bytes, length, NULL, "UTF-8", RECOVER | NONET | NOERROR |
/// NOWARNING) builds from valid UTF-8 without comments (the lean copy): same elements, attributes, text and
/// script data, in the same places. NULL when memory ran out. The caller frees it with xmlFreeDoc.
htmlDocPtr feedd_html_build(const char *bytes, size_t length);

#endif
