from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "E-mail updates"

    def ready(self):
        from dlhs import schedule
        from subscriptions import tasks

        register = getattr(schedule, "register", None)
        if register is not None:  # dlhs.schedule.register lands on main with the events work
            register(
                schedule.PeriodicJob(
                    "Send the e-mail digests that are due", "0 7 * * *", tasks.send_digest_round
                )
            )
