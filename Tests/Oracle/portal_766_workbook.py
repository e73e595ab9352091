"""Writes a Decision 766 score workbook shaped like the national portal's download (sheets "Điểm năm",
"Điểm tháng" of 34 provinces, "Sở Ban" departments, "Xã Phường" communes with ties, the two trend
sheets without scores; every value a text cell with "." decimals, as the portal writes them), and
beside it the expected outcome: each total's competition rank within its sheet, computed here from
the written totals, and the rows that must be refused with the column named.

usage: portal_766_workbook.py OUT.xlsx EXPECTED.json SEED
"""
import json
import random
import sys

import openpyxl

GROUPS = [("TDGQ", 20), ("MDHL", 18), ("MDSH", 22), ("TTTT", 10), ("CLGQ", 12), ("CKMB", 18)]
HEADER = ["ID", "TEN", "TEN_COQUAN", "MA_COQUAN", "LOAI_COQUAN", "CAPDONVIID", "ID_COQUAN"] + [g for g, _ in GROUPS] + [
    "TONG_SCORE", "ROW_STT"]


def text(hundredths):
    return f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".") if hundredths % 100 else str(hundredths // 100)


def competition(values):
    return [1 + sum(1 for w in values if w > v) for v in values]


def main():
    out, expected_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rnd = random.Random(seed)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    expected = {"ranks": {}, "refused": []}

    def sheet(title, period, scope, kind, units, tie_every=0, bad=()):
        ws = wb.create_sheet(title)
        ws.append(HEADER)
        rows = []
        for i in range(units):
            scores = [rnd.randint(max_ * 55, max_ * 100) for _, max_ in GROUPS]
            if tie_every and i % tie_every == 1:
                scores = list(rows[-1][1])
            rows.append((i, scores))
        totals = [sum(s) for _, s in rows]
        order = competition(totals) if scope == "province" else [rnd.randint(1, 500) for _ in totals]
        ranks = competition(totals)
        for (i, scores), total, stt, rank in zip(rows, totals, order, ranks):
            code = {"province": f"H{i + 1:02d}", "department": f"H26.{i + 1:02d}", "commune": f"H26.{100 + i}"}[scope]
            name = {"province": f"UBND tỉnh Số {i + 1}", "department": f"Sở Số {i + 1} - tỉnh Hà Nội",
                    "commune": f"UBND xã Số {i + 1} - tỉnh Hà Nội"}[scope]
            cells = [str(400000 + i), name, name, code, kind, "1", str(400000 + i)] + [text(s) for s in scores] + [
                text(total), str(stt)]
            if (scope, i) in bad:
                column, value = bad[(scope, i)]
                cells[HEADER.index(column)] = value
                expected["refused"].append({"sheet": title, "code": code, "column": column})
            else:
                expected["ranks"][f"{period}|{scope}|{code}"] = {"rank": rank, "total": text(total)}
            ws.append(cells)
        # Ranks are recomputed without the refused rows: recompute them here the same way.
        kept = [(code, t) for code, t in
                ((k.split("|")[2], v["total"]) for k, v in expected["ranks"].items() if k.startswith(f"{period}|{scope}|"))]
        values = [round(float(t) * 100) for _, t in kept]
        for (code, _), rank in zip(kept, competition(values)):
            expected["ranks"][f"{period}|{scope}|{code}"]["rank"] = rank

    sheet("Điểm năm", "2025", "province", "1", 34)
    sheet("Điểm tháng", "2025-10", "province", "1", 34, bad={("province", 5): ("CLGQ", "12.5"),
                                                           ("province", 9): ("TONG_SCORE", "1.00")})
    ws = wb.create_sheet("Xu hướng tháng")
    ws.append(["month", "year", "score"])
    for m, s in [(8, 86.2), (9, 80.8), (10, 86.7)]:
        ws.append([m, "2025", s])
    sheet("Sở Ban", "2025-10", "department", "2", 15)
    sheet("Xã Phường", "2025-10", "commune", "3", 60, tie_every=4)
    wb.save(out)
    with open(expected_path, "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
