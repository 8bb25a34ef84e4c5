#!/usr/bin/env python3
"""Write the example handbook's downloadable templates as small, valid OOXML files.

Each template in content/skabeloner/ gets a real .docx, .xlsx or .pptx package
(zip with [Content_Types].xml, _rels, docProps and the main part) that opens in
Word, Excel, PowerPoint and LibreOffice. The files hold the template's title and
its Danish headings or columns, nothing more: they are placeholders for the
real templates in KY's document library.

Standard library only (Python 3.11). The output is deterministic: fixed zip
timestamps and document dates, so re-running the script changes no bytes.

Usage: python3 scripts/make_office_files.py [output-dir]
       (default: content/skabeloner next to this script's parent folder)
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ZIP_DATE = (2016, 9, 21, 12, 0, 0)
DOC_DATE = "2016-09-21T12:00:00Z"
CREATOR = "KY-håndbogen (eksempel)"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
R_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_DOC = R_OFFICE + "/officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = R_OFFICE + "/extended-properties"
RT_STYLES = R_OFFICE + "/styles"
RT_SHEET = R_OFFICE + "/worksheet"
RT_THEME = R_OFFICE + "/theme"
RT_MASTER = R_OFFICE + "/slideMaster"
RT_LAYOUT = R_OFFICE + "/slideLayout"
RT_SLIDE = R_OFFICE + "/slide"

CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def x(text: str) -> str:
    """Escapes text for an XML element or a double-quoted attribute."""
    return escape(text, {'"': "&quot;"})


def rels(items: list[tuple[str, str, str]]) -> str:
    """A relationships part: (id, type, target) triples."""
    body = "".join(
        f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"/>'
        for rid, rtype, target in items
    )
    return f'{XML_DECL}<Relationships xmlns="{NS_REL}">{body}</Relationships>'


def content_types(overrides: list[tuple[str, str]]) -> str:
    body = (
        f'<Default Extension="rels" ContentType="{CT_RELS}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
    )
    body += "".join(
        f'<Override PartName="{part}" ContentType="{ctype}"/>' for part, ctype in overrides
    )
    return f'{XML_DECL}<Types xmlns="{NS_CT}">{body}</Types>'


def core_props(title: str, subject: str) -> str:
    return (
        f"{XML_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{x(title)}</dc:title>"
        f"<dc:subject>{x(subject)}</dc:subject>"
        f"<dc:creator>{x(CREATOR)}</dc:creator>"
        "<dc:language>da-DK</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{DOC_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DOC_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_props(application: str) -> str:
    return (
        f"{XML_DECL}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{x(application)}</Application></Properties>"
    )


def write_zip(path: Path, parts: dict[str, str]) -> None:
    """Writes the package; [Content_Types].xml first, as Office expects."""
    order = ["[Content_Types].xml"] + sorted(p for p in parts if p != "[Content_Types].xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, parts[name].encode("utf-8"))


def package_parts(main_part: str, main_ct: str, title: str, subject: str, app: str) -> dict[str, str]:
    """The parts every package shares: package rels and document properties."""
    return {
        "_rels/.rels": rels(
            [
                ("rId1", RT_DOC, main_part),
                ("rId2", RT_CORE, "docProps/core.xml"),
                ("rId3", RT_APP, "docProps/app.xml"),
            ]
        ),
        "docProps/core.xml": core_props(title, subject),
        "docProps/app.xml": app_props(app),
    }, [
        ("/" + main_part, main_ct),
        ("/docProps/core.xml", CT_CORE),
        ("/docProps/app.xml", CT_APP),
    ]


# --------------------------------------------------------------------------- docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

DOCX_STYLES = (
    f'{XML_DECL}<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
    '<w:sz w:val="22"/><w:lang w:val="da-DK"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>'
    '<w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>'
    '<w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    "<w:tblPr><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)


def w_par(text: str, style: str | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{x(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def w_table(headers: list[str], rows: list[list[str]], empty_rows: int) -> str:
    width = 9000 // max(len(headers), 1)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in headers)

    def row(cells: list[str], header: bool) -> str:
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{w_par(c, bold=header)}</w:tc>'
            for c in cells
        )
        return f"<w:tr>{trpr}{tcs}</w:tr>"

    body = row(headers, True)
    body += "".join(row(r + [""] * (len(headers) - len(r)), False) for r in rows)
    body += "".join(row([""] * len(headers), False) for _ in range(empty_rows))
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )


def make_docx(path: Path, title: str, subject: str, blocks: list[tuple]) -> None:
    """blocks: ("h1", text) | ("h2", text) | ("p", text) | ("li", text) | ("table", headers, rows, empty)."""
    body = w_par(title, "Title")
    for block in blocks:
        kind = block[0]
        if kind == "h1":
            body += w_par(block[1], "Heading1")
        elif kind == "h2":
            body += w_par(block[1], "Heading2")
        elif kind == "p":
            body += w_par(block[1])
        elif kind == "li":
            body += w_par("• " + block[1], "ListBullet")
        elif kind == "table":
            body += w_table(block[1], block[2], block[3]) + w_par("")
        else:
            raise ValueError(kind)
    sect = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1304" w:bottom="1440" w:left="1304" '
        'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    )
    document = (
        f'{XML_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_OFFICE}">'
        f"<w:body>{body}{sect}</w:body></w:document>"
    )
    parts, overrides = package_parts(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        title, subject, "Microsoft Office Word",
    )
    parts["word/document.xml"] = document
    parts["word/styles.xml"] = DOCX_STYLES
    parts["word/_rels/document.xml.rels"] = rels([("rId1", RT_STYLES, "styles.xml")])
    overrides.append(
        ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")
    )
    parts["[Content_Types].xml"] = content_types(overrides)
    write_zip(path, parts)


# --------------------------------------------------------------------------- xlsx

S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

XLSX_STYLES = (
    f'{XML_DECL}<styleSheet xmlns="{S_NS}">'
    '<fonts count="3">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>'
    "</fills>"
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right>'
    '<top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom>'
    "<diagonal/></border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">'
    '<alignment wrapText="1" vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">'
    '<alignment wrapText="1" vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment wrapText="0"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

STYLE_TITLE, STYLE_HEADER, STYLE_CELL, STYLE_NOTE = 1, 2, 3, 4


def col_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def xl_cell(ref: str, value, style: int) -> str:
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if isinstance(value, str) and value.startswith("="):
        return f'<c r="{ref}" s="{style}"><f>{x(value[1:])}</f></c>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{x(value)}</t></is></c>'


def make_sheet(title: str, note: str, headers: list[str], rows: list[list], empty_rows: int, widths: list[int] | None) -> str:
    """Row 1: title, row 2: note, row 4: headers, then data rows with borders."""
    ncols = len(headers)
    widths = widths or [max(12, min(45, len(h) + 6)) for h in headers]
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths)
    )
    out = [f'<row r="1">{xl_cell("A1", title, STYLE_TITLE)}</row>']
    if note:
        out.append(f'<row r="2">{xl_cell("A2", note, STYLE_NOTE)}</row>')
    header_row = 4
    out.append(
        f'<row r="{header_row}">'
        + "".join(xl_cell(f"{col_name(i)}{header_row}", h, STYLE_HEADER) for i, h in enumerate(headers))
        + "</row>"
    )
    r = header_row
    for data in rows + [[]] * empty_rows:
        r += 1
        data = list(data) + [""] * (ncols - len(data))
        cells = []
        for i, value in enumerate(data[:ncols]):
            if isinstance(value, str):
                value = value.replace("{r}", str(r))
            cells.append(xl_cell(f"{col_name(i)}{r}", value, STYLE_CELL))
        out.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    last = f"{col_name(ncols - 1)}{r}"
    return (
        f'{XML_DECL}<worksheet xmlns="{S_NS}" xmlns:r="{R_OFFICE}">'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{header_row}" topLeftCell="A{header_row + 1}" activePane="bottomLeft" state="frozen"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>{''.join(out)}</sheetData>"
        f'<autoFilter ref="A{header_row}:{last}"/>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape"/>'
        "</worksheet>"
    )


def make_xlsx(path: Path, title: str, subject: str, sheets: list[dict]) -> None:
    """sheets: dicts with name, headers, rows (optional), empty (optional), note, widths."""
    parts, overrides = package_parts(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        title, subject, "Microsoft Excel",
    )
    sheet_entries = []
    defined = []
    wb_rels = []
    for i, sheet in enumerate(sheets, start=1):
        xml = make_sheet(
            sheet.get("title", title), sheet.get("note", ""), sheet["headers"],
            sheet.get("rows", []), sheet.get("empty", 10), sheet.get("widths"),
        )
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
        overrides.append(
            (f"/xl/worksheets/sheet{i}.xml",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        )
        sheet_entries.append(f'<sheet name="{x(sheet["name"])}" sheetId="{i}" r:id="rId{i}"/>')
        wb_rels.append((f"rId{i}", RT_SHEET, f"worksheets/sheet{i}.xml"))
        nrows = 4 + len(sheet.get("rows", [])) + sheet.get("empty", 10)
        last_col = col_name(len(sheet["headers"]) - 1)
        quoted = sheet["name"].replace("'", "''")
        defined.append(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i - 1}" hidden="1">'
            f"'{x(quoted)}'!$A$4:${last_col}${nrows}</definedName>"
        )
    n = len(sheets)
    wb_rels.append((f"rId{n + 1}", RT_STYLES, "styles.xml"))
    parts["xl/workbook.xml"] = (
        f'{XML_DECL}<workbook xmlns="{S_NS}" xmlns:r="{R_OFFICE}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{''.join(sheet_entries)}</sheets>"
        f"<definedNames>{''.join(defined)}</definedNames>"
        '<calcPr calcId="0" fullCalcOnLoad="1"/>'
        "</workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = rels(wb_rels)
    parts["xl/styles.xml"] = XLSX_STYLES
    overrides.append(
        ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
    )
    parts["[Content_Types].xml"] = content_types(overrides)
    write_zip(path, parts)


# --------------------------------------------------------------------------- pptx

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
PNS = f'xmlns:a="{A_NS}" xmlns:r="{R_OFFICE}" xmlns:p="{P_NS}"'

SLIDE_W, SLIDE_H = 12192000, 6858000  # 16:9

THEME = (
    f'{XML_DECL}<a:theme xmlns:a="{A_NS}" name="KY">'
    '<a:themeElements><a:clrScheme name="KY">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    '<a:dk2><a:srgbClr val="1F3864"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
    '<a:accent1><a:srgbClr val="2F5597"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>'
    '<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>'
    '<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>'
    '<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>'
    "</a:clrScheme>"
    '<a:fontScheme name="KY"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
    '<a:fmtScheme name="KY"><a:fillStyleLst>'
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    "</a:fillStyleLst><a:lnStyleLst>"
    '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    '<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    '<a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    "</a:lnStyleLst><a:effectStyleLst>"
    "<a:effectStyle><a:effectLst/></a:effectStyle>"
    "<a:effectStyle><a:effectLst/></a:effectStyle>"
    "<a:effectStyle><a:effectLst/></a:effectStyle>"
    "</a:effectStyleLst><a:bgFillStyleLst>"
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    "</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
    "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
)

EMPTY_GROUP = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)

CLR_MAP = (
    '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
    'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
    'hlink="hlink" folHlink="folHlink"/>'
)

SLIDE_MASTER = (
    f"{XML_DECL}<p:sldMaster {PNS}>"
    '<p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
    f"<p:spTree>{EMPTY_GROUP}</p:spTree></p:cSld>"
    f"{CLR_MAP}"
    '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>'
    "<p:txStyles>"
    '<p:titleStyle><a:lvl1pPr><a:defRPr sz="3600"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
    '<a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle>'
    '<p:bodyStyle><a:lvl1pPr><a:defRPr sz="2200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
    '<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:bodyStyle>'
    '<p:otherStyle><a:lvl1pPr><a:defRPr sz="1800"/></a:lvl1pPr></p:otherStyle>'
    "</p:txStyles></p:sldMaster>"
)

SLIDE_LAYOUT = (
    f'{XML_DECL}<p:sldLayout {PNS} type="blank" preserve="1">'
    f'<p:cSld name="Tom"><p:spTree>{EMPTY_GROUP}</p:spTree></p:cSld>'
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'
)


def text_box(shape_id: int, name: str, x0: int, y0: int, cx: int, cy: int, paragraphs: list[tuple[str, int, bool]]) -> str:
    """A plain text box; paragraphs: (text, size in 1/100 pt, bold)."""
    paras = "".join(
        "<a:p>"
        + (
            f'<a:r><a:rPr lang="da-DK" sz="{size}" b="{1 if bold else 0}" dirty="0"/>'
            f"<a:t>{x(text)}</a:t></a:r>"
            if text
            else ""
        )
        + f'<a:endParaRPr lang="da-DK" sz="{size}" dirty="0"/></a:p>'
        for text, size, bold in paragraphs
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{x(name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x0}" y="{y0}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" rtlCol="0"><a:normAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>'
    )


def make_slide(title: str, lines: list[str], is_title_slide: bool) -> str:
    margin = 609600
    if is_title_slide:
        shapes = text_box(2, "Titel", margin, 2286000, SLIDE_W - 2 * margin, 1371600, [(title, 4000, True)])
        shapes += text_box(
            3, "Undertitel", margin, 3733800, SLIDE_W - 2 * margin, 1600200, [(line, 2000, False) for line in lines]
        )
    else:
        shapes = text_box(2, "Titel", margin, 457200, SLIDE_W - 2 * margin, 1143000, [(title, 3200, True)])
        shapes += text_box(
            3, "Indhold", margin, 1752600, SLIDE_W - 2 * margin, 4572000,
            [(("• " + line) if line else "", 2000, False) for line in lines],
        )
    return (
        f"{XML_DECL}<p:sld {PNS}><p:cSld><p:spTree>{EMPTY_GROUP}{shapes}</p:spTree></p:cSld>"
        '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>'
    )


def make_pptx(path: Path, title: str, subject: str, slides: list[tuple[str, list[str]]]) -> None:
    """slides: (slide title, lines); the first slide is a title slide."""
    parts, overrides = package_parts(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        title, subject, "Microsoft Office PowerPoint",
    )
    pres_rels = [("rId1", RT_MASTER, "slideMasters/slideMaster1.xml")]
    slide_ids = []
    for i, (slide_title, lines) in enumerate(slides, start=1):
        parts[f"ppt/slides/slide{i}.xml"] = make_slide(slide_title, lines, i == 1)
        parts[f"ppt/slides/_rels/slide{i}.xml.rels"] = rels(
            [("rId1", RT_LAYOUT, "../slideLayouts/slideLayout1.xml")]
        )
        overrides.append(
            (f"/ppt/slides/slide{i}.xml", "application/vnd.openxmlformats-officedocument.presentationml.slide+xml")
        )
        pres_rels.append((f"rId{i + 1}", RT_SLIDE, f"slides/slide{i}.xml"))
        slide_ids.append(f'<p:sldId id="{255 + i}" r:id="rId{i + 1}"/>')
    theme_rid = f"rId{len(slides) + 2}"
    pres_rels.append((theme_rid, RT_THEME, "theme/theme1.xml"))
    parts["ppt/presentation.xml"] = (
        f'{XML_DECL}<p:presentation {PNS} saveSubsetFonts="1">'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        f"<p:sldIdLst>{''.join(slide_ids)}</p:sldIdLst>"
        f'<p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/>'
        "<p:defaultTextStyle>"
        '<a:lvl1pPr><a:defRPr sz="1800" lang="da-DK"/></a:lvl1pPr>'
        "</p:defaultTextStyle></p:presentation>"
    )
    parts["ppt/_rels/presentation.xml.rels"] = rels(pres_rels)
    parts["ppt/slideMasters/slideMaster1.xml"] = SLIDE_MASTER
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = rels(
        [("rId1", RT_LAYOUT, "../slideLayouts/slideLayout1.xml"), ("rId2", RT_THEME, "../theme/theme1.xml")]
    )
    parts["ppt/slideLayouts/slideLayout1.xml"] = SLIDE_LAYOUT
    parts["ppt/slideLayouts/_rels/slideLayout1.xml.rels"] = rels(
        [("rId1", RT_MASTER, "../slideMasters/slideMaster1.xml")]
    )
    parts["ppt/theme/theme1.xml"] = THEME
    overrides += [
        ("/ppt/slideMasters/slideMaster1.xml",
         "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"),
        ("/ppt/slideLayouts/slideLayout1.xml",
         "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"),
        ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
    ]
    parts["[Content_Types].xml"] = content_types(overrides)
    write_zip(path, parts)


# --------------------------------------------------------------------------- the templates

SUBJECT = "Skabelon til implementeringen af Kommunernes Ydelsessystem (KY)"
NOTE = "Skabelon fra KY-håndbogen. Udfyld, tilpas og revidér løbende gennem projektet."

KOMMUNALE_ROLLER = [
    "Projektejer for KY",
    "It-/digitaliseringschef",
    "Projektleder for KY-implementeringen",
    "Ansvarlig for forandringsledelse",
    "Gevinstejer",
    "Gevinstansvarlig",
    "KIGO-ansvarlig for KY",
    "Ansvarlig for kommunens it-miljø og it-infrastruktur",
    "STS-systemejer",
    "Lokal administrator for Organisation",
    "Lokal administrator for Klassifikation",
    "Lokal administrator for KY",
    "Lokal administrator for Adgangsstyring",
    "Lokale KY-trænere",
    "Supportberettigede brugere",
]

TEMAER = [
    "Projektstyring", "Forandringsledelse", "Gevinstrealisering", "Uddannelse",
    "Ud- og indfasning", "Konfigurering", "Forvaltning og drift",
]


def xlsx_templates() -> dict[str, tuple[str, list[dict]]]:
    return {
        "organisationsplan": ("Organisationsplan", [{
            "name": "Organisationsplan",
            "note": "Projektorganisationen for KY i kommunen. Rollerne svarer til håndbogens liste over kommunale roller.",
            "headers": ["Rolle", "Navn", "Afdeling", "Ansvar og opgaver i KY-projektet", "Forventet tidsforbrug (timer pr. uge)", "Periode"],
            "rows": [[r] for r in KOMMUNALE_ROLLER],
            "empty": 5,
            "widths": [45, 25, 25, 50, 20, 18],
        }]),
        "kontaktpersonliste": ("Kontaktpersonliste", [{
            "name": "Kontaktpersoner",
            "note": "Kontaktpersoner i kommunen, hos KOMBIT og hos EG.",
            "headers": ["Navn", "Rolle i KY-projektet", "Organisation", "Telefon", "E-mail", "Bemærkninger"],
            "empty": 20,
            "widths": [25, 35, 20, 15, 30, 35],
        }]),
        "interessentanalyse": ("Interessentanalyse", [{
            "name": "Interessentanalyse",
            "note": NOTE,
            "headers": ["Interessent", "Interesse i projektet", "Påvirkes af KY (lav/middel/høj)",
                        "Indflydelse på projektet (lav/middel/høj)", "Forventet holdning", "Strategi",
                        "Ansvarlig", "Kommunikationsbehov"],
            "rows": [["Projektejer og styregruppe"], ["Ledelsen i Ydelsescenteret"],
                     ["Sagsbehandlere i Ydelsescenteret"], ["Øvrige professionelle brugere"],
                     ["Lokale KY-trænere"], ["It-afdelingen"], ["Borgere"]],
            "empty": 8,
            "widths": [32, 35, 18, 18, 22, 28, 20, 35],
        }]),
        "risikoanalyse": ("Risikoanalyse", [{
            "name": "Risikoanalyse",
            "note": "Risikotal = sandsynlighed × konsekvens (skala 1-5). " + NOTE,
            "headers": ["Nr.", "Risiko", "Årsag", "Konsekvens for projektet", "Sandsynlighed (1-5)",
                        "Konsekvens (1-5)", "Risikotal", "Forebyggende tiltag", "Ansvarlig", "Status"],
            "rows": [[i, "", "", "", "", "", "=E{r}*F{r}"] for i in range(1, 16)],
            "empty": 0,
            "widths": [6, 35, 30, 30, 14, 14, 12, 35, 20, 14],
        }]),
        "kommunikationsplan": ("Kommunikationsplan", [{
            "name": "Kommunikationsplan",
            "note": "Uger regnes fra idriftsættelsesdatoen (uge 0). " + NOTE,
            "headers": ["Uge", "Målgruppe", "Budskab", "Kanal", "Afsender", "Ansvarlig", "Status"],
            "empty": 20,
            "widths": [8, 30, 45, 22, 22, 20, 14],
        }]),
        "milepaelsplan": ("Milepælsplan", [{
            "name": "Milepælsplan",
            "note": "Uger regnes fra idriftsættelsesdatoen (uge 0). Tilføj kommunens egne milepæle.",
            "headers": ["Milepæl", "Uge", "Dato", "Kriterium for at milepælen er nået", "Ansvarlig", "Status"],
            "rows": [["Kickoff: opstart af udrulningsforløbet", -13],
                     ["Uddannelse af lokale administratorer", -9],
                     ["Uddannelse af lokale KY-trænere", -6],
                     ["Idriftsættelsesdato", 0],
                     ["Overlevering fra KY-projekt til KY-drift", 6]],
            "empty": 10,
            "widths": [45, 8, 14, 45, 20, 14],
        }]),
        "tids-og-leveranceplan": ("Tids- og leveranceplan", [{
            "name": "Tids- og leveranceplan",
            "note": "Generisk tids- og leveranceplan. Uger regnes fra idriftsættelsesdatoen (uge 0).",
            "headers": ["Tema", "Aktivitet eller leverance", "Fase", "Start (uge)", "Slut (uge)",
                        "Ansvarlig", "Afhængigheder", "Status"],
            "rows": [[t] for t in TEMAER],
            "empty": 20,
            "widths": [22, 45, 18, 12, 12, 20, 30, 14],
        }]),
        "opsamling-af-spoergsmaal-og-svar": ("Opsamling af spørgsmål og svar", [{
            "name": "Spørgsmål og svar",
            "note": "Saml spørgsmål fra kickoffmøderne, og del svarene med medarbejderne bagefter.",
            "headers": ["Nr.", "Møde", "Spørgsmål", "Stillet af (funktion)", "Svar", "Besvaret af", "Delt med medarbejderne (dato)"],
            "rows": [[i] for i in range(1, 21)],
            "empty": 0,
            "widths": [6, 18, 50, 22, 50, 20, 20],
        }]),
        "maaltavle": ("Måltavle", [{
            "name": "Måltavle",
            "note": "Status: grøn = på plan, gul = risiko, rød = bagud. Gennemgås på projektgruppe- og styregruppemøder.",
            "headers": ["Mål", "Målepunkt", "Baseline", "Målværdi", "Aktuel værdi", "Status (grøn/gul/rød)", "Handling", "Ansvarlig"],
            "empty": 15,
            "widths": [35, 30, 14, 14, 14, 16, 35, 20],
        }]),
        "as-is-proceskommentar": ("As-Is proceskommentar", [{
            "name": "As-Is proceskommentar",
            "note": "Ét ark pr. kortlagt proces. Numrene svarer til trinene i procesdiagrammet.",
            "headers": ["Proces", "Trin nr.", "Aktivitet", "Aktør", "It-system", "Kommentar eller udfordring",
                        "Tidsforbrug (min.)", "Forbedringsforslag nr."],
            "empty": 25,
            "widths": [25, 8, 40, 20, 18, 45, 14, 16],
        }]),
        "forbedringsforslagsliste": ("Forbedringsforslagsliste", [{
            "name": "Forbedringsforslag",
            "note": "Samler forbedringsforslagene fra alle idealiserede As-Is processer.",
            "headers": ["Nr.", "Forbedringsforslag", "Proces(er)", "Trin", "Type (teknisk/organisatorisk)",
                        "Forventet effekt", "Går igen i flere processer (ja/nej)", "Prioritet", "Ansvarlig"],
            "rows": [[i] for i in range(1, 31)],
            "empty": 0,
            "widths": [6, 45, 25, 8, 18, 35, 16, 10, 20],
        }]),
        "to-be-proceskommentar": ("To-Be proceskommentar", [{
            "name": "To-Be proceskommentar",
            "note": "Ét ark pr. fremtidig arbejdsgang, når KY er taget i brug.",
            "headers": ["Proces", "Trin nr.", "Aktivitet", "Aktør", "Funktion i KY", "Ændring i forhold til As-Is",
                        "Forventet tidsforbrug (min.)", "Forbedringsforslag nr."],
            "empty": 25,
            "widths": [25, 8, 40, 20, 25, 45, 16, 16],
        }]),
        "konsolideret-gevinstrealiseringsplan": ("Konsolideret gevinstrealiseringsplan", [{
            "name": "Gevinstrealiseringsplan",
            "note": "Eksemplets tider er vilkårlige og ikke målt i kommunerne.",
            "headers": ["Nr.", "Gevinsthypotese", "Type (kvalitativ/kvantitativ)", "Mål", "Målepunkt",
                        "Baseline As-Is (min.)", "Estimat To-Be (min.)", "Estimeret gevinst (min. pr. sag)",
                        "Gevinstejer", "Gevinstansvarlig", "Tidsplan for implementering", "Opfølgning (hvornår og hvordan)",
                        "Kobling til gevinsttræet", "Status"],
            "rows": [[1, "Eksempel: kortere procestid for Kontanthjælp eller Uddannelseshjælp", "Kvantitativ",
                      "", "Procestid pr. sag", 45, 30, "=F{r}-G{r}"]],
            "empty": 15,
            "widths": [6, 45, 16, 30, 22, 14, 14, 16, 20, 20, 25, 30, 22, 12],
        }]),
    }


def docx_templates() -> dict[str, tuple[str, list[tuple]]]:
    return {
        "maalhierarki": ("Målhierarki", [
            ("p", "Målhierarkiet binder kommunens vision for KY sammen med projektets mål, delmål og de "
                  "succeskriterier, I vil måle på. Afstem det i projektorganisationen ved projektstart."),
            ("h1", "Vision"),
            ("p", ""),
            ("h1", "Formål med implementeringen af KY"),
            ("p", ""),
            ("h1", "Mål"),
            ("table", ["Mål", "Delmål", "Succeskriterium", "Måles hvordan og hvornår", "Ansvarlig"], [], 6),
            ("h1", "Sammenhæng med gevinsttræ og businesscase"),
            ("p", ""),
        ]),
        "beslutningsreferat": ("Beslutningsreferat", [
            ("table", ["Møde", "Dato", "Referent"], [["Styregruppemøde / projektgruppemøde", "", ""]], 0),
            ("h1", "Deltagere og afbud"),
            ("p", ""),
            ("h1", "Beslutninger"),
            ("table", ["Punkt", "Beslutning", "Ansvarlig", "Frist"], [], 6),
            ("h1", "Opfølgning fra sidste møde"),
            ("table", ["Punkt", "Status", "Ansvarlig"], [], 4),
            ("h1", "Næste møde"),
            ("p", ""),
        ]),
        "gevinsthypotese": ("Gevinsthypotese", [
            ("p", "Én gevinsthypotese pr. dokument. Hypotesen bygger på et eller flere forslag fra "
                  "forbedringsforslagslisten."),
            ("h1", "Titel og nummer"),
            ("p", ""),
            ("h1", "Baggrund"),
            ("p", "Hvilke forbedringsforslag og processer bygger hypotesen på?"),
            ("h1", "Beskrivelse af hypotesen"),
            ("p", ""),
            ("h1", "Gevinster"),
            ("h2", "Kvalitative gevinster"),
            ("p", ""),
            ("h2", "Kvantitative gevinster"),
            ("table", ["Målepunkt", "Baseline (As-Is)", "Estimat (To-Be)", "Estimeret gevinst"],
             [["Eksempel: procestid pr. sag", "45 min.", "30 min.", "15 min."]], 3),
            ("p", "Eksemplets tider er vilkårlige og ikke målt i kommunerne."),
            ("h1", "Forudsætninger"),
            ("p", ""),
            ("h1", "Gevinstejer og gevinstansvarlig"),
            ("p", ""),
            ("h1", "Kobling til gevinsttræet"),
            ("p", ""),
        ]),
        "kompetenceprofil-for-lokale-ky-traenere": ("Kompetenceprofil for lokale KY-trænere", [
            ("p", "Brug profilen, når kommunen skal udvælge sine lokale KY-trænere. Trænerne skal deltage i "
                  "EG's tilstedeværelseskursus seks uger før idriftsættelsesdatoen."),
            ("h1", "Trænerens opgaver"),
            ("li", "Planlægge, forberede og afholde uddannelse og efteruddannelse for sagsbehandlerne i Ydelsescenteret."),
            ("li", "Holde introduktionsmøder for sagsbehandlere og øvrige professionelle brugere."),
            ("li", "Give råd og vejledning (floor walk), når sagerne konverteres fra KMD Aktiv/BIS-Y til KY."),
            ("li", "Støtte de øvrige professionelle brugere, mens de tager e-learning."),
            ("li", "Finde, samle og rapportere fejl i KY."),
            ("li", "Planlægge og holde webinarer og opfølgningsdage."),
            ("h1", "Typisk baggrund"),
            ("p", "Erfarne sagsbehandlere eller fagkonsulenter fra Ydelsescenteret og evt. Borgerservicecenteret."),
            ("h1", "Vurdering af kandidater"),
            ("table", ["Kandidat", "Faglig erfaring på ydelsesområdet", "Formidling og undervisning",
                       "It-færdigheder", "Tid til opgaven", "Samlet vurdering"], [], 6),
        ]),
    }


def pptx_templates() -> dict[str, tuple[str, list[tuple[str, list[str]]]]]:
    return {
        "fremdriftsrapportering": ("Fremdriftsrapportering", [
            ("Fremdriftsrapportering", ["KY-projektet i kommunen", "Styregruppemøde – dato"]),
            ("Samlet status", ["Status: grøn / gul / rød", "Vigtigste resultater siden sidst",
                               "Næste periodes vigtigste aktiviteter"]),
            ("Milepæle", ["Milepæl – planlagt uge – forventet uge – status",
                          "Uger regnes fra idriftsættelsesdatoen (uge 0)"]),
            ("Status pr. tema", [t + ": status og bemærkning" for t in TEMAER]),
            ("KIGO-opgaver", ["Obligatoriske opgaver og opgaver på kritisk vej i gul eller rød",
                              "Handling og ansvarlig"]),
            ("Risici", ["De største risici fra risikoanalysen", "Nye risici og forebyggende tiltag"]),
            ("Beslutninger", ["Punkter, styregruppen skal beslutte"]),
        ]),
        "procesdiagram": ("Procesdiagram", [
            ("Procesdiagram", ["Proces: navn", "As-Is eller To-Be", "Dato og deltagere"]),
            ("Sådan tegnes processen", ["Én svømmebane pr. aktør, fx sagsbehandler, borger, leder og KY",
                                        "Nummerér hvert trin; numrene bruges i proceskommentar-arket",
                                        "Marker start, aktiviteter, beslutninger og slut",
                                        "Skriv udfordringer og forslag i proceskommentar-arket, ikke i diagrammet"]),
            ("Proces: navn", ["Svømmebane 1: aktør", "Svømmebane 2: aktør", "Svømmebane 3: aktør",
                              "Svømmebane 4: it-system"]),
        ]),
        "indsats-effektdiagram": ("Indsats-/effektdiagram", [
            ("Indsats-/effektdiagram", ["Gevinsthypotese: titel og nummer"]),
            ("Fra indsats til gevinst", ["Indsatser: hvad gør vi?", "Resultater: hvad kommer der ud af det?",
                                         "Effekter: hvad ændrer sig i arbejdet?",
                                         "Gevinster: hvilke kvalitative og kvantitative gevinster opnås?"]),
            ("Forudsætninger og målepunkter", ["Forudsætninger for at effekten opstår",
                                               "Målepunkter og baseline", "Gevinstejer og gevinstansvarlig"]),
        ]),
    }


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "content" / "skabeloner"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for slug, (title, sheets) in xlsx_templates().items():
        for sheet in sheets:
            sheet.setdefault("title", title)
        make_xlsx(out / f"{slug}.xlsx", title, SUBJECT, sheets)
        written.append(f"{slug}.xlsx")
    for slug, (title, blocks) in docx_templates().items():
        make_docx(out / f"{slug}.docx", title, SUBJECT, blocks)
        written.append(f"{slug}.docx")
    for slug, (title, slides) in pptx_templates().items():
        make_pptx(out / f"{slug}.pptx", title, SUBJECT, slides)
        written.append(f"{slug}.pptx")
    for name in written:
        with zipfile.ZipFile(out / name) as zf:
            bad = zf.testzip()
            if bad:
                raise SystemExit(f"{name}: corrupt member {bad}")
    print(f"wrote {len(written)} files to {out}")


if __name__ == "__main__":
    main()
