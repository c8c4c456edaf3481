// Carries libxml2's compiler and linker flags only. Swift code never imports this module:
// Debian's libxml2 headers pull in ICU, which clashes with Foundation. CFeeddXML wraps it.
#include <libxml/xmlversion.h>
