"""The stylesheet defines each selector once, and every class it styles is used somewhere.

A selector written twice is how the sheet drifted before: the later rule silently won the
cascade and the earlier one misled whoever read it. A class that nothing renders is dead
weight in the page budget.
"""

import re
from collections import Counter
from pathlib import Path

import tinycss2

PROJECT = Path(__file__).resolve().parents[2]
STYLESHEET = PROJECT / "static/css/site.css"

# Classes that no template or Python module writes out, and who sets them instead.
SET_ELSEWHERE = {
    "js": "static/js/site.js swaps no-js for js on <html>",
    "is-open": "static/js/site.js toggles it on the navigation",
    "errorlist": "Django's form error lists",
}


def parse(css):
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def style_rules(rules, context=()):
    """(at-rule context, rule) for every style rule, inside @media and @supports too."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield context, rule
        elif rule.type == "at-rule" and rule.content is not None:
            prelude = " ".join(tinycss2.serialize(rule.prelude).split())
            inner = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from style_rules(inner, (*context, f"@{rule.lower_at_keyword} {prelude}"))


def selectors(rule):
    """The selectors of a rule's list, split at top-level commas (not those inside :is())."""
    current, found = [], []
    for token in rule.prelude:
        if token.type == "literal" and token.value == ",":
            found.append(current)
            current = []
        else:
            current.append(token)
    found.append(current)
    return [" ".join(tinycss2.serialize(tokens).split()) for tokens in found]


def class_names(rule):
    names = set()

    def walk(tokens):
        previous = None
        for token in tokens:
            if token.type == "ident" and previous is not None and previous.type == "literal":
                if previous.value == ".":
                    names.add(token.value)
            if token.type == "function":
                walk(token.arguments)
            previous = token

    walk(rule.prelude)
    return names


def selector_counts(css):
    return Counter(
        (context, selector)
        for context, rule in style_rules(parse(css))
        for selector in selectors(rule)
    )


def test_each_selector_is_defined_once():
    twice = {key: n for key, n in selector_counts(STYLESHEET.read_text()).items() if n > 1}
    assert twice == {}


def test_the_duplicate_check_reads_media_blocks_and_selector_lists():
    css = """
        .a, .b { color: red; }
        .b { margin: 0; }
        @media (min-width: 40em) { .a { color: blue; } }
        :is(h1, h2) { margin: 0; }
        h1 { margin-top: 1rem; }
    """
    counts = selector_counts(css)
    assert counts[((), ".b")] == 2
    assert counts[((), ".a")] == 1
    assert counts[(("@media (min-width: 40em)",), ".a")] == 1
    assert counts[((), "h1")] == 1


def source_text():
    paths = [*PROJECT.glob("templates/**/*.html"), *PROJECT.glob("static/js/*.js")]
    for app in ("dlhs", "pages", "news", "people"):
        paths += [path for path in (PROJECT / app).rglob("*.py") if "migrations" not in path.parts]
    return "\n".join(path.read_text() for path in paths)


def test_every_class_in_the_stylesheet_is_used():
    names = set()
    for _, rule in style_rules(parse(STYLESHEET.read_text())):
        names |= class_names(rule)
    text = source_text()
    # A modifier a template fills in ("status--{{ goal.status }}") uses every class it can make.
    prefixes = tuple(re.findall(r"([\w-]+--)\{\{", text))
    unused = {
        name
        for name in names - set(SET_ELSEWHERE)
        if not name.startswith(prefixes)
        and not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    }
    assert unused == set()
