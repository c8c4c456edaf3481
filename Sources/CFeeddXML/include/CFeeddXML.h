// The libxml2 API feedd uses, without a single libxml2 header: Debian's libxml2 headers pull in
// ICU, whose types clash with Foundation's in any Swift module that sees both. Handles are opaque.
#ifndef CFEEDDXML_H
#define CFEEDDXML_H

#include "feedd_xml_common.h"
#include "feedd_xml_feed.h"
#include "feedd_html_dom.h"

#endif
