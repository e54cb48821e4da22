"""Draw the web-app icons (an open book on the site's blue) with Pillow, so no binary comes from elsewhere.

Run `.venv/bin/python offline/make_icons.py` after changing the drawing; the PNGs are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (11, 92, 173, 255)  # #0b5cad, the site's brand colour
WHITE = (255, 255, 255, 255)
GOLD = (255, 196, 61, 255)
OUT = Path(__file__).resolve().parent / "static" / "offline" / "icons"
# /favicon.ico at the site root (whitenoise's WHITENOISE_ROOT): browsers and in-app browsers ask for it
# even when a page names its icon, and a 404 on every page fills the logs.
ROOT_FILES = Path(__file__).resolve().parents[1] / "lms" / "root"
SCALE = 4  # draw large, then shrink: smooth edges without an anti-aliasing library


def _book(draw, size, content):
    """An open book with a bookmark, fitted into the central ``content`` fraction of the icon."""
    margin = size * (1 - content) / 2
    unit = (size - 2 * margin) / 100

    def p(x, y):
        return (margin + x * unit, margin + y * unit)

    spine = 50
    # Two pages that dip towards the spine, like an open book seen from the front.
    draw.polygon([p(6, 26), p(spine - 2, 34), p(spine - 2, 86), p(6, 78)], fill=WHITE)
    draw.polygon([p(spine + 2, 34), p(94, 26), p(94, 78), p(spine + 2, 86)], fill=WHITE)
    for i in range(3):  # lines of text on each page
        y = 46 + i * 11
        draw.line([p(14, y - 4), p(spine - 9, y + 1)], fill=BLUE, width=max(1, round(4 * unit)))
        draw.line([p(spine + 9, y + 1), p(86, y - 4)], fill=BLUE, width=max(1, round(4 * unit)))
    draw.polygon([p(66, 28), p(78, 25), p(78, 48), p(72, 43), p(66, 48)], fill=GOLD)  # bookmark
    # Signal arcs above the book: the lessons travel over the network and stay on the phone.
    box = [p(30, 2), p(70, 42)]
    draw.arc(box, 225, 315, fill=WHITE, width=max(1, round(5 * unit)))
    draw.ellipse([p(47, 15), p(53, 21)], fill=WHITE)


def draw_icon(size, *, maskable=False):
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        # Full bleed; launchers crop to a circle or squircle, so the drawing keeps to the 80% safe zone.
        draw.rectangle([0, 0, big, big], fill=BLUE)
        _book(draw, big, content=0.62)
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.18, fill=BLUE)
        _book(draw, big, content=0.78)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ]:
        draw_icon(size, maskable=maskable).save(OUT / name, optimize=True)
        print(OUT / name)
    draw_icon(48).save(OUT / "favicon-48.png", optimize=True)  # the page's <link rel=icon>
    print(OUT / "favicon-48.png")
    ROOT_FILES.mkdir(parents=True, exist_ok=True)
    draw_icon(48).save(ROOT_FILES / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print(ROOT_FILES / "favicon.ico")


if __name__ == "__main__":
    main()
