"""The demo site: the client's About page built through the page models (see ``builder``).

Demo content sits above every app: only the ``load_demo_content`` command and the tests import
this package; nothing in ``pages``, ``news``, ``people`` or ``dlhs`` does.
"""
