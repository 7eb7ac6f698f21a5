from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from dlhs import accessibility
        from events import signals  # noqa: F401 - connects the receivers
        from events.accessibility import recording_check

        accessibility.register_check(recording_check)
