"""A person's contact card as a vCard 4.0 file (RFC 6350), for address books."""

import datetime
import re

from django.utils.html import strip_tags

CRLF = "\r\n"
MAX_LINE_OCTETS = 75


def escape(value):
    """Escape a TEXT value (RFC 6350 §3.4): backslash, comma, semicolon and newlines."""
    value = str(value)
    for char, escaped in (("\\", "\\\\"), (",", "\\,"), (";", "\\;")):
        value = value.replace(char, escaped)
    return re.sub(r"\r\n|\r|\n", "\\\\n", value)


def structured(*components):
    """A structured value: components separated by ';', each a list separated by ','."""
    parts = []
    for component in components:
        values = component if isinstance(component, list | tuple) else [component]
        parts.append(",".join(escape(value) for value in values if value))
    return ";".join(parts)


def fold(line):
    """Fold a content line into chunks of at most 75 octets (RFC 6350 §3.2).

    Continuation lines start with one space, which counts towards their 75 octets; a
    multi-byte UTF-8 character is never split.
    """
    chunks, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = MAX_LINE_OCTETS if not chunks else MAX_LINE_OCTETS - 1
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return (CRLF + " ").join(chunks)


def split_name(display_name, family_name):
    """Given and additional names: what is left of the shown name once the family name goes."""
    family = family_name.strip()
    rest = display_name.strip()
    if family and family.lower() in rest.lower():
        start = rest.lower().rindex(family.lower())
        rest = (rest[:start] + rest[start + len(family) :]).strip(" ,")
    words = rest.split()
    return (words[0] if words else ""), words[1:]


def person_vcard(person, profile_url, organisation=(), photo_url=""):
    """The text of ``person``'s vCard; ``organisation`` is (name, unit, …) for ORG."""
    given, additional = split_name(person.title, person.family_name)
    suffixes = [part.strip() for part in person.degrees.split(",") if part.strip()]
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//Department of Learning Health Sciences//People directory//EN",
        "KIND:individual",
        f"UID:urn:uuid:{person.translation_key}",
        f"FN:{escape(person.display_name)}",
        f"N:{structured(person.family_name, given, additional, '', suffixes)}",
    ]
    if person.pronouns:
        # Not a vCard property of its own; RFC 6350 §6.10 allows private X- names.
        lines.append(f"X-PRONOUNS:{escape(person.pronouns)}")
    if person.job_title:
        lines.append(f"TITLE:{escape(person.job_title)}")
    if organisation:
        lines.append(f"ORG:{structured(*organisation)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=work:{escape(person.email)}")
    if person.phone_uri:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:{person.phone_uri}")
    if person.office:
        lines.append(f"ADR;TYPE=work:{structured('', person.office, '', '', '', '', '')}")
    lines.append(f"URL:{profile_url}")
    for url in (person.website_url, person.orcid_url, person.google_scholar_url):
        if url:
            lines.append(f"URL;TYPE=work:{url}")
    if photo_url:
        lines.append(f"PHOTO:{photo_url}")
    interests = [tag.name for tag in person.interest_list]
    if interests:
        lines.append(f"CATEGORIES:{structured(interests)}")
    note = person.short_bio or strip_tags(person.bio)
    if note:
        lines.append(f"NOTE:{escape(' '.join(note.split()))}")
    if person.last_published_at:
        revised = person.last_published_at.astimezone(datetime.UTC)
        lines.append(f"REV:{revised.strftime('%Y%m%dT%H%M%SZ')}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)
