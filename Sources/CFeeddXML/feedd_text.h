#ifndef FEEDD_TEXT_H
#define FEEDD_TEXT_H
// The text decisions the C side makes — windows-1252, character references — over the generated tables
// FeeddCore's Swift decoders read too (feedd_text_tables.h, written by scripts/lib/gen-text-tables.py), so
// that a feed, a page and a title decode a byte or a reference the same way. Private to CFeeddXML.
#include <stddef.h>
#include <stdint.h>

// The code point of a windows-1252 byte (WHATWG: 0x81, 0x8D, 0x8F, 0x90, 0x9D are the C1 controls).
uint32_t feedd_cp1252(unsigned char c);

// Whether a charset label (lowercase, without spaces) means windows-1252.
int feedd_is_cp1252_label(const char *label);

// Whether XML 1.0 allows the code point in a document.
int feedd_is_xml_char(uint32_t cp);

// How a reference is read. XML: `;` required everywhere. HTML (as FeeddCore's HTMLEntities reads it): numeric
// references may end without `;`, and the legacy names (`&copy 2024`) too unless `=` follows (a URL's query).
enum feedd_reference_rules { FEEDD_REFERENCES_XML, FEEDD_REFERENCES_HTML };

// Reads the reference at p[i] (an `&`): sets *cp to the code point it stands for, or to -1 when it is not a
// reference (a bare `&`, an unknown name), and returns how many bytes it spans (1 when it is not one).
// Numeric references to 0x80–0x9F are read as windows-1252; those to what XML cannot hold become U+FFFD, except
// that with the HTML rules one to a control character (a scalar all the same) is FEEDD_REFERENCE_DROPPED.
enum { FEEDD_REFERENCE_DROPPED = -2 };
size_t feedd_read_reference(const unsigned char *p, size_t n, size_t i, enum feedd_reference_rules rules, long *cp);

// `bytes` (HTML in an ASCII-compatible encoding) with every character reference libxml2's HTML parser would read
// differently from feedd's table rewritten as the numeric reference it stands for: names libxml2 does not know
// (`&apos;`, HTML5 names), HTML5 values (`&lang;`), windows-1252 numbers (`&#146;`), legacy names without `;`.
// Script and style contents are left alone. Returns NULL when nothing needs rewriting (or memory ran out);
// otherwise a malloc'd copy the caller frees, its length in *outLength.
char *feedd_html_rewrite_references(const char *bytes, size_t length, size_t *outLength);
// The same, written into *buffer (*bufferCapacity bytes, grown with realloc as needed; the caller keeps and frees
// it), so that a buffer can serve page after page: a fresh page-sized allocation per page cost page faults.
// Returns *buffer when something was rewritten, NULL otherwise (or when memory ran out).
char *feedd_html_rewrite_references_into(const char *bytes, size_t length, size_t *outLength, char **buffer,
                                         size_t *bufferCapacity);
#endif
