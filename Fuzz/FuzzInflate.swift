// libFuzzer target: inflating an entry through EntryStream, with its size and CRC-32 checks.
// The input's first 8 bytes are the declared size and CRC-32 of an entry whose deflated data is
// the rest; it is wrapped in a one-entry ZIP archive and read back.
// Properties: nothing crashes; a stream either ends with exactly the declared size and a
// matching CRC-32, or throws; it never yields more than declared.

@testable import ReformSupport
@testable import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

let inflatePath = "/tmp/fuzz-inflate-\(getpid()).zip"

func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) } }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInflate(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 8 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let declared = Int(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2] & 0x0F) << 16)
    let crc = UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24
    let payload = Array(bytes[8...])
    let name = Array("xl/x.xml".utf8)
    var archive: [UInt8] = le32(0x0403_4b50) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0x21)
    archive += le32(crc) + le32(UInt32(payload.count)) + le32(UInt32(declared)) + le16(name.count) + le16(0) + name
    archive += payload
    let directory = archive.count
    archive += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(8) + le16(0) + le16(0x21)
    archive += le32(crc) + le32(UInt32(payload.count)) + le32(UInt32(declared)) + le16(name.count)
    archive += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + name
    let directorySize = archive.count - directory
    archive += le32(0x0605_4b50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(directorySize))
    archive += le32(UInt32(directory)) + le16(0)
    guard let file = fopen(inflatePath, "wb") else { return 0 }
    fwrite(archive, 1, archive.count, file)
    fclose(file)
    guard let zip = try? ZipArchive(path: inflatePath), let entry = zip.entries.first,
        let stream = try? zip.stream(entry)
    else { return 0 }
    var buffer = [UInt8](repeating: 0, count: 1000)
    var total = 0
    while true {
        guard let n = try? buffer.withUnsafeMutableBufferPointer({ try stream.read(into: $0) }) else { break }
        if n == 0 {
            precondition(total == declared, "a stream ended short of its declared size without an error")
            break
        }
        total += n
        precondition(total <= declared, "a stream yielded more than its declared size")
    }
    return 0
}
