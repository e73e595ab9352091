#!/usr/bin/env python3
"""Writes hand-made workbooks into FOLDER (Python's standard library only): one valid package
exercising the corners of SpreadsheetML, and damaged or foreign files each ingest must refuse
with its own message.

usage: hostile_workbooks.py FOLDER
"""
import os
import sys
import zipfile

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr date1904="1"/>
<sheets><sheet name="Ghi ch&#250;" sheetId="1" r:id="rId9"/><sheet name="H&#7891; s&#417;" sheetId="2" r:id="rId2"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/notes.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./worksheets/../worksheets/data.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;ngày&quot;\\ 0"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs>
</styleSheet>"""
STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">
<si><t>Mã hồ sơ</t></si>
<si><r><rPr><b/></rPr><t>Mã </t></r><r><t xml:space="preserve">TTHC</t></r></si>
<si><t>Mã đơn vị</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
<si><t>Ngày tiếp nhận</t></si>
<si><t>Trạng thái</t></si>
<si><t>A_x005F_x0041_&amp;B</t></si>
</sst>"""
NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Not the data</t></is></c></row></sheetData></worksheet>"""
# 1904 dates: serial 43830 is 2024-01-01 in the 1904 system (45292 in the 1900 one).
DATA = """<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c><x:c r="D2" t="s"><x:v>2</x:v></x:c><x:c r="E2" t="s"><x:v>3</x:v></x:c><x:c r="F2" t="s"><x:v>4</x:v></x:c></x:row>
<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>H-1</x:t></x:is></x:c><x:c r="C3" t="str"><x:f>"P"&amp;"1"</x:f><x:v>P1</x:v></x:c><x:c r="D3" s="2"><x:v>7</x:v></x:c><x:c r="E3" s="1"><x:v>43830.5</x:v></x:c><x:c r="F3"><x:v>10</x:v></x:c></x:row>
<x:row r="4" spans="2:6"><x:c r="B4" t="s"><x:v>5</x:v></x:c><x:c r="C4"><x:v>1.001612E+3</x:v></x:c><x:c r="D4" t="b"><x:v>1</x:v></x:c><x:c r="E4" s="3"><x:v>43831</x:v></x:c><x:c r="F4" t="e"><x:v>#N/A</x:v></x:c></x:row>
<x:row><x:c r="B5" t="inlineStr"><x:is><x:t>H-3</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>P</x:t></x:is></x:c><x:c><x:v>8</x:v></x:c><x:c t="inlineStr"><x:is><x:t>20240103</x:t></x:is></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B7:C7"/></x:mergeCells></x:worksheet>"""

PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
    "xl/styles.xml": STYLES,
    "xl/strings.xml": STRINGS,
    "xl/worksheets/notes.xml": NOTES,
    "xl/worksheets/data.xml": DATA,
}


def package(name, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(folder, name), "w", method) as archive:
        for part, text in parts.items():
            archive.writestr(part, text.encode("utf-8") if isinstance(text, str) else text)


package("corners.xlsx", PARTS)
package("stored.xlsx", PARTS, zipfile.ZIP_STORED)
valid = open(os.path.join(folder, "corners.xlsx"), "rb").read()
open(os.path.join(folder, "truncated.xlsx"), "wb").write(valid[: len(valid) * 2 // 3])
package("document.xlsx", {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": "<w:document/>"})
package("no-sheet.xlsx", {**PARTS, "xl/workbook.xml": WORKBOOK.replace("r:id=", "r:x=")})
package("missing-part.xlsx", {k: v for k, v in PARTS.items() if k != "xl/worksheets/data.xml"})
package(
    "doctype.xlsx",
    {**PARTS, "xl/strings.xml": STRINGS.replace("<sst", '<!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst', 1)},
)
package("bad-string-index.xlsx", {**PARTS, "xl/worksheets/data.xml": DATA.replace("<x:v>4</x:v>", "<x:v>99</x:v>")})

# A damaged entry: bytes flipped in the middle of the sheet's compressed data.
damaged = bytearray(open(os.path.join(folder, "stored.xlsx"), "rb").read())
at = damaged.find(b"<x:row r=\"3\"")
damaged[at + 5] ^= 0x20
open(os.path.join(folder, "crc.xlsx"), "wb").write(bytes(damaged))

# A ZIP bomb: the sheet inflates to 1 GiB of spaces from about a megabyte.
with zipfile.ZipFile(os.path.join(folder, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as archive:
    for part, text in PARTS.items():
        if part != "xl/worksheets/data.xml":
            archive.writestr(part, text)
    with archive.open("xl/worksheets/data.xml", "w") as sheet:
        sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        block = b" " * (1 << 20)
        for _ in range(1024):
            sheet.write(block)
        sheet.write(b"</sheetData></worksheet>")

# ZIP's own encryption flag on every entry.
encrypted = bytearray(valid)
position = 0
while True:
    position = encrypted.find(b"PK\x01\x02", position)
    if position < 0:
        break
    encrypted[position + 8] |= 1
    position += 4
open(os.path.join(folder, "zip-encrypted.xlsx"), "wb").write(bytes(encrypted))

compound = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
open(os.path.join(folder, "legacy.xls"), "wb").write(compound + "Workbook".encode("utf-16-le") + bytes(512))
open(os.path.join(folder, "password.xlsx"), "wb").write(
    compound + "EncryptionInfo".encode("utf-16-le") + bytes(64) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
)
open(os.path.join(folder, "spreadsheet2003.xls"), "w").write(
    '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>\n'
)
open(os.path.join(folder, "empty-table.xls"), "w").write("<html><body><p>Không có dữ liệu</p></body></html>\n")

# Amplification: 200,000 rows of 16 cells each pointing at one 120 KB shared string (a few
# hundred KB of archive that would hand out 380 GB of records).
long_string = "<si><t>" + "x" * 120000 + "</t></si>"
with zipfile.ZipFile(os.path.join(folder, "amplify.xlsx"), "w", zipfile.ZIP_DEFLATED) as archive:
    for part, text in PARTS.items():
        if part == "xl/strings.xml":
            text = text.replace("</sst>", long_string + "</sst>")
        if part != "xl/worksheets/data.xml":
            archive.writestr(part, text)
    with archive.open("xl/worksheets/data.xml", "w") as sheet:
        sheet.write(DATA.split("<x:row r=\"3\">")[0].encode())
        cells = b"".join(b'<x:c t="s"><x:v>6</x:v></x:c>' for _ in range(16))
        for number in range(3, 200003):
            sheet.write(b'<x:row r="%d">' % number + cells + b"</x:row>")
        sheet.write(b"</x:sheetData></x:worksheet>")

# The same through HTML: a cell of 1 MB spanning a million rows, then 300,000 empty rows.
with open(os.path.join(folder, "span-bomb.xls"), "w", encoding="utf-8") as page:
    page.write("<table><tr><th>Mã hồ sơ</th><th>Mã TTHC</th><th>Mã đơn vị</th><th>Ngày tiếp nhận</th></tr>")
    page.write('<tr><td rowspan="1000000">' + "x" * 1000000 + "</td></tr>")
    page.write("<tr></tr>" * 300000 + "</table>")
