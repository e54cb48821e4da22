"""Command line: ``python -m courses.demo.media_build [img] [audio] [video]``."""

from __future__ import annotations

import shutil
import sys

from .audio import build_audio, load_texts
from .illustrations import build_images
from .video import build_video


def check_tools(parts: set[str]) -> None:
    needed = {"video": ["ffmpeg"]}  # speech and MP3 come from the Python packages
    missing = sorted({tool for part in parts for tool in needed.get(part, []) if not shutil.which(tool)})
    if missing:
        sys.exit("missing tools: " + ", ".join(missing) + " (apt-get install them)")


def main(argv: list[str]) -> None:
    parts = set(argv) or {"img", "audio", "video"}
    unknown = parts - {"img", "audio", "video"}
    if unknown:
        sys.exit(f"unknown part(s): {', '.join(sorted(unknown))}; use img, audio, video")
    check_tools(parts)
    if "img" in parts:
        build_images()
    if parts & {"audio", "video"}:
        texts = load_texts()
        if "audio" in parts:
            build_audio(texts)
        if "video" in parts:
            build_video(texts)


if __name__ == "__main__":
    main(sys.argv[1:])
