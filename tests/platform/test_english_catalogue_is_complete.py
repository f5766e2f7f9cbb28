"""Every msgid of the English catalogue has its English, and the compiled .mo is current.

When this fails after adding UI text: run ``konvergensi/locale/update`` and add the English it
lists to ``EN`` in ``konvergensi/locale/translate_en.py`` (konvergensi/locale/README.md)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LC = Path(settings.BASE_DIR) / "konvergensi" / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def _unquote(lines: list[str]) -> str:
    text = "".join(re.search(r'"(.*)"$', line).group(1) for line in lines)
    return re.sub(r'\\(["\\])', r"\1", text).replace("\\n", "\n")


def _entries() -> list[dict]:
    """The live entries of django.po (obsolete ``#~`` ones left out): msgid, msgstrs, fuzzy."""
    entries = []
    for block in (LC / "django.po").read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().split("\n") if not line.startswith("#~")]
        keys = [
            i
            for i, line in enumerate(lines)
            if re.match(r"(msgctxt|msgid|msgid_plural|msgstr)", line)
        ]
        if not keys:
            continue
        parts: dict[str, list[str]] = {}
        for a, b in zip(keys, [*keys[1:], len(lines)], strict=True):
            parts[lines[a].split(" ", 1)[0]] = lines[a:b]
        msgid = _unquote(parts["msgid"])
        if msgid:  # not the header
            entries.append(
                {
                    "msgid": msgid,
                    "context": _unquote(parts["msgctxt"]) if "msgctxt" in parts else None,
                    "plural": "msgid_plural" in parts,
                    "msgstrs": [_unquote(v) for k, v in parts.items() if k.startswith("msgstr")],
                    "fuzzy": any(
                        line.startswith("#,") and "fuzzy" in line for line in lines[: keys[0]]
                    ),
                }
            )
    return entries


ENTRIES = _entries()


def test_it_has_english_for_every_msgid():
    assert len(ENTRIES) > 100  # the catalogue was read
    missing = [e["msgid"] for e in ENTRIES if e["fuzzy"] or not all(e["msgstrs"])]
    assert missing == [], f"{len(missing)} msgids without English, e.g. {missing[:5]}"


def test_it_keeps_the_placeholders_of_every_msgid():
    wrong = [
        (e["msgid"], s)
        for e in ENTRIES
        for s in e["msgstrs"]
        if s and sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(e["msgid"]))
    ]
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po():
    with open(LC / "django.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)

    def compiled(e: dict) -> str:
        return mo.pgettext(e["context"], e["msgid"]) if e["context"] else mo.gettext(e["msgid"])

    stale = [
        e["msgid"]
        for e in ENTRIES
        if not e["plural"] and e["msgstrs"][0] and compiled(e) != e["msgstrs"][0]
    ]
    assert stale == [], f"run manage.py compilemessages: {stale[:5]}"


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Stages in the Guideline"), ("id", "Tahapan menurut Pedoman")]
)
def test_it_shows_the_aksi_page_in_the_chosen_language(client, people, language, text):
    client.force_login(people.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert text in client.get(reverse("cycle:aksi", args=[1])).content.decode()
