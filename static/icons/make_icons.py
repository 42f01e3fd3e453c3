"""Draw the app icons (PNG, no Pillow): white steps on the brand blue.

Run from the repository root: python static/icons/make_icons.py
"""

import struct
import zlib
from pathlib import Path

BLUE = (0x1D, 0x4F, 0x73)
WHITE = (0xFF, 0xFF, 0xFF)
HERE = Path(__file__).resolve().parent


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(size: int, pixel) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def steps(size: int, margin: float):
    """Three rising steps inside the square, `margin` of the size kept clear."""
    lo, hi = size * margin, size * (1 - margin)
    step = (hi - lo) / 3

    def pixel(x: int, y: int):
        if not (lo <= x < hi and lo <= y < hi):
            return BLUE
        column = int((x - lo) // step)  # 0, 1, 2 from the left
        top = hi - step * (column + 1)
        return WHITE if y >= top else BLUE

    return pixel


def main() -> None:
    for size in (192, 512):
        (HERE / f"icon-{size}.png").write_bytes(png(size, steps(size, 0.2)))
    # Maskable: the safe zone is the centre circle of 80 %; keep the steps well inside.
    (HERE / "maskable-512.png").write_bytes(png(512, steps(512, 0.28)))


if __name__ == "__main__":
    main()
