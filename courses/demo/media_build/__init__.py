"""Regenerate the illustrations, audio and video used by the demo courses.

Why this script exists
----------------------
The demo courses (smartphone basics, digital agriculture, selling through live
streams) need pictures, a voice message and a short captioned video.  We do not
download stock media: licensing is unclear, faces of real people do not belong
in a demo, and the site must be reproducible from the repository alone.  So every
file under ``courses/demo/media/`` is drawn or synthesised here, locally:

* illustrations are drawn with Pillow and saved as small palette PNGs, once with
  Simplified Chinese labels (``<key>.zh.png``) and once with English labels
  (``<key>.en.png``);
* speech is synthesised with espeak-ng (the library bundled by the espeakng-loader
  package; Mandarin is fed numbered pinyin from pypinyin, because the ``cmn``
  voice mispronounces many characters) and encoded to MP3 with soundfile;
* the video is a slideshow assembled with ffmpeg, with WebVTT captions whose cue
  times come from the measured length of each narrated line.

The outputs are committed, so ``make run`` and the test-suite never need
ffmpeg or the CJK fonts.  Run this script only when the
pictures or texts change::

    python -m courses.demo.media_build            # everything
    python -m courses.demo.media_build img        # only illustrations
    python -m courses.demo.media_build audio video

One module per kind of media: ``drawing`` (the shared palette, canvas, icons, figures, phone frame
and registry), ``screens`` (phone screens), ``illustrations`` (scenes, covers and ``build_images``),
``audio`` (the voice message) and ``video`` (the video call).

Requirements: requirements.txt (Pillow, pypinyin, espeakng-loader, soundfile)
plus the Debian packages fonts-noto-cjk and ffmpeg.  Output is deterministic:
running it twice with the same tool versions gives byte-identical files.
"""
