import FoundationEssentials
import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport

/// Sample inputs of the yearly indices: the city's procedures catalogue, the SIPAS questionnaire
/// and answers, and PAR INDEX scores. Deterministic for a seed, like the dossier exports.
extension SampleGenerator {
    /// The published delegation figures the sample catalogue reproduces (Hanoi, docs/research-notes.md §6):
    /// 708 of 1,895 procedures with a delegation plan, 578 with a decision, all 578 with a
    /// published internal procedure.
    public static let catalogueSize = 1895
    public static let plannedProcedures = 708
    public static let decidedProcedures = 578

    /// Writes `catalogue.csv`, `questions.csv`, `survey.csv` and `par_scores.csv`; returns names and bytes.
    public mutating func indexInputs(years: [Int]) -> [(String, [UInt8])] {
        [
            ("catalogue.csv", catalogue()), ("questions.csv", Self.questionsCSV()),
            ("survey.csv", survey(year: years.last!)),
            ("par_scores.csv", parScores(years: years)),
        ]
    }

    static func csv(_ rows: [[String]]) -> [UInt8] {
        Array(rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
    }

    /// The catalogue: the procedures the sample dossiers use, then generated ones up to 1,895.
    mutating func catalogue() -> [UInt8] {
        var rows: [[String]] = [
            [
                "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Thời hạn giải quyết", "Đơn vị tính",
                "Mức độ DVCTT",
                "Có phí", "Yêu cầu kết quả bản giấy", "Có phương án phân cấp", "Cần quyết định phân cấp",
                "Quyết định phân cấp",
                "Quy trình nội bộ", "Ngày cập nhật",
            ]
        ]
        let fields = [
            "Đất đai", "Hoạt động xây dựng", "Hộ tịch", "Chứng thực", "Giáo dục và Đào tạo", "Y tế",
            "Giao thông vận tải",
            "Tài nguyên nước", "Môi trường", "Lao động", "Bảo trợ xã hội", "Văn hóa", "Du lịch", "Công thương",
            "Nông nghiệp",
            "Tài chính", "Kế hoạch và Đầu tư", "Tư pháp", "Nội vụ", "Khoa học và Công nghệ",
        ]
        let actions = [
            "Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Đăng ký", "Xác nhận", "Thẩm định", "Phê duyệt", "Công nhận",
            "Thu hồi",
        ]
        let objects = [
            "giấy phép", "giấy chứng nhận", "hồ sơ", "đề án", "chứng chỉ hành nghề", "quyết định", "văn bản chấp thuận",
        ]
        var procedures: [(code: String, name: String, field: String, time: Int)] = self.procedures.map {
            ($0.code, $0.name, $0.field, $0.workingDays)
        }
        var serial = 0
        while procedures.count < Self.catalogueSize {
            serial += 1
            let field = fields[serial % fields.count]
            let name =
                "\(actions[serial % actions.count]) \(objects[(serial / 10) % objects.count]) lĩnh vực \(field.lowercased()) (\(serial))"
            procedures.append(
                (
                    "2.\(CivilDate.pad(100_000 + serial, 6)).000.00.00.H26", name, field,
                    [1, 3, 5, 7, 10, 15, 20, 30][serial % 8]
                ))
        }
        // Spread plans, decisions and internal procedures deterministically over the catalogue.
        for (index, procedure) in procedures.enumerated() {
            let planned =
                index * Self.plannedProcedures / Self.catalogueSize != (index + 1) * Self.plannedProcedures
                / Self.catalogueSize
            let plannedRank = (index + 1) * Self.plannedProcedures / Self.catalogueSize
            let decided = planned && plannedRank <= Self.decidedProcedures
            let level =
                index < 19
                ? "district"
                : ["city", "city", "city", "city", "city", "city", "city", "city", "district", "commune"][index % 10]
            rows.append([
                procedure.code, procedure.name, procedure.field, level, String(procedure.time),
                index >= 19 && index % 23 == 0 ? "giờ" : "ngày làm việc",
                SampleDossier.offeredMode(procedureIndex: index).map { $0 == .full ? "full" : "partial" } ?? "none",
                random.chance(45) ? "Có" : "Không",
                random.chance(70) ? "Có" : "Không",
                planned ? "Có" : "Không", planned ? "Có" : "Không", decided ? "3076/QĐ-UBND" : "",
                decided ? "Có" : "Không",
                "2023-03-29",
            ])
        }
        return Self.csv(rows)
    }

    static let elements = [
        "Tiếp cận dịch vụ", "Thủ tục hành chính", "Công chức trực tiếp giải quyết", "Kết quả dịch vụ",
        "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
    ]

    /// Five elements, each with three satisfaction questions, one perception and one expectation question.
    static func questionsCSV() -> [UInt8] {
        var rows: [[String]] = [["Mã câu hỏi", "Yếu tố", "Loại câu hỏi", "Nội dung"]]
        for (index, element) in elements.enumerated() {
            let e = index + 1
            for q in 1...3 {
                rows.append([
                    "HL\(e).\(q)", String(e), "satisfaction", "Mức độ hài lòng về \(element.lowercased()) (ý \(q))",
                ])
            }
            rows.append(["NĐ\(e).1", String(e), "perception", "Nhận định về \(element.lowercased())"])
            rows.append(["MĐ\(e).1", String(e), "expectation", "Mong đợi cải thiện \(element.lowercased())"])
        }
        return csv(rows)
    }

    /// Twenty respondents a unit, each answering every question (a few left blank).
    mutating func survey(year: Int) -> [UInt8] {
        var rows: [[String]] = [["Mã phiếu", "Mã đơn vị", "Năm", "Mã câu hỏi", "Trả lời"]]
        for unit in units {
            let satisfiedPercent = 70 + Double(random.int(0...25))
            for respondent in 1...20 {
                let id = "\(unit.code)-\(year)-\(CivilDate.pad(respondent, 3))"
                for e in 1...5 {
                    for code in ["HL\(e).1", "HL\(e).2", "HL\(e).3", "NĐ\(e).1", "MĐ\(e).1"] {
                        if random.chance(3) {
                            rows.append([id, unit.code, String(year), code, ""])
                            continue
                        }
                        let answer = random.chance(satisfiedPercent) ? random.int(4...5) : random.int(1...3)
                        rows.append([id, unit.code, String(year), code, String(answer)])
                    }
                }
            }
        }
        return Self.csv(rows)
    }

    /// Field maxima (100 in all), split into criteria; units 001 and 002 tie in the last year.
    mutating func parScores(years: [Int]) -> [UInt8] {
        let maxima: [[Int]] = [[4, 5], [4, 5], [5, 4, 4], [4, 5], [5, 4, 4], [4, 4], [6, 5], [14, 14]]
        var rows: [[String]] = [
            ["Năm", "Mã đơn vị", "Lĩnh vực", "Tiêu chí", "Điểm tối đa", "Điểm thẩm định", "Điểm điều tra XHH"]
        ]
        for year in years {
            var tieTemplate: [[String]] = []
            for (unitIndex, unit) in units.enumerated() {
                var unitRows: [[String]] = []
                let strength = 70 + random.int(0...28)
                for (fieldIndex, criteria) in maxima.enumerated() {
                    for (criterionIndex, maximum) in criteria.enumerated() {
                        // Hundredths of a point.
                        let earned = maximum * 100 * min(100, strength + random.int(-8...6)) / 100
                        let surveyShare = fieldIndex == 7 ? earned / 2 : 0
                        let appraised = earned - surveyShare
                        func points(_ hundredths: Int) -> String {
                            let text = "\(hundredths / 100).\(CivilDate.pad(hundredths % 100, 2))"
                            return random.chance(30) ? text.replacing(".", with: ",") : text
                        }
                        unitRows.append([
                            String(year), unit.code, String(fieldIndex + 1), "\(fieldIndex + 1).\(criterionIndex + 1)",
                            String(maximum),
                            points(appraised), points(surveyShare),
                        ])
                    }
                }
                // Bonus and penalty points (field 9, outside the maximum) for some units in the last year.
                if year == years.last && unitIndex % 4 == 2 {
                    let bonus = random.int(-150...200)
                    let sign = bonus < 0 ? "-" : random.chance(50) ? "+" : ""
                    unitRows.append([
                        String(year), unit.code, "9", "9.1", "",
                        "\(sign)\(abs(bonus) / 100).\(CivilDate.pad(abs(bonus) % 100, 2))", "",
                    ])
                }
                if year == years.last && unitIndex == 0 { tieTemplate = unitRows }
                if year == years.last && unitIndex == 1 {
                    unitRows = tieTemplate.map { row in
                        var r = row; r[1] = unit.code; return r
                    }
                }
                rows += unitRows
            }
        }
        return Self.csv(rows)
    }
}
