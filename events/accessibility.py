"""What keeps an event's recording from being shown (WCAG 2.2 success criteria 1.2.1–1.2.3).

A recording is shown only with its transcript; a self-hosted video only with WebVTT
captions as well. ``EventPage.clean`` refuses to save a recording without them, and other
checks (the accessibility workflow step) call ``recording_problems`` directly.
"""

from django.utils.html import strip_tags

VIDEO_EXTENSIONS = ("mp4", "webm")
CAPTION_EXTENSION = "vtt"


def _extension(document):
    return document.file.name.rsplit(".", 1)[-1].lower() if document and document.file else ""


def recording_problems(page) -> list[str]:
    """Sentences an editor can act on; empty when the recording may be published."""
    recording_file = page.recording_file if page.recording_file_id else None
    captions = page.captions if page.captions_id else None
    if not (page.recording_url or recording_file):
        if captions:
            return ["Captions need a recording: add the uploaded video or remove the captions."]
        return []
    problems = []
    if not strip_tags(page.transcript or "").strip():
        problems.append(
            "A recording needs a transcript: paste it into “Transcript”, or remove the "
            "recording until it is ready."
        )
    if recording_file:
        if _extension(recording_file) not in VIDEO_EXTENSIONS:
            problems.append("An uploaded recording must be an MP4 or WebM video.")
        if captions is None:
            problems.append(
                "An uploaded video needs WebVTT captions: upload the .vtt file under “Captions”."
            )
        elif _extension(captions) != CAPTION_EXTENSION:
            problems.append("Captions must be a WebVTT file ending in .vtt.")
    if page.recording_url and recording_file:
        problems.append("Give the recording as a link or as an uploaded video, not both.")
    return problems


def recording_check(page) -> list[str]:
    """The accessibility workflow step's check (registered in EventsConfig.ready): the
    recording rules for an event, nothing for other pages."""
    return recording_problems(page) if hasattr(page, "transcript") else []
