"""Fill msgstr values in a .po file from a Python dict file, keeping the rest (curators' tool).

    python -m scripts.po_fill locale/ru/LC_MESSAGES/messages.po dict1.py [dict2.py ...]

Each dict file defines TRANSLATIONS = {"msgid": "msgstr", ("singular", "plural"): (one, few,
many)}. Entries not yet in the catalogue are added; existing translations are overwritten.
"""

from __future__ import annotations

import runpy
import sys

from babel.messages.pofile import read_po, write_po


def main(po_path: str, *dict_paths: str) -> int:
    table = {}
    for path in dict_paths:
        table.update(runpy.run_path(path)["TRANSLATIONS"])
    with open(po_path, "rb") as fh:
        catalog = read_po(fh, locale="ru")
    for msgid, msgstr in table.items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        if catalog.get(key) is not None:
            catalog.get(key).string = msgstr  # add() would keep the old string
        else:
            catalog.add(msgid, msgstr)
    with open(po_path, "wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True, omit_header=False, no_location=True)
    print(f"{len(table)} entries written to {po_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
