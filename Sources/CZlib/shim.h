#ifndef DEDUP_CZLIB_SHIM_H
#define DEDUP_CZLIB_SHIM_H
// zlib, for reading gzip-compressed corpora with a streaming inflate.
#include <zlib.h>

// inflateInit2 is a macro (it passes zlib's version and the stream's size), which Swift cannot call.
// 15 + 32: the largest window, and a gzip or zlib header detected automatically.
static inline int dedup_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
