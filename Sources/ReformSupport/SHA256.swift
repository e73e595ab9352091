import SHA256Hardware

#if canImport(Glibc)
    import Glibc
#endif

/// SHA-256 (FIPS 180-4), streaming. The project has no package dependencies and Linux has no
/// CryptoKit, so the batch fingerprint of an input file is computed here: on the CPU's SHA
/// instructions when it has them (about six times faster here), else in portable Swift.
public struct SHA256 {
    /// Whether whole blocks go to the SHA instructions; tests turn it off to check one against the other.
    package var usesHardware = SHA256Hardware.isAvailable
    /// True when this CPU has the SHA instructions.
    package static var hardwareAvailable: Bool { SHA256Hardware.isAvailable }

    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var totalBytes: UInt64 = 0
    private var schedule = [UInt32](repeating: 0, count: 64)

    private static let k = SHA256Hardware.roundConstants

    /// A fresh hash.
    public init() {}

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        totalBytes &+= UInt64(bytes.count)
        var index = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            index = take
            if pending.count == 64 {
                let block = pending
                block.withUnsafeBufferPointer { compress($0.baseAddress!, blockCount: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let wholeBlocks = (bytes.count - index) / 64
        if wholeBlocks > 0 {
            compress(bytes.baseAddress! + index, blockCount: wholeBlocks)
            index += wholeBlocks * 64
        }
        if index < bytes.count { pending.append(contentsOf: bytes[index...]) }
    }

    /// Feeds bytes.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        Array(bytes).withUnsafeBufferPointer { update($0) }
    }

    /// Finishes and returns the digest as lowercase hex.
    public mutating func finalizeHex() -> String {
        let bitLength = totalBytes &* 8
        var tail: [UInt8] = [0x80]
        let used = (pending.count + 1) % 64
        tail.append(contentsOf: repeatElement(0, count: used <= 56 ? 56 - used : 120 - used))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedTotal = totalBytes
        tail.withUnsafeBufferPointer { update($0) }
        totalBytes = savedTotal
        let hexDigits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for word in state {
            for shift in stride(from: 28, through: 0, by: -4) {
                out.append(hexDigits[Int((word >> UInt32(shift)) & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex digest of a whole file, read in 1 MiB chunks.
    public static func hexDigest(ofFile path: String) throws -> String {
        try hexDigest(ofFile: path) { false }
    }

    /// The hex digest of a whole file; stops early (with a meaningless result) once `stop` is true.
    package static func hexDigest(ofFile path: String, hardware: Bool = true, stop: () -> Bool) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputReadError.cannotOpen(path: path, errno: errno) }
        defer { close(fd) }
        var hash = SHA256()
        hash.usesHardware = hardware && hash.usesHardware
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputReadError.readFailed(errno: errno)
            }
            if n == 0 || stop() { break }
            chunk.withUnsafeBufferPointer { hash.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return hash.finalizeHex()
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    private mutating func compress(_ blocks: UnsafePointer<UInt8>, blockCount: Int) {
        if usesHardware {
            state.withUnsafeMutableBufferPointer {
                SHA256Hardware.compress(state: $0.baseAddress!, data: blocks, blockCount: blockCount)
            }
        } else {
            for offset in 0..<blockCount { compressInSwift(blocks + offset * 64) }
        }
    }

    private mutating func compressInSwift(_ block: UnsafePointer<UInt8>) {
        // Unchecked buffers: this loop runs once per 64 input bytes, over whole exports.
        schedule.withUnsafeMutableBufferPointer { w in
            for t in 0..<16 {
                let b = block + t * 4
                w[t] = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
            }
            for t in 16..<64 {
                let w15 = w[t - 15], w2 = w[t - 2]
                let s0 = SHA256.rotr(w15, 7) ^ SHA256.rotr(w15, 18) ^ (w15 >> 3)
                let s1 = SHA256.rotr(w2, 17) ^ SHA256.rotr(w2, 19) ^ (w2 >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            SHA256.k.withUnsafeBufferPointer { k in
                state.withUnsafeMutableBufferPointer { h in
                    var a = h[0], b = h[1], c = h[2], d = h[3]
                    var e = h[4], f = h[5], g = h[6], hh = h[7]
                    for t in 0..<64 {
                        let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let temp1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                        let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let temp2 = s0 &+ maj
                        hh = g
                        g = f
                        f = e
                        e = d &+ temp1
                        d = c
                        c = b
                        b = a
                        a = temp1 &+ temp2
                    }
                    h[0] &+= a
                    h[1] &+= b
                    h[2] &+= c
                    h[3] &+= d
                    h[4] &+= e
                    h[5] &+= f
                    h[6] &+= g
                    h[7] &+= hh
                }
            }
        }
    }
}
