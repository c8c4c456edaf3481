#ifndef FEEDD_BYTES_H
#define FEEDD_BYTES_H
// Byte-level helpers the C readers share (the HTML tree builder, the feed tokenizer, the feed repair pass):
// growing an array by doubling, and writing a code point as UTF-8. Private to CFeeddXML.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

// Grows `*array` (of `size`-byte elements) to hold at least `needed`, doubling from `first` (or the current
// capacity); 0 when out of memory, the array left as it was.
static inline int feedd_grow(void **array, size_t *capacity, size_t needed, size_t size, size_t first) {
    if (needed <= *capacity) return 1;
    size_t wanted = *capacity ? *capacity : first;
    while (wanted < needed) wanted *= 2;
    void *grown = realloc(*array, wanted * size);
    if (!grown) return 0;
    *array = grown;
    *capacity = wanted;
    return 1;
}

// Writes `cp` (a Unicode scalar) as UTF-8 at `out`, which has room for 4 bytes; returns how many were written.
static inline size_t feedd_put_utf8(unsigned char *out, uint32_t cp) {
    if (cp < 0x80) { out[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { out[0] = 0xC0 | (cp >> 6); out[1] = 0x80 | (cp & 0x3F); return 2; }
    if (cp < 0x10000) {
        out[0] = 0xE0 | (cp >> 12); out[1] = 0x80 | ((cp >> 6) & 0x3F); out[2] = 0x80 | (cp & 0x3F);
        return 3;
    }
    out[0] = 0xF0 | (cp >> 18); out[1] = 0x80 | ((cp >> 12) & 0x3F);
    out[2] = 0x80 | ((cp >> 6) & 0x3F); out[3] = 0x80 | (cp & 0x3F);
    return 4;
}

#endif
