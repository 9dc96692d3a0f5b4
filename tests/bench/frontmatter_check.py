"""What a user might write instead of `pqs check`: read every record's front-matter with
python-frontmatter and validate it against pqs's own JSON Schema with jsonschema.

It does less than pqs (no positions, no coverage, no sign-offs, no anonymisation lint), so it is a
generous baseline for the comparison in BENCHMARKS.md.

Usage: python frontmatter_check.py SCHEMA FOLDER
"""

import datetime
import json
import pathlib
import sys

import frontmatter
import jsonschema


def plain(value):
    """YAML dates as the text pqs keeps them as."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def main():
    schema = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    records = errors = 0
    for path in sorted(pathlib.Path(sys.argv[2]).rglob("*.md")):
        post = frontmatter.load(path)
        records += 1
        for error in validator.iter_errors(plain(post.metadata)):
            errors += 1
            print(f"{path}: {error.message}")
    print(f"{records} records, {errors} errors")


if __name__ == "__main__":
    main()
