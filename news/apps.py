from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        from dlhs import schedule
        from news import signals  # noqa: F401 - connects the receivers
        from news.tasks import fetch_due_story_sources

        # At five past each hour, off the hour when everyone else's feeds are read.
        schedule.register(
            schedule.PeriodicJob(
                "Fetch story sources that are due", "5 * * * *", fetch_due_story_sources
            )  # fmt: skip
        )
