#if arch(x86_64)
    import _Builtin_intrinsics.intel
    import _Builtin_intrinsics.intel.cpuid
#endif

/// SHA-256 block compression on the x86 SHA extensions (Intel since Goldmont and Ice Lake, AMD
/// since Zen). Hashing a large export in portable Swift costs about as much CPU as validating it;
/// with these instructions it costs a few percent. This module is compiled with the SHA, SSSE3 and
/// SSE4.1 instruction sets enabled (Package.swift), so nothing here may run before `isAvailable`
/// said yes; it holds no other code for that reason.
public enum SHA256Hardware {
    /// True when this CPU has the SHA extensions and the SSSE3 and SSE4.1 shuffles used with them.
    public static let isAvailable: Bool = {
        #if arch(x86_64)
            var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
            guard __get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0 else { return false }
            let ssse3 = ecx & (1 << 9) != 0, sse41 = ecx & (1 << 19) != 0
            guard __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
            return ssse3 && sse41 && ebx & (1 << 29) != 0
        #else
            return false
        #endif
    }()

    /// Compresses `blockCount` 64-byte blocks at `data` into `state` (the eight words H0…H7).
    /// Call only when `isAvailable`.
    public static func compress(state: UnsafeMutablePointer<UInt32>, data: UnsafePointer<UInt8>, blockCount: Int) {
        #if arch(x86_64)
            precondition(isAvailable, "SHA extensions used on a CPU without them")
            roundConstants.withUnsafeBufferPointer { k in
                compressBlocks(state: state, data: data, blockCount: blockCount, k: k.baseAddress!)
            }
        #else
            preconditionFailure("SHA extensions used on a CPU without them")
        #endif
    }

    /// SHA-256's 64 round constants K (FIPS 180-4 §4.2.2), shared with the portable implementation.
    public static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    #if arch(x86_64)
        /// The instruction sequence of Intel's "New Instructions Supporting the Secure Hash
        /// Algorithm on Intel Architecture Processors" (2013): the state is kept as the lanes ABEF
        /// and CDGH, each SHA256RNDS2 does two rounds, and SHA256MSG1/MSG2 extend the schedule four
        /// words at a time.
        private static func compressBlocks(
            state: UnsafeMutablePointer<UInt32>, data: UnsafePointer<UInt8>, blockCount: Int,
            k: UnsafePointer<UInt32>
        ) {
            let byteSwap = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203)
            // The immediate-operand shuffles (pshufd, palignr) are C macros Swift cannot import, so
            // the one byte rotation needed, W[t-7…t-4] from two registers, is two pshufb and an or.
            let upperOfOlder = _mm_set_epi64x(Int64(bitPattern: 0x8080_8080_0f0e_0d0c), 0x0b0a_0908_0706_0504)
            let lowerOfNewer = _mm_set_epi64x(0x0302_0100_8080_8080, Int64(bitPattern: 0x8080_8080_8080_8080))
            func load(_ pointer: UnsafeRawPointer) -> __m128i {
                _mm_loadu_si128(pointer.assumingMemoryBound(to: __m128i_u.self))
            }
            // Lanes high to low: A B E F and C D G H.
            var abef = _mm_set_epi32(
                Int32(bitPattern: state[0]), Int32(bitPattern: state[1]), Int32(bitPattern: state[4]),
                Int32(bitPattern: state[5]))
            var cdgh = _mm_set_epi32(
                Int32(bitPattern: state[2]), Int32(bitPattern: state[3]), Int32(bitPattern: state[6]),
                Int32(bitPattern: state[7]))
            var block = data
            for _ in 0..<blockCount {
                let savedABEF = abef, savedCDGH = cdgh
                var w0 = _mm_shuffle_epi8(load(block), byteSwap)
                var w1 = _mm_shuffle_epi8(load(block + 16), byteSwap)
                var w2 = _mm_shuffle_epi8(load(block + 32), byteSwap)
                var w3 = _mm_shuffle_epi8(load(block + 48), byteSwap)
                for group in 0..<16 {
                    // w0…w3 hold the schedule's last sixteen words, oldest first.
                    let current: __m128i
                    if group < 4 {
                        current = w0
                        (w0, w1, w2, w3) = (w1, w2, w3, w0)
                    } else {
                        let w7to4 = _mm_or_si128(_mm_shuffle_epi8(w2, upperOfOlder), _mm_shuffle_epi8(w3, lowerOfNewer))
                        current = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), w7to4), w3)
                        (w0, w1, w2, w3) = (w1, w2, w3, current)
                    }
                    let message = _mm_add_epi32(current, load(k + 4 * group))
                    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message)
                    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_unpackhi_epi64(message, message))
                }
                abef = _mm_add_epi32(abef, savedABEF)
                cdgh = _mm_add_epi32(cdgh, savedCDGH)
                block += 64
            }
            var lanes = (abef, cdgh)
            withUnsafeBytes(of: &lanes) { raw in
                let words = raw.bindMemory(to: UInt32.self)
                // Memory order is low lane first: F E B A, then H G D C.
                (state[0], state[1], state[4], state[5]) = (words[3], words[2], words[1], words[0])
                (state[2], state[3], state[6], state[7]) = (words[7], words[6], words[5], words[4])
            }
        }
    #endif
}
