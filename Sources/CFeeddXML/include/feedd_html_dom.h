#ifndef FEEDD_HTML_DOM_H
#define FEEDD_HTML_DOM_H
// The HTML DOM for article extraction. See feedd_html_dom.c.
#endif
