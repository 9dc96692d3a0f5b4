#!/usr/bin/env python3
"""Builds given-names.txt and surnames.txt, the name lists of the anonymisation lint.

Source: the PyPI package `faker` 40.54.0 (MIT licence, Copyright (c) 2012 Daniele Faraglia),
its person providers for the locales below, which list names common in those countries (en_GB's
from the Office for National Statistics), and its en_US lorem word list of common English words,
which marks the names that are also ordinary words.

Run from anywhere, with the wheel downloaded (`pip download faker==40.54.0 --no-deps -d DIR`):
    python3 src/privacy/data/build.py DIR/faker-40.54.0-py3-none-any.whl
"""

import ast
import pathlib
import sys
import zipfile

# The UK's people, by the languages and countries of the names they commonly carry.
LOCALES = [
    "en_GB", "en_IE", "en_NZ", "en_US", "en", "en_IN", "en_PK", "en_NG", "yo_NG", "ig_NG", "en_KE",
    "pl_PL", "ro_RO", "lt_LT", "pt_PT", "it_IT", "es_ES", "fr_FR", "de_DE", "tr_TR", "nl_NL", "nl_BE",
    "tw_GH",
]
GIVEN = {"first_names", "first_names_male", "first_names_female"}
SURNAMES = {"last_names", "last_names_male", "last_names_female", "unisex_last_names", "male_last_names", "female_last_names"}
LETTERS = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿąćęłńśźżĄĆĘŁŃŚŹŻ'-")


def assignments(source):
    """The names assigned in a provider's class body, with their literal values."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            continue
        if isinstance(target, ast.Name):
            name = target.id
            value = node.value
            if isinstance(value, ast.Call) and value.args:  # OrderedDict((name, weight), ...)
                value = value.args[0]
            try:
                yield name, ast.literal_eval(value)
            except ValueError:
                continue


def words(value):
    items = value.keys() if isinstance(value, dict) else value
    for item in items:
        if isinstance(item, tuple):
            item = item[0]
        if isinstance(item, str):
            yield item


def usable(word):
    return (
        len(word) >= 2
        and word[0].isupper()
        and word[1:].lower() == word[1:]
        and all(c.isascii() and c.isalpha() or c in LETTERS for c in word)
    )


def main(wheel):
    given, surnames = set(), set()
    with zipfile.ZipFile(wheel) as z:
        for locale in LOCALES:
            source = z.read(f"faker/providers/person/{locale}/__init__.py").decode()
            for name, value in assignments(source):
                target = given if name in GIVEN else surnames if name in SURNAMES else None
                if target is not None:
                    target.update(w for w in words(value) if usable(w))
        lorem = z.read("faker/providers/lorem/en_US/__init__.py").decode()
        common = {w for name, value in assignments(lorem) if name == "word_list" for w in words(value)}
    here = pathlib.Path(__file__).parent
    header = (
        "# {what}, from the PyPI package faker 40.54.0 (MIT licence, Copyright (c) 2012 Daniele\n"
        "# Faraglia), locales {locales}; built by build.py. A name followed by \" *\" is also a common\n"
        "# English word (faker's en_US lorem list), so it counts only beside another name.\n"
    )
    for file, names, what in [
        ("given-names.txt", given, "Given names"),
        ("surnames.txt", surnames, "Surnames"),
    ]:
        lines = [f"{n} *" if n.lower() in common else n for n in sorted(names)]
        text = header.format(what=what, locales=", ".join(LOCALES)) + "\n".join(lines) + "\n"
        (here / file).write_text(text, encoding="utf-8")
        print(f"{file}: {len(names)} names, {sum(n.lower() in common for n in names)} also common words")


if __name__ == "__main__":
    main(sys.argv[1])
