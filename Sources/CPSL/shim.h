// libpsl, the Public Suffix List library libcurl already links (Debian: libpsl5, headers in libpsl-dev).
// feedd asks it one thing: the registrable domain of a host (FeeddCore's `RegistrableDomain`), with the
// list compiled into the library (`psl_builtin()`), so no file is read at run time.
#include <libpsl.h>
