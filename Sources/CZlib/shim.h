#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; Swift sees functions only.
static inline int reform_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
