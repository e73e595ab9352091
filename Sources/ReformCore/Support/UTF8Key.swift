#if canImport(Glibc)
    import Glibc
#endif

/// A string as a dictionary key by its UTF-8 bytes. `String`'s own hashing normalises to NFC on
/// every lookup, which made interning the units and procedures of a million rows cost a tenth of
/// the store thread; the values interned here are already NFC (ingest normalises them), and SQLite's
/// UNIQUE columns compare bytes too.
struct UTF8Key: Hashable {
    let text: String

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(ByteKey.mix(UnsafeRawBufferPointer($0))) }
    }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        var a = a.text, b = b.text
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }
}
