#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; Swift sees functions only.
static inline int reform_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

/// deflateInit2 is a macro too: raw DEFLATE at `level`.
static inline int reform_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
