"""Inspects a PDF with PyMuPDF and prints a JSON summary for test/support/pdf-check.ts.

Usage: python3 pdf-check.py <file.pdf> <page-1.png>

Reports every page's extracted text (which goes through the font's ToUnicode map), the fonts each page uses,
and renders page 1 to a PNG: the share of non-white pixels, and the glyph coverage, i.e. the share of page 1's
visible characters whose glyph box actually has ink in the rendering and whose glyph is not .notdef (a missing
glyph prints as an empty box or nothing at all).
"""
import json
import sys

import pymupdf

ZOOM = 2  # 144 dpi: small text still has a few pixels of ink per glyph.
INK = 200  # a channel below this counts as ink


def page_fonts(page):
    return [
        {"xref": xref, "ext": ext, "type": kind, "name": basefont, "encoding": encoding}
        for (xref, ext, kind, basefont, _ref, encoding, *_rest) in page.get_fonts(full=True)
    ]


def has_ink(pix, rect):
    x0, y0 = max(int(rect[0] * ZOOM), 0), max(int(rect[1] * ZOOM), 0)
    x1, y1 = min(int(rect[2] * ZOOM) + 1, pix.width), min(int(rect[3] * ZOOM) + 1, pix.height)
    samples, n, stride = pix.samples, pix.n, pix.stride
    for y in range(y0, y1):
        row = y * stride
        for x in range(x0, x1):
            i = row + x * n
            if min(samples[i : i + 3]) < INK:
                return True
    return False


def main():
    path, png = sys.argv[1], sys.argv[2]
    doc = pymupdf.open(path)
    pages = [{"text": page.get_text("text"), "fonts": page_fonts(page)} for page in doc]

    page = doc[0]
    pix = page.get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False, colorspace=pymupdf.csRGB)
    pix.save(png)
    samples, n = pix.samples, pix.n
    total = pix.width * pix.height
    dark = sum(1 for i in range(0, len(samples), n) if min(samples[i : i + 3]) < INK)

    checked = inked = notdef = 0
    missing = []
    raw = page.get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for char in span["chars"]:
                    c = char["c"]
                    if c.isspace():
                        continue
                    checked += 1
                    if c == "\ufffd":
                        notdef += 1
                        missing.append(c)
                    elif has_ink(pix, char["bbox"]):
                        inked += 1
                    else:
                        missing.append(c)

    print(
        json.dumps(
            {
                "pageCount": doc.page_count,
                "pageSize": [page.rect.width, page.rect.height],
                "metadata": doc.metadata,
                "pages": pages,
                "render": {
                    "png": png,
                    "width": pix.width,
                    "height": pix.height,
                    "inkFraction": dark / total,
                    "charactersChecked": checked,
                    "glyphCoverage": inked / checked if checked else 0,
                    "notdef": notdef,
                    "missing": "".join(missing[:50]),
                },
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
