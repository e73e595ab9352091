#!/usr/bin/env python3
"""Checks what headless Chromium produced for one page, for the browser tests.

usage: browser_check.py SCREENSHOT.png NETLOG.json PAGE.pdf
Prints one line per problem and exits 1 when there is any: a screenshot that is blank (almost one
colour), a request to anything but file:, data: or about: URLs in the net log, or a PDF without
pages. PNG decoding uses zlib only (no imaging library).
"""
import json
import re
import struct
import sys
import zlib


def png_pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return [row[x:x + 3] for row in rows for x in range(0, stride, channels)]


def urls(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url" and isinstance(value, str):
                found.add(value)
            else:
                urls(value, found)
    elif isinstance(node, list):
        for value in node:
            urls(value, found)
    return found


def main():
    screenshot, netlog, pdf = sys.argv[1:4]
    problems = []
    pixels = png_pixels(screenshot)
    counts = {}
    for pixel in pixels:
        counts[pixel] = counts.get(pixel, 0) + 1
    background = max(counts.values())
    if len(counts) < 8 or len(pixels) - background < len(pixels) // 100:
        problems.append(f"blank screenshot: {len(counts)} colours, {len(pixels) - background} non-background pixels")
    log = json.load(open(netlog))
    external = sorted(u for u in urls(log.get("events", []), set()) if not u.startswith(("file:", "data:", "about:")))
    if external:
        problems.append("external requests: " + " ".join(external))
    document = open(pdf, "rb").read()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", document))
    if not document.startswith(b"%PDF-") or pages == 0:
        problems.append("printing to PDF gave no pages")
    for problem in problems:
        print(problem)
    print(f"colours={len(counts)} pdf_pages={pages}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
