import ReformTestSupport
import Testing

@testable import ReformModel
@testable import ReformSupport

@Suite struct PersonalDataTests {
    @Test(arguments: [
        ("Gọi 0912345678 để hỏi", "Gọi *** để hỏi"),
        ("ĐT: 0912.345.678.", "ĐT: ***."),
        ("ĐT 0912 345 678 (anh Nam)", "ĐT *** (anh Nam)"),
        ("Số 1 0912 345 678", "Số 1 ***"),
        ("máy bàn 024-3825-1234", "máy bàn ***"),
        ("+84 912 345 678", "***"),
        ("84912345678", "***"),
        ("CCCD 001203004567 cấp ngày", "CCCD *** cấp ngày"),
        ("CMND 012345678", "CMND ***"),
        ("hỏi nguoidan59528@example.vn.", "hỏi ***."),
        ("a@b.c và 0987654321", "*** và ***"),
    ])
    func masksPhonesIDNumbersAndEmails(text: String, expected: String) {
        #expect(PersonalData.masked(text) == expected)
        #expect(PersonalData.contains(text.utf8))
    }

    /// What looks numeric in names and codes but is not personal data stays as it is.
    @Test(arguments: [
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "1.001612.000.00.00.H26", "019.H26-250101-000813", "000.00.31.H26-250301-0001",
        "Lệ phí 100.000.000 đồng", "Nghị định 61/2018/NĐ-CP ngày 23/4/2018", "Quyết định số 1234/QĐ-UBND",
        "H26.99-250301-0123456789", "Phường 12, Quận 3", "Mã 2025030100001", "email@", "@example.vn",
        "001-2025-001", "020-2025-001", "0012345678",
    ])
    func leavesCodesAmountsAndDatesAlone(text: String) {
        #expect(PersonalData.masked(text) == text)
        #expect(!PersonalData.contains(text.utf8))
    }

    @Test func fileNamesAreMaskedWithTheirExtensionApart() {
        #expect(PersonalData.maskedFileName("Nguyễn Văn An 0912345678.xlsx") == "Nguyễn Văn An ***.xlsx")
        #expect(PersonalData.maskedFileName("0912345678") == "***")
        #expect(PersonalData.maskedFileName("2025-03_dvcqg.csv") == "2025-03_dvcqg.csv")
        #expect(PersonalData.maskedFileName("an@example.com.csv") == "***.csv")
        #expect(PersonalData.maskedFileName(".0912345678") == ".***")
    }

    @Test func safeKeysAreIdentifiersOnly() {
        #expect(PersonalData.safeKey("019.H26-250101-000813") == "019.H26-250101-000813")
        #expect(PersonalData.safeKey("UNIT/7:a_b#1") == "UNIT/7:a_b#1")
        // Raw text of a broken record: spaces, commas, Vietnamese names, phones.
        #expect(PersonalData.safeKey("019.H26-1,Nguyễn Văn A,0912345678") == "")
        #expect(PersonalData.safeKey("Trần Thị Lan") == "")
        #expect(PersonalData.safeKey("0912345678") == "")
        #expect(PersonalData.safeKey("ab@example.vn") == "")
        #expect(PersonalData.safeKey(String(repeating: "A", count: 65)) == "")
        #expect(PersonalData.safeKey(String(repeating: "A", count: 64)) == String(repeating: "A", count: 64))
        #expect(PersonalData.safeKey("") == "")
    }
}
