"""TRUSTED_PROXY_COUNT, read from the environment like every other setting."""

from tests.servers import environment, run_manage

PRINT_SETTING = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"


def shell(**env_overrides):
    env = environment(
        {"DJANGO_SETTINGS_MODULE": "dlhs.settings.test", **env_overrides},
        without=["TRUSTED_PROXY_COUNT"],
    )
    return run_manage(env, "shell", "--no-imports", "-c", PRINT_SETTING, timeout=120)


def test_no_proxy_is_trusted_by_default():
    assert shell().stdout.strip() == "0"


def test_the_count_comes_from_the_environment():
    assert shell(TRUSTED_PROXY_COUNT="2").stdout.strip() == "2"


def test_nonsense_is_refused_by_name():
    for value in ("-1", "two"):
        result = shell(TRUSTED_PROXY_COUNT=value)
        assert result.returncode != 0
        assert "TRUSTED_PROXY_COUNT" in result.stderr
