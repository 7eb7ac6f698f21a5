from django.apps import AppConfig


class DlhsConfig(AppConfig):
    name = "dlhs"
    verbose_name = "Department site"
