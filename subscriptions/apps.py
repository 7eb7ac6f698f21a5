from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "E-mail updates"

    def ready(self):
        from dlhs import schedule
        from subscriptions import tasks

        # Daily: each subscriber's digest goes out once their week or month is over.
        schedule.register(
            schedule.PeriodicJob(
                "Send the e-mail digests that are due", "0 7 * * *", tasks.send_digest_round
            )
        )
