// Element names to small numbers, so that extraction's several tree walks test an integer instead of building
// and comparing a String (or hashing one into a Set) for every element they pass.
#include <stdint.h>
#include <libxml/tree.h>
#include "feedd_html_dom.h"

// Sorted by strcmp; a name's number is its index plus one. Mirrored, in this order, by HTMLTag in FeeddContent.
static const char *const tag_names[] = {
    "a", "address", "article", "aside", "audio", "b", "blockquote", "body", "br", "button", "canvas", "caption",
    "center", "dd", "details", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure",
    "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "img",
    "input", "li", "link", "main", "map", "math", "menu", "meta", "nav", "noscript", "object", "ol", "p", "picture",
    "pre", "rp", "rt", "script", "section", "select", "source", "span", "strong", "style", "summary", "svg", "table", "tbody",
    "td", "template", "textarea", "th", "thead", "time", "title", "tr", "ul", "video",
};

// Compares a NUL-terminated name with a table entry, byte by byte: the names are short, and a libc call per
// comparison cost more than the loop.
static int compare_name(const char *name, const char *entry) {
    while (*name != 0 && *name == *entry) {
        name++;
        entry++;
    }
    return (unsigned char)*name - (unsigned char)*entry;
}

int CFeeddXML_html_tag_lookup(const char *name) {
    size_t low = 0, high = sizeof tag_names / sizeof tag_names[0];
    while (low < high) {
        size_t mid = (low + high) / 2;
        int order = compare_name(name, tag_names[mid]);
        if (order == 0) return (int)mid + 1;
        if (order < 0) high = mid;
        else low = mid + 1;
    }
    return 0;
}

int CFeeddXML_html_node_tag_first(const CFeeddXML_html_node *node) {
    xmlNode *n = (xmlNode *)node;
    int tag = CFeeddXML_html_tag_lookup((const char *)n->name);
    n->_private = (void *)(intptr_t)(tag + 1);
    return tag;
}
