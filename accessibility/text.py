"""Clean up text as a phone keyboard's voice input types it.

Voice input adds a full stop at the end ("李奶奶。"), may produce full-width letters and digits
("ＡＢＣ１２３") and ideographic spaces. Chinese punctuation inside the text is kept: only the
characters that change what a name, number or short answer means are normalised.
"""

import re

FULL_WIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5F) if chr(code - 0xFEE0).isalnum()}
TRAILING_PUNCTUATION = "。．.！!？?，,、；;：: "


def normalise_typed_text(value):
    """Half-width letters and digits, single spaces, no punctuation left dangling at either end."""
    text = str(value or "").translate(FULL_WIDTH_ALNUM).replace("\u3000", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(TRAILING_PUNCTUATION)
