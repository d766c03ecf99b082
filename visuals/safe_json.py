"""JSON that is safe to embed inside an HTML <script> element.

Report text is untrusted: a quote holding ``</script>`` or ``<!--`` must not
end or alter the script element. Escaping ``<``, ``>`` and ``&`` (and the
line separators U+2028/2029, which older JS parsers reject) keeps the JSON
valid and inert; JSON.parse restores the original characters.
"""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def dumps_for_script(obj: Any) -> str:
    """Compact JSON of ``obj`` with every character that could break out of a script escaped."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for ch, esc in _ESCAPES:  # str.replace runs in C; per-character Python is 20x slower on 10 MB
        text = text.replace(ch, esc)
    return text
